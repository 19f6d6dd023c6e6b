// Bbodok's Socket.IO room chat for bench/bbodok (BENCH_SOCKETIO): fan-out in one live room and memory per idle
// connection, with socket.io-client 4.6.2 from the e2e suites.
//   fanout --url HTTP --room ID --pid PID --websocket N --polling N --rate R --warmup S --duration S
//          N WebSocket and N polling receivers enter the room; senders (each within the server's per-socket
//          rate bound, --per-sender messages/s) emit `sentMessage` at R messages/s in all, each carrying its
//          send time; every receiver's `showMessage` is a delivery. Reports deliveries/s, send-to-delivery
//          latency and the server's CPU time per delivery (/proc/PID/stat) over the measured window.
//   idle   --url HTTP --room ID --pid PID --websocket N --polling N
//          the server's resident memory (VmRSS) before and after N connections enter the room and sit idle,
//          per connection; give one transport at a time to a freshly started server (what an earlier run
//          freed stays resident and would be reused).
// The clients run in worker threads (--workers), so that one Node thread's parsing does not become the
// bottleneck being measured. Output is key=value lines; a refused connection, a disconnect during the run or a
// lost message exits non-zero (3 for lost messages).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const here = path.dirname(new URL(import.meta.url).pathname);
const { io } = createRequire(path.join(here, '../tests/e2e/package.json'))('socket.io-client');

const now = () => performance.timeOrigin + performance.now(); // comparable across worker threads
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message) {
  console.error(`bbodok_socketio: ${message}`);
  process.exit(1);
}

// Connects and enters the room; resolves once the server has had time to take the room (no acknowledgement).
async function enter(url, room, transport, onMessage, onLost) {
  const socket = io(url, { transports: [transport], reconnection: false, forceNew: true, timeout: 60_000 });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (e) => reject(new Error(`${transport}: ${e.message}`)));
  });
  socket.on('disconnect', (reason) => onLost(`${transport} client disconnected: ${reason}`));
  if (onMessage) socket.on('showMessage', onMessage);
  socket.emit('enter-room', room);
  return socket;
}

async function enterAll(count, transport, open) {
  const sockets = [];
  for (let i = 0; i < count; i += 25) {
    const batch = Math.min(25, count - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => open(transport)))));
  }
  return sockets;
}

// A worker: its share of receivers; reports latencies of messages sent inside the window.
async function worker({ url, room, websocket, polling }) {
  let closing = false;
  const latencies = [];
  let stray = 0;
  const onMessage = (data) => {
    if (typeof data?.sentAt !== 'number') return void ++stray;
    if (data.measured) latencies.push(now() - data.sentAt);
  };
  const onLost = (why) => closing || parentPort.postMessage({ error: why });
  const open = (transport) => enter(url, room, transport, onMessage, onLost);
  const sockets = [...(await enterAll(websocket, 'websocket', open)), ...(await enterAll(polling, 'polling', open))];
  parentPort.postMessage({ ready: true });
  parentPort.on('message', (m) => {
    if (m !== 'stop') return;
    closing = true;
    for (const s of sockets) s.close();
    parentPort.postMessage({ latencies, stray });
  });
}

function spawnWorkers(opts, split) {
  return split.map(
    (share) =>
      new Promise((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { url: opts.url, room: opts.room, ...share } });
        w.on('error', reject);
        w.on('message', (m) => {
          if (m.error) fail(m.error);
          if (m.ready) resolve(w);
        });
      }),
  );
}

function shares(total, workers) {
  return Array.from({ length: workers }, (_, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0));
}

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
// The process's user + system CPU time in clock ticks (100 per second on Linux).
const cpuTicks = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function fanout(opts) {
  const rate = Number(opts.rate);
  const perSender = Number(opts['per-sender']);
  const warmup = Number(opts.warmup) * 1000;
  const duration = Number(opts.duration) * 1000;
  const workers = Number(opts.workers);
  const ws = shares(Number(opts.websocket), workers);
  const polling = shares(Number(opts.polling), workers);
  const receivers = Number(opts.websocket) + Number(opts.polling);
  const threads = await Promise.all(spawnWorkers(opts, ws.map((n, i) => ({ websocket: n, polling: polling[i] }))))
    .catch((e) => fail(`entering the room: ${e.message}`));
  let closing = false;
  const senderCount = Math.ceil(rate / perSender);
  const senders = await enterAll(senderCount, 'websocket', (t) =>
    enter(opts.url, opts.room, t, null, (why) => closing || fail(why)),
  ).catch((e) => fail(`senders: ${e.message}`));
  await sleep(1000); // every enter-room has reached the server

  const started = performance.now();
  let cpuAtWindow;
  let sent = 0;
  let measured = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - started;
      if (elapsed >= warmup + duration) return resolve();
      const due = Math.floor((elapsed * rate) / 1000);
      while (sent < due) {
        const inWindow = elapsed >= warmup;
        if (inWindow && cpuAtWindow === undefined && opts.pid) cpuAtWindow = cpuTicks(opts.pid);
        senders[sent % senderCount].emit('sentMessage', {
          userData: { name: 'bench', profile: '' }, videoNickname: 'bench', content: `#${sent}`,
          time: '오후 03:12', id: String(sent), sentAt: now(), measured: inWindow,
        });
        if (inWindow) ++measured;
        ++sent;
      }
      setTimeout(tick, 2);
    };
    tick();
  });
  await sleep(2000); // the last deliveries
  const cpuUs = opts.pid ? (cpuTicks(opts.pid) - cpuAtWindow) * 10_000 : 0;
  closing = true;
  const results = await Promise.all(
    threads.map((w) => new Promise((resolve) => {
      w.once('message', resolve);
      w.postMessage('stop');
    })),
  );
  for (const s of senders) s.close();
  await Promise.all(threads.map((w) => w.terminate()));
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const expected = measured * receivers;
  console.log([
    `receivers=${receivers}`, `websocket=${opts.websocket}`, `polling=${opts.polling}`, `senders=${senderCount}`,
    `rate=${rate}`, `expected=${expected}`, `received=${latencies.length}`,
    `deliveries_per_s=${(latencies.length / (duration / 1000)).toFixed(0)}`,
    `p50_ms=${percentile(latencies, 0.5).toFixed(2)}`, `p99_ms=${percentile(latencies, 0.99).toFixed(2)}`,
    `max_ms=${(latencies.at(-1) ?? 0).toFixed(2)}`,
    `server_cpu_us_per_delivery=${latencies.length ? (cpuUs / latencies.length).toFixed(1) : 0}`,
  ].join('\n'));
  process.exit(latencies.length === expected ? 0 : 3);
}


async function idle(opts) {
  const workers = Number(opts.workers);
  const out = [];
  for (const transport of ['websocket', 'polling']) {
    const count = Number(opts[transport]);
    if (!count) continue;
    await sleep(2000);
    const before = rssKb(opts.pid);
    const split = shares(count, workers).map((n) => ({ websocket: 0, polling: 0, [transport]: n }));
    const threads = await Promise.all(spawnWorkers(opts, split)).catch((e) => fail(`${transport}: ${e.message}`));
    await sleep(3000); // settled: handshakes done, polls parked
    const after = rssKb(opts.pid);
    out.push(`${transport}_connections=${count}`, `${transport}_rss_before_kb=${before}`,
             `${transport}_rss_after_kb=${after}`, `${transport}_kb_per_connection=${((after - before) / count).toFixed(1)}`);
    await Promise.all(threads.map((w) => new Promise((resolve) => {
      w.once('message', resolve);
      w.postMessage('stop');
    })));
    await Promise.all(threads.map((w) => w.terminate()));
  }
  console.log(out.join('\n'));
  process.exit(0);
}

if (!isMainThread) {
  await worker(workerData);
} else {
  const { positionals, values: opts } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' }, room: { type: 'string' }, pid: { type: 'string' },
      websocket: { type: 'string', default: '200' }, polling: { type: 'string', default: '200' },
      rate: { type: 'string', default: '10' }, 'per-sender': { type: 'string', default: '4' },
      warmup: { type: 'string', default: '2' }, duration: { type: 'string', default: '10' },
      workers: { type: 'string', default: '2' },
    },
  });
  if (!opts.url || !opts.room) fail('--url and --room are required');
  if (positionals[0] === 'fanout') await fanout(opts);
  else if (positionals[0] === 'idle') await idle(opts);
  else fail('usage: bbodok_socketio.mjs fanout|idle …');
}
