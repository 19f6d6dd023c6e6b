// Bbodok's STOMP side for bench/bbodok: access tokens, one reservation toggle, and the /app/join load.
//   token  --secret B64 --member ID                     prints an access token {memberId, iat, exp} (HS256)
//   toggle --url WS --secret B64 --plan FILE            one member toggles one room and waits for its broadcast
//   load   --url WS --secret B64 --plan FILE --rate R --warmup S --duration S
//          subscribers of /topic/{group} (every plan member) and one sender per plan room toggling
//          /app/join in turn at R toggles/s; reports SEND-to-broadcast latency over every subscriber.
// The plan (written by bench/bbodok from the seeded database): {group, subscribers: [memberId…],
// rooms: [{roomId, memberId}…]} where each room keeps other reservations, so a toggle never empties it.
// Plain WebSocket at /bbodok-websocket with `Authorization: Bearer <token>` in CONNECT, as the frontend
// connects. Output is key=value lines (load prints window=open and window=closed as its measured window starts and
// ends, for a caller that samples CPU time over it); any ERROR frame, refused connection or lost broadcast exits
// non-zero.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const here = path.dirname(new URL(import.meta.url).pathname);
const WebSocket = createRequire(path.join(here, '../tests/e2e/package.json'))('ws');

const { positionals, values: opts } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' }, secret: { type: 'string' }, member: { type: 'string' }, plan: { type: 'string' },
    rate: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
  },
});

let closing = false; // set before the run closes its own connections

function fail(message) {
  console.error(`bbodok_stomp: ${message}`);
  process.exit(1);
}

const base64url = (data) => Buffer.from(data).toString('base64url');
function accessToken(memberId) {
  if (!opts.secret) fail('--secret is required');
  const now = Math.floor(Date.now() / 1000);
  const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = base64url(JSON.stringify({ memberId: Number(memberId), iat: now, exp: now + 86_400 }));
  const mac = createHmac('sha256', Buffer.from(opts.secret, 'base64')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${mac}`;
}

const frame = (command, headers, body = '') =>
  `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n')}\n\n${body}\0`;

// The frames of one WebSocket message (a server may join several; heart-beat EOLs are skipped).
function frames(data) {
  return data.toString().split('\0').map((f) => f.replace(/^\n+/, '')).filter((f) => f.length > 0).map((f) => {
    const split = f.indexOf('\n\n');
    const head = (split < 0 ? f : f.slice(0, split)).split('\n');
    const headers = Object.fromEntries(head.slice(1).map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1)]));
    return { command: head[0], headers, body: split < 0 ? '' : f.slice(split + 2) };
  });
}

// Connects as the member, CONNECTs and, with a destination, SUBSCRIBEs (waiting for the receipt). onFrame sees
// every later frame; an ERROR frame or a close fails the run.
function open(memberId, destination, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(opts.url, { perMessageDeflate: false });
    let stage = 'connect';
    ws.on('error', (e) => (stage === 'open' ? fail(`member ${memberId}: ${e.message}`) : reject(e)));
    ws.on('close', () => {
      if (stage === 'open' && !closing) fail(`member ${memberId}: the server closed the connection`);
      if (stage !== 'open') reject(new Error(`member ${memberId}: closed during ${stage}`));
    });
    ws.on('open', () => {
      ws.send(frame('CONNECT', { 'accept-version': '1.2', host: 'localhost', 'heart-beat': '0,0',
                                 Authorization: `Bearer ${accessToken(memberId)}` }));
    });
    ws.on('message', (data) => {
      for (const f of frames(data)) {
        if (f.command === 'ERROR') {
          const text = `member ${memberId}: ERROR ${f.headers.message ?? ''} ${f.body}`.trim();
          if (stage === 'open') fail(text);
          reject(new Error(text));
          return;
        }
        if (stage === 'connect' && f.command === 'CONNECTED') {
          if (!destination) {
            stage = 'open';
            resolve(ws);
          } else {
            stage = 'subscribe';
            ws.send(frame('SUBSCRIBE', { id: '0', destination, receipt: 'subscribed' }));
          }
        } else if (stage === 'subscribe' && f.command === 'RECEIPT') {
          stage = 'open';
          resolve(ws);
        } else if (stage === 'open') {
          onFrame(f);
        }
      }
    });
  });
}
async function openAll(items, concurrency, openOne) {
  const opened = [];
  for (let i = 0; i < items.length; i += concurrency) {
    opened.push(...(await Promise.all(items.slice(i, i + concurrency).map(openOne))));
  }
  return opened;
}

const roomOf = (f) => {
  try {
    return JSON.parse(f.body).roomId;
  } catch {
    return undefined;
  }
};
const join = (ws, plan, room) =>
  ws.send(frame('SEND', { destination: '/app/join', 'content-type': 'application/json' },
                JSON.stringify({ roomId: room.roomId, groupId: plan.group })));

function readPlan() {
  if (!opts.url || !opts.plan) fail('--url and --plan are required');
  const plan = JSON.parse(fs.readFileSync(opts.plan, 'utf8'));
  if (!plan.rooms?.length) fail('the plan has no rooms to toggle');
  return plan;
}

// One toggle: prints the milliseconds from SEND to the broadcast of that room.
async function toggle() {
  const plan = readPlan();
  const room = plan.rooms[0];
  let sent;
  const done = new Promise((resolve) => {
    open(room.memberId, `/topic/${plan.group}`, (f) => {
      if (f.command === 'MESSAGE' && roomOf(f) === room.roomId) resolve(performance.now() - sent);
    }).then((ws) => {
      sent = performance.now();
      join(ws, plan, room);
    }, (e) => fail(e.message));
  });
  const timeout = setTimeout(() => fail(`no broadcast for room ${room.roomId} within 10 s`), 10_000);
  const ms = await done;
  clearTimeout(timeout);
  console.log(`toggle_ms=${ms.toFixed(2)}`);
  closing = true;
  process.exit(0);
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function load() {
  const plan = readPlan();
  const rate = Number(opts.rate);
  const warmup = Number(opts.warmup) * 1000;
  const duration = Number(opts.duration) * 1000;
  const sentAt = new Map(); // roomId -> { at, measured }
  const latencies = [];
  let received = 0;
  let stray = 0;
  const onFrame = (f) => {
    if (f.command !== 'MESSAGE') return;
    const pending = sentAt.get(roomOf(f));
    if (!pending) {
      ++stray;
      return;
    }
    if (pending.measured) {
      ++received;
      latencies.push(performance.now() - pending.at);
    }
  };
  const subscribers = await openAll(plan.subscribers, 50, (m) => open(m, `/topic/${plan.group}`, onFrame))
    .catch((e) => fail(`subscribing: ${e.message}`));
  const senders = await openAll(plan.rooms, 50, (room) => open(room.memberId, null, () => {}))
    .catch((e) => fail(`connecting senders: ${e.message}`));
  // One room toggles at a time per slot of the schedule, in turn, so a room's broadcasts are never mistaken for
  // another toggle's: with R toggles/s over N rooms each room toggles every N/R seconds.
  const started = performance.now();
  let toggles = 0;
  let measuredToggles = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = started + toggles * (1000 / rate);
      const now = performance.now();
      if (now - started >= warmup + duration) return resolve();
      if (now >= due) {
        const k = toggles % plan.rooms.length;
        const measured = now - started >= warmup;
        if (measured && !measuredToggles) console.log('window=open'); // for a caller sampling CPU time over it
        sentAt.set(plan.rooms[k].roomId, { at: performance.now(), measured });
        join(senders[k], plan, plan.rooms[k]);
        if (measured) ++measuredToggles;
        ++toggles;
      }
      setTimeout(tick, Math.max(0, due + 1000 / rate - performance.now()));
    };
    tick();
  });
  await new Promise((r) => setTimeout(r, 2000)); // the last broadcasts
  console.log('window=closed');
  closing = true;
  for (const ws of [...subscribers, ...senders]) ws.terminate();
  latencies.sort((a, b) => a - b);
  const expected = measuredToggles * subscribers.length;
  console.log([
    `subscribers=${subscribers.length}`, `rooms=${plan.rooms.length}`, `rate=${rate}`,
    `toggles_per_s=${(measuredToggles / (duration / 1000)).toFixed(1)}`, `expected=${expected}`,
    `received=${received}`, `stray=${stray}`, `deliveries_per_s=${(received / (duration / 1000)).toFixed(0)}`,
    `p50_ms=${percentile(latencies, 0.5).toFixed(2)}`, `p99_ms=${percentile(latencies, 0.99).toFixed(2)}`,
    `max_ms=${(latencies.at(-1) ?? 0).toFixed(2)}`,
  ].join('\n'));
  process.exit(received === expected ? 0 : 3);
}

switch (positionals[0]) {
  case 'token':
    if (!opts.member) fail('--member is required');
    console.log(accessToken(opts.member));
    break;
  case 'toggle':
    await toggle();
    break;
  case 'load':
    await load();
    break;
  default:
    fail('usage: bbodok_stomp.mjs token|toggle|load …');
}
