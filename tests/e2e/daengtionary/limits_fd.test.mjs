// Out of file descriptors: under `ulimit -n 128`, 300 idle connections neither make the accept loop spin nor
// flood the log, and the server answers again once they close. Once with the default connection ceiling
// (derived from the limit: connections past it are closed at once), once with a ceiling above the limit
// (accept fails with EMFILE and the listener backs off).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from '../lib/server.mjs';

const FD_LIMIT = 128;
const IDLE_CONNECTIONS = 300;
const LAUNCHER = ['sh', '-c', `ulimit -n ${FD_LIMIT}; exec "$0" "$@"`];
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// User plus system CPU time the process has used, in seconds (/proc/<pid>/stat fields 14 and 15).
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3, the state
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

// Opens `count` TCP connections that send nothing; resolves once each is connected (the kernel's backlog
// completes handshakes the server has not accepted yet). The server may close some: that is its answer.
async function openIdle(port, count) {
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {}); // a reset from a refusing server is expected
    sockets.push(socket);
    await new Promise((resolve) => {
      socket.once('connect', resolve);
      socket.once('close', resolve);
    });
  }
  return sockets;
}

async function closeAll(sockets) {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise((resolve) => {
          if (socket.destroyed) return resolve();
          socket.once('close', resolve);
          socket.destroy();
        }),
    ),
  );
}

async function healthWithin(server, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return true;
    } catch {
      // refused or cut while the server was at its limit: try again
    }
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

const countLines = (text, pattern) => text.split('\n').filter((line) => pattern.test(line)).length;

async function holdsUnder300IdleConnections(env, expectedInLog) {
  const server = await startServer({ launcher: LAUNCHER, env });
  try {
    const figures = new RegExp(`file descriptors: ${FD_LIMIT} \\(hard limit ${FD_LIMIT}\\)`);
    for (let waited = 0; !figures.test(server.log()) && waited < 3_000; waited += 100) await sleep(100); // info lines are flushed every second
    assert.match(server.log(), figures);
    const sockets = await openIdle(server.port, IDLE_CONNECTIONS);
    await sleep(500); // the server takes what it can meanwhile
    const before = cpuSeconds(server.pid);
    await sleep(3_000);
    const used = cpuSeconds(server.pid) - before;
    assert.ok(used < 0.5, `the server used ${used.toFixed(2)} s of CPU in 3 s with ${IDLE_CONNECTIONS} idle connections`);

    const log = server.log();
    assert.match(log, expectedInLog);
    const lines = countLines(log, /accept|closing new ones/);
    assert.ok(lines < 20, `${lines} log lines about accepting or refusing connections`);

    await closeAll(sockets);
    assert.ok(await healthWithin(server, 10_000), 'GET /health is not answered after the idle connections closed');
    const stopped = await server.stop(10_000);
    assert.deepEqual(stopped && { code: stopped.code, signal: stopped.signal }, { code: 0, signal: null });
    assert.doesNotMatch(server.log(), /AddressSanitizer|LeakSanitizer|runtime error/);
  } catch (e) {
    server.dumpLog('limits_fd');
    throw e;
  } finally {
    await server.dispose();
  }
}

test('past the default connection ceiling new connections are closed at once, without spinning', async () => {
  await holdsUnder300IdleConnections({}, /connections open: closing new ones/);
});

test('with a ceiling above the descriptor limit, EMFILE pauses the accept loop instead of spinning it', async () => {
  await holdsUnder300IdleConnections({ DAENGTIONARY_HTTP_MAX_CONNECTIONS: '100000' }, /accept failed: Too many open files/);
});
