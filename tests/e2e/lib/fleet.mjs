// Two instances of an app on one PostgreSQL and one throw-away redis-server (kv.url), for the fleet suites:
// clients talk to each instance directly (no proxy in between).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { BBODOK_BIN, BIN, DATABASE, freePort, startServer } from './server.mjs';

export const REDIS_SERVER = '/usr/bin/redis-server';

export const quiet = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ready(check, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms} ms`);
    await quiet(50);
  }
}

const answers = async (url) => {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
};

// Why a fleet suite cannot run here, or null.
export function fleetSkipReason() {
  if (DATABASE !== 'postgresql') return 'two instances share one database: run with E2E_DATABASE=postgresql';
  if (!process.env.TEST_POSTGRES_URL) return 'no TEST_POSTGRES_URL: no PostgreSQL for the instances to share';
  if (!fs.existsSync(REDIS_SERVER)) return 'redis-server is not installed (scripts/bootstrap installs it)';
  return null;
}

// A throw-away redis-server; { url, stop() }.
export async function startRedis() {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
                      { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await ready(() => new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  }), 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, stop: async () => { child.kill('SIGKILL'); await exited; } };
}

const PREFIX = { daengtionary: 'DAENGTIONARY', bbodok: 'BBODOK' };
const BINARY = { daengtionary: BIN, bbodok: BBODOK_BIN };

// A second instance of `server`'s binary on its database, secret, storage and Redis, on a port of its own; its
// output goes to sibling.log beside the first one's. log() reads it; stop() sends SIGTERM and resolves the exit code.
export async function startSibling(server, app) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(server.dir, 'sibling.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(BINARY[app], ['--config', path.join(server.dir, `${app}.toml`)],
                      { cwd: server.dir, env: { ...server.env, [`${PREFIX[app]}_HTTP_PORT`]: String(port) }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await ready(() => answers(url), 'the second instance');
  return {
    ...server,
    url,
    port,
    log: () => fs.readFileSync(logFile, 'utf8'),
    stop: async () => { child.kill('SIGTERM'); return exited; },
  };
}

// Redis, instance A (startServer with `env`) and instance B; { redis, a, b, dispose(), dumpLogs(title) }.
export async function startFleet(app, env = {}) {
  const redis = await startRedis();
  let a;
  try {
    a = await startServer({ app, env: { ...env, [`${PREFIX[app]}_KV_URL`]: redis.url } });
  } catch (e) {
    await redis.stop();
    throw e;
  }
  let b;
  try {
    b = await startSibling(a, app);
  } catch (e) {
    await a.dispose();
    await redis.stop();
    throw e;
  }
  return {
    redis,
    a,
    b,
    dumpLogs(title) {
      a.dumpLog(title);
      const sibling = path.join(a.dir, 'sibling.log');
      if (fs.existsSync(sibling)) console.error(`---- second instance (${title}) ----\n${fs.readFileSync(sibling, 'utf8').split('\n').slice(-200).join('\n')}`);
    },
    async dispose() {
      const code = await b.stop();
      await a.dispose();
      await redis.stop();
      return code;
    },
  };
}
