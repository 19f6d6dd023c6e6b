// The study room's companions as the frontend calls them without credentials (contract §4.2, §4.3): LiveKit tokens
// checked with LiveKit's own server SDK, the SFU URL, and the Socket.IO chat with socket.io-client 4.6.2, narrowed
// to live rooms, bounded message sizes and rates.
import assert from 'node:assert/strict';
import { TokenVerifier } from 'livekit-server-sdk';

import { addMember } from '../lib/bbodok.mjs';
import { chatClient, chatData } from '../lib/bbodok_chat.mjs';
import { serverSuite, startServer } from '../lib/server.mjs';

const LIVEKIT = { key: 'APIbbodokE2E', secret: 'e2e-livekit-secret-that-is-long-enough-0123', url: 'wss://livekit.e2e.invalid' };
const BURST = 20;
const { test } = serverSuite({
  app: 'bbodok',
  env: {
    BBODOK_LIVEKIT_API_KEY: LIVEKIT.key,
    BBODOK_LIVEKIT_API_SECRET: LIVEKIT.secret,
    BBODOK_LIVEKIT_URL: LIVEKIT.url,
    BBODOK_CHAT_BURST: String(BURST),
  },
});

const minute = 60_000_000; // microseconds
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A room of group 1 from `startOffset` minutes from now, 25 minutes long; returns its id.
function addRoom(server, startOffset, { deleted = false } = {}) {
  const owner = addMember(server);
  const start = Date.now() * 1000 + startOffset * minute;
  return Number(
    server.scalar(
      `INSERT INTO room (group_id, owner_id, start_time, end_time, deleted, created_at, updated_at) ` +
        `VALUES (1, ${owner.memberId}, ${start}, ${start + 25 * minute}, ${deleted ? 1 : 0}, 0, 0) RETURNING room_id`,
    ),
  );
}

const getToken = (server, query) => fetch(`${server.url}/video/getToken?${new URLSearchParams(query)}`);

test('GET /video/getToken mints a 5-minute token LiveKit accepts, for a live room', async (server) => {
  const roomId = addRoom(server, -1);
  const res = await getToken(server, { identity: '민지', name: '민지', roomName: String(roomId) });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'identity']);
  assert.equal(body.identity, '민지');
  const claims = await new TokenVerifier(LIVEKIT.key, LIVEKIT.secret).verify(body.accessToken);
  assert.equal(claims.sub, '민지');
  assert.equal(claims.name, '민지');
  assert.equal(claims.iss, LIVEKIT.key);
  assert.deepEqual(claims.video, { room: String(roomId), roomJoin: true, canPublish: true, canPublishData: true, canSubscribe: true });
  assert.equal(claims.exp - claims.nbf, 300);

  const withMetadata = await (await getToken(server, { identity: 'id-2', roomName: String(roomId), metadata: '{"seat":1}' })).json();
  const more = await new TokenVerifier(LIVEKIT.key, LIVEKIT.secret).verify(withMetadata.accessToken);
  assert.equal(more.metadata, '{"seat":1}');
});

test('GET /video/getToken is 403 with an empty body for missing names and rooms that are not live', async (server) => {
  const live = String(addRoom(server, -1));
  const refused = [
    { name: 'a', roomName: live },
    { identity: 'a', name: 'a' },
    { identity: 'a', roomName: String(addRoom(server, 120)) }, // two hours ahead
    { identity: 'a', roomName: String(addRoom(server, -60)) }, // ended half an hour ago
    { identity: 'a', roomName: String(addRoom(server, -1, { deleted: true })) },
    { identity: 'a', roomName: '999999' },
    { identity: 'a', roomName: 'lobby' },
    { identity: 'a', roomName: '-1' },
    { identity: 'x'.repeat(300), roomName: live },
  ];
  for (const query of refused) {
    const res = await getToken(server, query);
    assert.equal(res.status, 403, JSON.stringify(query));
    assert.equal(await res.text(), '');
  }
  const twice = await fetch(`${server.url}/video/getToken?identity=a&identity=b&roomName=${live}`);
  assert.equal(twice.status, 403);
});

test('GET /video/api/url answers the configured URL; unconfigured, both routes are 503', async (server) => {
  const res = await fetch(`${server.url}/video/api/url`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { url: LIVEKIT.url });
  const bare = await startServer({ app: 'bbodok' });
  try {
    assert.equal((await fetch(`${bare.url}/video/api/url`)).status, 503);
    assert.equal((await getToken(bare, { identity: 'a', roomName: '1' })).status, 503);
  } finally {
    await bare.dispose();
  }
});

test('sentMessage reaches the other sockets of the live room as showMessage, and nobody else', async (server) => {
  const room = String(addRoom(server, -1));
  const other = String(addRoom(server, 2));
  const [a, b, c, d] = await Promise.all([
    chatClient(server),
    chatClient(server, { transports: ['websocket'] }),
    chatClient(server),
    chatClient(server, { transports: ['polling'] }),
  ]);
  a.socket.emit('enter-room', room);
  b.socket.emit('enter-room', room);
  c.socket.emit('enter-room', other);
  d.socket.emit('enter-room', room);
  await sleep(300);
  const message = chatData('안녕하세요');
  a.socket.emit('sentMessage', message);
  await sleep(500);
  assert.deepEqual(b.heard, [message]);
  assert.deepEqual(d.heard, [message]);
  assert.deepEqual(a.heard, []);
  assert.deepEqual(c.heard, []);
  for (const client of [a, b, c, d]) client.socket.close();
});

test('rooms that are not live cannot be entered, and a socket in none relays nothing', async (server) => {
  const future = String(addRoom(server, 120));
  const [a, b] = await Promise.all([chatClient(server), chatClient(server)]);
  a.socket.emit('enter-room', future);
  b.socket.emit('enter-room', future);
  a.socket.emit('enter-room', 'lobby');
  await sleep(300);
  a.socket.emit('sentMessage', chatData('아무도 못 봐요'));
  await sleep(300);
  assert.deepEqual(b.heard, []);
  for (const client of [a, b]) client.socket.close();
});

test('oversized messages are not relayed, and a burst is cut to the configured rate', async (server) => {
  const room = String(addRoom(server, -1));
  const [a, b] = await Promise.all([chatClient(server, { transports: ['websocket'] }), chatClient(server)]);
  a.socket.emit('enter-room', room);
  b.socket.emit('enter-room', room);
  await sleep(300);
  a.socket.emit('sentMessage', chatData('x'.repeat(10_000)));
  await sleep(300);
  assert.deepEqual(b.heard, [], 'a 10 KB message is not relayed');

  for (let i = 0; i < 500; i++) a.socket.emit('sentMessage', chatData(`#${i}`));
  await sleep(1000);
  assert.ok(b.heard.length >= BURST && b.heard.length < BURST + 10, `relayed ${b.heard.length} of a burst of 500`);

  const closed = new Promise((resolve) => a.socket.once('disconnect', resolve));
  a.socket.emit('sentMessage', chatData('y'.repeat(2 * 1024 * 1024)));
  await closed; // past maxPayload the server ends the session
  assert.ok(b.heard.every((m) => m.content.length < 100), 'the 2 MB message was not relayed');
  b.socket.close();
});

test.stops();
