// A throw-away fleet on loopback: its own PostgreSQL cluster (restartable, unlike the shared TEST_POSTGRES_URL),
// a redis-server, two instances of each app kept running by a small supervisor (as systemd's Restart= would),
// and nginx running the shipped deploy/nginx configuration with only ports, certificate and log paths replaced.
// bench/fleet.mjs starts it with one instance of each app too, and reads the processes' CPU time (pids()).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { BBODOK_BIN, BIN as DAENGTIONARY_BIN, freePort } from '../../e2e/lib/server.mjs';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const NGINX = '/usr/sbin/nginx';
export const REDIS_SERVER = '/usr/bin/redis-server';
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const bash = (script, env = {}) =>
  execFileSync('bash', ['-c', script], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();

async function until(check, what, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${ms} ms`);
    await sleep(100);
  }
}

const accepts = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
  socket.on('error', () => resolve(false));
});

export async function ready(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

// PostgreSQL through scripts/lib/postgres.sh, in dir/pg on its own port: { url(db), restart(), stop() }.
async function startPostgres(dir) {
  const port = await freePort();
  const pgDir = path.join(dir, 'pg');
  const lib = `source scripts/lib/postgres.sh`;
  const base = bash(`${lib} && postgres_start ${pgDir} ${port} >&2 && echo "$TEST_POSTGRES_URL"`);
  for (const name of ['daengtionary', 'bbodok']) execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name}`]);
  const url = (name) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  return {
    url,
    psql: (name, sql) => execFileSync('psql', [url(name), '-tAc', sql], { encoding: 'utf8' }).trim(),
    restart: () => bash(`${lib} && postgres_stop ${pgDir} && postgres_start ${pgDir} ${port} >&2`),
    pid: () => Number(fs.readFileSync(path.join(pgDir, 'data/postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => bash(`${lib} && postgres_stop ${pgDir}`),
  };
}

async function startRedis(dir) {
  const port = await freePort();
  let child;
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
                  { stdio: 'ignore', cwd: dir });
    await until(() => accepts(port), 'redis-server');
  };
  const kill = () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGKILL'); });
  await start();
  return { url: (db) => `redis://127.0.0.1:${port}/${db}`, start, kill, pid: () => child.pid };
}

// One instance, restarted by its supervisor whenever it exits until stop(); its pid in dir/<name>.pid.
function supervise(dir, app, port, env) {
  const name = `${app}@${port}`;
  const log = path.join(dir, `${app}-${port}.log`);
  const exits = [];
  let child;
  let stopping = false;
  const launch = () => {
    const fd = fs.openSync(log, 'a');
    child = spawn(app === 'bbodok' ? BBODOK_BIN : DAENGTIONARY_BIN, ['--config', path.join(dir, 'empty.toml')],
                  { cwd: dir, env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    fs.writeFileSync(path.join(dir, `${name}.pid`), String(child.pid));
    child.once('exit', (code, signal) => {
      exits.push({ code, signal });
      if (!stopping) launch();
    });
  };
  launch();
  return {
    name, app, port, exits, log: () => fs.readFileSync(log, 'utf8'), pid: () => child.pid,
    stop: () => new Promise((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

// deploy/nginx/*.conf with the fleet's ports, a self-signed certificate and logs in dir. With one instance of each
// app, the second instance's lines name the first, so nginx runs the shipped configuration either way. With
// referencePort, a server on it answers a fixed JSON body over the same TLS: the benchmark's yardstick.
function nginxConfig(dir, ports, publicPorts, redirectPort, referencePort) {
  const second = (app) => ports[app][1] ?? ports[app][0];
  const instancePort = { 8080: ports.daengtionary[0], 8082: second('daengtionary'), 8081: ports.bbodok[0], 8083: second('bbodok') };
  const key = path.join(dir, 'tls.key');
  const cert = path.join(dir, 'tls.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
                           '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const includes = [];
  for (const file of ['common', 'daengtionary', 'bbodok']) {
    let text = fs.readFileSync(path.join(repoRoot, 'deploy/nginx', `${file}.conf`), 'utf8');
    text = text.replace(/\b(808[0-3])\b/g, (p) => String(instancePort[p]))
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace(/listen 443 ssl;/g, `listen 127.0.0.1:${publicPorts[file]} ssl;`)
      .replace(/listen 80;/g, `listen 127.0.0.1:${redirectPort};`)
      .replace(/ssl_certificate\s+(\S+);/g, `ssl_certificate ${cert};`)
      .replace(/ssl_certificate_key\s+(\S+);/g, `ssl_certificate_key ${key};`)
      .replace(/\/var\/log\/nginx\//g, `${dir}/`);
    fs.writeFileSync(path.join(dir, `${file}.conf`), text);
    includes.push(`    include ${dir}/${file}.conf;`);
  }
  if (referencePort) {
    includes.push(`    server {
        listen 127.0.0.1:${referencePort} ssl;
        ssl_certificate ${cert};
        ssl_certificate_key ${key};
        access_log ${dir}/reference.access.log fleet;
        location / { default_type application/json; return 200 '{"status":"UP"}'; }
    }`);
  }
  const temp = path.join(dir, 'nginx-temp');
  fs.mkdirSync(temp, { mode: 0o777 });
  fs.chmodSync(temp, 0o777);
  const main = `daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 2048; }
http {
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
${includes.join('\n')}
}
`;
  const file = path.join(dir, 'nginx.conf');
  fs.writeFileSync(file, main);
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', file], { stdio: 'pipe' });  // the shipped config parses
  return file;
}

// Options: instances, 2 (default) or 1 of each app; kv, 'redis' (default) or 'memory' (each instance's own, so
// one instance only); seed, `seed` subcommand arguments per app ({ bbodok: ['--bulk-groups', '50'] }) run on the
// empty database before the first instance starts; reference, a fixed response in nginx (fleet.urls.reference).
export async function startFleet({ instances: count = 2, kv = 'redis', seed = {}, reference = false } = {}) {
  if (kv === 'memory' && count > 1) throw new Error('instances of one app share state only through Redis');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
  fs.chmodSync(dir, 0o755);  // the PostgreSQL server's user must reach dir/pg
  fs.writeFileSync(path.join(dir, 'empty.toml'), '[log]\nlevel = "info"\n');
  const pg = await startPostgres(dir);
  const redis = await startRedis(dir);
  const ports = { daengtionary: [], bbodok: [] };
  for (let i = 0; i < count; ++i) for (const app of Object.keys(ports)) ports[app].push(await freePort());
  const publicPorts = { daengtionary: await freePort(), bbodok: await freePort() };
  const urls = { daengtionary: `https://127.0.0.1:${publicPorts.daengtionary}`, bbodok: `https://127.0.0.1:${publicPorts.bbodok}` };
  const referencePort = reference ? await freePort() : undefined;
  if (referencePort) urls.reference = `https://127.0.0.1:${referencePort}`;
  const storage = path.join(dir, 'images');
  const common = (prefix, app, port) => ({
    ...process.env,
    [`${prefix}_HTTP_ADDRESS`]: '127.0.0.1',
    [`${prefix}_HTTP_PORT`]: String(port),
    [`${prefix}_HTTP_IO_THREADS`]: '2',
    [`${prefix}_HTTP_ACCESS_LOG`]: 'false',
    [`${prefix}_HTTP_INSTANCE_NAME`]: `web1-${port}`,
    [`${prefix}_SQL_URL`]: pg.url(app),
    [`${prefix}_SQL_MIGRATIONS`]: path.join(repoRoot, 'migrations', app),
    ...(kv === 'redis' ? { [`${prefix}_KV_URL`]: redis.url(app === 'daengtionary' ? 0 : 1) } : {}),
  });
  const secrets = { daengtionary: randomBytes(48).toString('base64'), bbodok: randomBytes(48).toString('base64') };
  const envs = {
    daengtionary: (port) => ({ ...common('DAENGTIONARY', 'daengtionary', port), DAENGTIONARY_JWT_SECRET: secrets.daengtionary,
                               DAENGTIONARY_STORAGE_ROOT: storage, DAENGTIONARY_STORAGE_PUBLIC_BASE_URL: urls.daengtionary }),
    bbodok: (port) => ({ ...common('BBODOK', 'bbodok', port), BBODOK_JWT_SECRET: secrets.bbodok, BBODOK_MEMBER_DEV_LOGIN: 'true' }),
  };
  const instances = [];
  const fleet = { dir, pg, redis, urls, instances, secrets };
  fleet.stop = async () => {
    if (fleet.nginx) { fleet.nginx.kill('SIGTERM'); await new Promise((resolve) => fleet.nginx.once('exit', resolve)); }
    await Promise.all(instances.map((i) => i.stop()));
    await redis.kill();
    pg.stop();
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [app, args] of Object.entries(seed)) {
      const bin = app === 'bbodok' ? BBODOK_BIN : DAENGTIONARY_BIN;
      execFileSync(bin, ['--config', path.join(dir, 'empty.toml'), 'seed', ...args], { cwd: dir, env: envs[app](ports[app][0]), stdio: 'ignore' });
    }
    // One instance of each app first (it applies the migrations), then its sibling.
    for (let i = 0; i < count; ++i) {
      for (const app of ['daengtionary', 'bbodok']) {
        const port = ports[app][i];
        instances.push(supervise(dir, app, port, envs[app](port)));
        await until(() => ready(port), `${app} on ${port}`);
      }
    }
    const conf = nginxConfig(dir, ports, publicPorts, await freePort(), referencePort);
    fleet.nginx = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: 'ignore' });
    await until(() => accepts(publicPorts.bbodok), 'nginx');
    // Every process that serves a request, for CPU accounting: the instances, nginx, PostgreSQL, Redis.
    fleet.pids = () => ({ ...Object.fromEntries(instances.map((i) => [i.name, i.pid()])), nginx: fleet.nginx.pid,
                          postgresql: pg.pid(), redis: redis.pid() });
    // deploy/rolling-restart restarts an instance with this: SIGTERM, then wait for the exit (the supervisor
    // starts it again), as `systemctl restart` returns only once the old process is gone.
    fleet.restartCommand = path.join(dir, 'restart-instance');
    fs.writeFileSync(fleet.restartCommand, `#!/bin/sh
pid=$(cat "${dir}/$1.pid")
kill -TERM "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
`, { mode: 0o755 });
    return fleet;
  } catch (e) {
    await fleet.stop();
    throw e;
  }
}
