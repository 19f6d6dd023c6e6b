// A flooded chat room does not stall another (issue 11): one socket floods room A far past the per-socket rate
// bound while two sockets in room B, one on each transport, talk; each of B's messages arrives within a second.
// The server runs one I/O thread, so the flood and room B share it and nothing but fair scheduling and the
// cheap drop of what is over the bound keeps B moving. The flooder runs in a worker thread of this file, so that
// its sending loop never delays this thread's timing of B.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

import { chatData } from '../lib/bbodok_chat.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(url, options = {}) {
  const socket = io(url, { reconnection: false, forceNew: true, ...options });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

// The worker: enters room A over a WebSocket and sends batches of messages for `seconds`, yielding between
// batches; reports {started} once flooding and {sent} at the end.
async function flood({ url, room, seconds }) {
  const socket = await connect(url, { transports: ['websocket'] });
  socket.emit('enter-room', room);
  await sleep(300);
  parentPort.postMessage({ started: true });
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (let i = 0; i < 100; i++) socket.emit('sentMessage', chatData(`flood #${sent++}`));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await sleep(200);
  socket.close();
  parentPort.postMessage({ sent });
}

if (!isMainThread) {
  await flood(workerData);
} else {
  const assert = (await import('node:assert/strict')).default;
  const { addMember } = await import('../lib/bbodok.mjs');
  const { serverSuite } = await import('../lib/server.mjs');

  const FLOOD_SECONDS = 4;
  const RATE = 5; // the server's default chat.messages_per_second and chat.burst
  const BURST = 20;
  const LATENCY_BOUND_MS = 1000;
  const { test } = serverSuite({ app: 'bbodok', env: { BBODOK_HTTP_IO_THREADS: '1' } });

  const minute = 60_000_000; // microseconds
  const addLiveRoom = (server) => {
    const owner = addMember(server);
    const start = Date.now() * 1000 - minute;
    return server.scalar(
      `INSERT INTO room (group_id, owner_id, start_time, end_time, deleted, created_at, updated_at) ` +
        `VALUES (1, ${owner.memberId}, ${start}, ${start + 25 * minute}, 0, 0, 0) RETURNING room_id`,
    );
  };

  test('a socket flooding room A past its rate bound does not stall room B', async (server, t) => {
    const roomA = addLiveRoom(server);
    const roomB = addLiveRoom(server);
    const listener = await connect(server.url, { transports: ['polling'] });
    const b1 = await connect(server.url, { transports: ['websocket'] });
    const b2 = await connect(server.url, { transports: ['polling'] });
    listener.emit('enter-room', roomA);
    b1.emit('enter-room', roomB);
    b2.emit('enter-room', roomB);
    let relayedFlood = 0;
    listener.on('showMessage', () => ++relayedFlood);
    const latencies = [];
    for (const socket of [b1, b2]) {
      socket.on('showMessage', (data) => {
        if (data.content.startsWith('flood')) assert.fail('a message of room A reached room B');
        latencies.push(Date.now() - data.sentAt);
      });
    }
    await sleep(300);

    const worker = new Worker(new URL(import.meta.url), {
      workerData: { url: server.url, room: roomA, seconds: FLOOD_SECONDS },
    });
    const flooded = new Promise((resolve, reject) => {
      worker.on('message', (m) => m.sent !== undefined && resolve(m.sent));
      worker.on('error', reject);
    });
    await new Promise((resolve) => worker.on('message', (m) => m.started && resolve()));
    const floodStarted = Date.now();

    // Room B talks every 100 ms, from each side in turn, for as long as the flood lasts.
    let sentInB = 0;
    const end = Date.now() + (FLOOD_SECONDS - 0.5) * 1000;
    while (Date.now() < end) {
      const from = sentInB % 2 === 0 ? b1 : b2;
      from.emit('sentMessage', chatData(`room B #${sentInB}`, { sentAt: Date.now() }));
      ++sentInB;
      await sleep(100);
    }
    const sent = await flooded;
    await sleep(LATENCY_BOUND_MS);
    await worker.terminate();
    const floodSeconds = (Date.now() - floodStarted) / 1000; // the server may still read the flood after it ends

    assert.ok(sent > 20 * (BURST + RATE * FLOOD_SECONDS), `the flood was only ${sent} messages`);
    assert.ok(relayedFlood <= BURST + RATE * floodSeconds + 1, `room A relayed ${relayedFlood} of ${sent}`);
    // Rate-bounded too (5/s after a burst of 20), but B sends 10/s from two sockets: every one is relayed.
    assert.equal(latencies.length, sentInB, `room B got ${latencies.length} of its ${sentInB} messages`);
    const worst = Math.max(...latencies);
    t.diagnostic(`flood of ${sent} messages, ${relayedFlood} relayed in room A; room B: ${sentInB} messages, slowest ${worst} ms`);
    assert.ok(worst < LATENCY_BOUND_MS, `room B's slowest message took ${worst} ms (flood of ${sent})`);
    for (const socket of [listener, b1, b2]) socket.close();
  });

  test.stops();
}
