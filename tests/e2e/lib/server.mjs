// Starting and stopping an app's real binary (daengtionary or bbodok) for one test file, on SQLite or PostgreSQL.
//
// Environment:
//   DAENGTIONARY_BIN, BBODOK_BIN   the binaries (default: the dev build)
//   E2E_DATABASE       "sqlite" (default, a temp file) or "postgresql" (a fresh database per server,
//                      created from TEST_POSTGRES_URL and dropped afterwards)
//   TEST_POSTGRES_URL  an existing PostgreSQL database URL whose user may CREATE DATABASE
//   E2E_STORAGE        daengtionary's image store: "disk" (default, a temp directory) or "s3" (a bucket on a
//                      throw-away s3rver per server, path-style, signature checking on)
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startS3rver } from './s3rver.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(here, '../../..');

export const BIN = process.env.DAENGTIONARY_BIN || path.join(repoRoot, 'build/dev/apps/daengtionary/daengtionary');
export const BBODOK_BIN = process.env.BBODOK_BIN || path.join(repoRoot, 'build/dev/apps/bbodok/bbodok');
export const DATABASE = process.env.E2E_DATABASE || 'sqlite';
export const STORAGE = process.env.E2E_STORAGE || 'disk';
if (!['disk', 's3'].includes(STORAGE)) throw new Error(`E2E_STORAGE must be "disk" or "s3", not "${STORAGE}"`);
export const SEED_DATA = path.join(repoRoot, 'seed/daengtionary');
export const BBODOK_SEED_DATA = path.join(repoRoot, 'seed/bbodok');

// What differs between the apps: the binary, the environment prefix of config keys, migrations, the seed
// command line, and the app's own environment (daengtionary's image store).
const APPS = {
  daengtionary: {
    bin: BIN,
    prefix: 'DAENGTIONARY',
    seedArgs: (seed) => ['seed', '--data', SEED_DATA, ...(seed.bulkPosts ? ['--bulk-posts', String(seed.bulkPosts)] : [])],
    env: ({ storageRoot, url }) => ({ DAENGTIONARY_STORAGE_ROOT: storageRoot, DAENGTIONARY_STORAGE_PUBLIC_BASE_URL: url }),
  },
  bbodok: {
    bin: BBODOK_BIN,
    prefix: 'BBODOK',
    seedArgs: (seed) => ['seed', '--data', BBODOK_SEED_DATA,
                         ...(seed.bulkGroups ? ['--bulk-groups', String(seed.bulkGroups), '--bulk-members', String(seed.bulkMembers)] : [])],
    env: () => ({}),
  },
};
const SANITIZER_MARKERS = ['AddressSanitizer', 'runtime error', 'LeakSanitizer', 'UndefinedBehaviorSanitizer'];

// A port nobody listens on right now (the usual small race is acceptable for tests).
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function psql(url, sql) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

// A fresh database: { url, scalar(sql), drop() }.
function createDatabase(dir, app) {
  if (DATABASE === 'sqlite') {
    const file = path.join(dir, `${app}.db`);
    // The server writes too (its jobs run at start): wait for its lock as its own connections do, not fail at once.
    const scalar = (sql) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', file, sql], { encoding: 'utf8' }).trim();
    return { url: `sqlite:${file}`, scalar, drop() {} };
  }
  if (DATABASE !== 'postgresql') throw new Error(`E2E_DATABASE must be "sqlite" or "postgresql", not "${DATABASE}"`);
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) {
    throw new Error(
      'E2E_DATABASE=postgresql needs TEST_POSTGRES_URL (scripts/test exports it; by hand: ' +
        'source scripts/lib/postgres.sh && postgres_start /tmp/e2e-pg 55433)',
    );
  }
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  psql(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    scalar: (sql) => execFileSync('psql', [url.toString(), '-q', '-v', 'ON_ERROR_STOP=1', '-tAc', sql], { encoding: 'utf8' }).trim(),
    drop() {
      try {
        psql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (e) {
        console.error(`could not drop database ${name}: ${e.stderr || e.message}`);
      }
    },
  };
}

async function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The Kakao settings for a stub from kakao_stub.mjs.
export function kakaoEnv(stub, { clientId = 'e2e-client-id', redirectUri = 'https://daengtionary.site/kakao/callback', app = 'daengtionary' } = {}) {
  const prefix = APPS[app].prefix;
  return {
    [`${prefix}_KAKAO_CLIENT_ID`]: clientId,
    [`${prefix}_KAKAO_REDIRECT_URI`]: redirectUri,
    [`${prefix}_KAKAO_TOKEN_URL`]: `${stub.url}/oauth/token`,
    [`${prefix}_KAKAO_USER_INFO_URL`]: `${stub.url}/v2/user/me`,
  };
}

// Starts the binary; resolves once GET /health answers 200.
// Options: env (extra environment), scheme ("http", or "https" when env configures TLS), isReady(url),
// the start-up probe (default: fetch /health; an https server with a self-signed certificate needs its own),
// seed: run the app's `seed` on the fresh database first (true, or daengtionary's { bulkPosts }, or bbodok's
// { bulkGroups, bulkMembers }), app: "daengtionary" (default) or "bbodok", and launcher: a command
// the binary is started through, which ends by exec-ing its arguments (e.g. ['sh', '-c', 'ulimit -n 128; exec "$0" "$@"']),
// so that server.pid is the server's.
export async function startServer({ env = {}, scheme = 'http', isReady = defaultReady, seed = false, launcher = [], app = 'daengtionary' } = {}) {
  const { bin, prefix, seedArgs, env: appEnv } = APPS[app];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${app}-`));
  let db;
  try {
    db = createDatabase(dir, app);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const port = await freePort();
  const url = `${scheme}://127.0.0.1:${port}`;
  const secret = randomBytes(48);
  const storageRoot = path.join(dir, 'images');
  // The bucket lives as long as the server object: restart() finds the same objects.
  const s3 = app === 'daengtionary' && STORAGE === 's3' ? await startS3rver() : null;
  const configFile = path.join(dir, `${app}.toml`);
  fs.writeFileSync(configFile, '# written by tests/e2e/lib/server.mjs; everything else comes from the environment\n[log]\nlevel = "info"\n');
  const logFile = path.join(dir, 'server.log');
  const logFd = fs.openSync(logFile, 'a');

  const childEnv = {
    ...process.env,
    [`${prefix}_HTTP_ADDRESS`]: '127.0.0.1',
    [`${prefix}_HTTP_PORT`]: String(port),
    [`${prefix}_HTTP_IO_THREADS`]: '2',
    [`${prefix}_SQL_URL`]: db.url,
    [`${prefix}_SQL_MIGRATIONS`]: path.join(repoRoot, 'migrations', app),
    [`${prefix}_JWT_SECRET`]: secret.toString('base64'),
    [`${prefix}_HTTP_DRAIN_DELAY_S`]: '0',  // no proxy in front to notice the drain (tests/fleet covers the delay)
    ...appEnv({ storageRoot, url }),
    ...(s3 ? s3.env(prefix) : {}),
    ...env,
  };
  if (seed) {
    const seeded = spawnSync(bin, ['--config', configFile, ...seedArgs(seed)],
                             { cwd: dir, env: childEnv, stdio: ['ignore', logFd, logFd], timeout: 120_000 });
    if (seeded.status !== 0) {
      fs.closeSync(logFd);
      const log = fs.readFileSync(logFile, 'utf8');
      db.drop();
      if (s3) await s3.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`${app} seed failed (${seeded.status ?? seeded.error}):\n${log}`);
    }
  }
  fs.closeSync(logFd);
  // The running process; kill() and restart() replace it on the same database, storage and log.
  let child;
  let exit = null;
  let exited;
  const launch = (env) => {
    const fd = fs.openSync(logFile, 'a');
    const [command, ...args] = [...launcher, bin, '--config', configFile];
    child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    exit = null;
    exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        resolve(exit);
      });
      child.on('error', (error) => {
        exit = { code: null, signal: null, error };
        resolve(exit);
      });
    });
  };
  launch(childEnv);

  const server = {
    url,
    port,
    pid: child.pid,
    dir,
    storageRoot,
    s3, // the s3rver stand-in when E2E_STORAGE=s3, else null
    logFile,
    secret, // the JWT key bytes (the server got them Base64-encoded)
    database: DATABASE,
    env: childEnv, // what the server process was started with (for running other subcommands alike)
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    dumpLog(title = '') {
      const text = server.log();
      const lines = text.split('\n');
      const tail = lines.slice(-200).join('\n');
      console.error(`---- ${app} output (${title}; ${logFile}, last ${Math.min(lines.length, 200)} lines) ----\n${tail}\n---- end ----`);
    },
    get exit() {
      return exit;
    },
    // SIGTERM, then { code, signal, ms }; null when it did not exit within timeoutMs.
    async stop(timeoutMs = 10_000) {
      if (exit) return exit;
      const started = Date.now();
      child.kill('SIGTERM');
      const outcome = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
      return outcome && { ...outcome, ms: Date.now() - started };
    },
    // SIGKILL, as a crash would: nothing is drained or cleaned up.
    async kill() {
      if (!exit) {
        child.kill('SIGKILL');
        await exited;
      }
      return exit;
    },
    // Starts the binary again on the same database and storage (after kill() or stop()), with extra
    // environment; resolves once it is ready.
    async restart(env = {}) {
      assert.ok(exit, 'restart() needs the previous process to have exited');
      launch({ ...childEnv, ...env });
      await waitReady();
    },
    async dispose() {
      if (!exit) {
        child.kill('SIGKILL');
        await exited;
      }
      db.drop();
      if (s3) await s3.stop();
      if (!process.env.E2E_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
    },
    // The first column of the first row of a query on the server's database, as text: for what the API
    // cannot show, such as rows a delete must not leave behind.
    scalar: (sql) => db.scalar(sql),
    // Objects currently in the image store, by key (to prove nothing was left behind or lost).
    storedFiles() {
      if (s3) return s3.keys();
      return fs.existsSync(storageRoot) ? fs.readdirSync(storageRoot).filter((f) => !f.startsWith('.')).sort() : [];
    },
    // Writes an object behind the server's back, as a put whose row never committed leaves one.
    plantObject(key, bytes) {
      if (s3) s3.plant(key, bytes);
      else fs.writeFileSync(path.join(storageRoot, key), bytes);
    },
  };

  const waitReady = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exit) {
        server.dumpLog('start-up');
        await server.dispose();
        throw new Error(`${app} exited during start-up: ${JSON.stringify(exit)} (binary ${bin})`);
      }
      if (await isReady(url)) return;
      if (Date.now() > deadline) {
        server.dumpLog('start-up');
        await server.dispose();
        throw new Error(`${app} did not answer GET /health within 60 s on ${url}`);
      }
      await sleep(50);
    }
  };
  await waitReady();
  return server;
}

async function defaultReady(url) {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;  // not listening yet
  }
}

// One server per test file: returns { ctx, test } where ctx.server is set in before() and test() runs
// the body with the server, printing the server's output when the body fails. Ends with a test that
// stops the server with SIGTERM and checks the exit.
export function serverSuite(options = {}) {
  const ctx = { server: null };
  before(async () => {
    ctx.server = await startServer(typeof options === 'function' ? await options() : options);
  });
  after(async () => {
    if (ctx.server) await ctx.server.dispose();
  });
  const wrapped = (name, fn) =>
    test(name, async (t) => {
      assert.ok(ctx.server, 'server did not start');
      try {
        await fn(ctx.server, t);
      } catch (e) {
        ctx.server.dumpLog(name);
        throw e;
      }
    });
  wrapped.stops = () =>
    test('stops on SIGTERM with exit status 0 within 10 s and no sanitizer report', async () => {
      assert.ok(ctx.server, 'server did not start');
      const outcome = await ctx.server.stop(10_000);
      const output = ctx.server.log();
      try {
        assert.ok(outcome, 'server did not exit within 10 s of SIGTERM');
        assert.deepEqual({ code: outcome.code, signal: outcome.signal }, { code: 0, signal: null });
        for (const marker of SANITIZER_MARKERS) assert.ok(!output.includes(marker), `server output contains "${marker}"`);
      } catch (e) {
        ctx.server.dumpLog('shutdown');
        throw e;
      }
    });
  return { ctx, test: wrapped };
}
