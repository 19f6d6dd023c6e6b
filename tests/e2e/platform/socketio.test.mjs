// The Engine.IO / Socket.IO server with the real socket.io-client 4.6.2 (what the Bbodok frontend uses), in Node:
// polling with the upgrade to WebSocket, each transport alone, events with acknowledgements, rooms, refused
// connections, namespaces multiplexed on one connection, the connect timeout, CORS, the heartbeat, the protocol's
// error answers, and the drain on SIGTERM. The server is tests/support/socketio_echo_server
// (SOCKETIO_ECHO_SERVER_BIN), whose defaults are the public protocol suites'; this suite sets its own timings.
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, Manager } from 'socket.io-client';

import { startTestServer } from '../lib/test_server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const BIN = process.env.SOCKETIO_ECHO_SERVER_BIN || path.resolve(here, '../../../build/dev/tests/support/socketio_echo_server');
const SANITIZER_MARKERS = ['AddressSanitizer', 'runtime error', 'LeakSanitizer', 'UndefinedBehaviorSanitizer'];
const PING_MS = 400;
const MAX_PAYLOAD = 100_000;
const CONNECT_TIMEOUT_MS = 500;

let server; // { url, child, output(), exited }

before(async () => {
  server = await startTestServer(BIN, {
    SOCKETIO_PING_INTERVAL_MS: String(PING_MS),
    SOCKETIO_PING_TIMEOUT_MS: String(PING_MS),
    SOCKETIO_MAX_PAYLOAD: String(MAX_PAYLOAD),
    SOCKETIO_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    SOCKETIO_IO_THREADS: '2', // sessions used from requests on another thread
  });
});

after(() => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function once(socket, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

async function connect(options = {}) {
  const socket = io(server.url, { reconnection: false, forceNew: true, ...options });
  await once(socket, 'connect');
  return socket;
}

async function stats() {
  return (await fetch(`${server.url}/stats`)).json();
}

// The counts once every socket of earlier tests has been seen to disconnect.
async function settledStats() {
  for (let i = 0; i < 100; i++) {
    const now = await stats();
    if (now.connected === now.disconnected) return now;
    await sleep(20);
  }
  throw new Error(`sockets of earlier tests are still connected: ${JSON.stringify(await stats())}`);
}

const eio = (query) => fetch(`${server.url}/socket.io/?${new URLSearchParams(query)}`);

test('polling connects, upgrades to WebSocket, and events and acknowledgements flow both ways', async () => {
  const socket = io(server.url, { reconnection: false, forceNew: true });
  let opened;
  socket.io.on('open', () => (opened = socket.io.engine.transport.name));
  await once(socket, 'connect');
  assert.equal(opened, 'polling');
  assert.deepEqual(await socket.emitWithAck('echo', 1, '둘', { three: [3] }), 1);
  for (let i = 0; i < 50 && socket.io.engine.transport.name !== 'websocket'; i++) await sleep(20);
  assert.equal(socket.io.engine.transport.name, 'websocket');
  const echoed = once(socket, 'echo');
  socket.emit('echo', '안녕하세요', { n: 2 });
  assert.deepEqual(await echoed, ['안녕하세요', { n: 2 }]);
  socket.close();
});

for (const transport of ['polling', 'websocket']) {
  test(`${transport} alone carries events in order`, async () => {
    const socket = await connect({ transports: [transport] });
    const received = [];
    socket.on('echo', (n) => received.push(n));
    for (let i = 0; i < 100; i++) socket.emit('echo', i);
    assert.deepEqual(await socket.emitWithAck('echo', 'last'), 'last');
    for (let i = 0; i < 50 && received.length < 101; i++) await sleep(20);
    assert.deepEqual(received, [...Array(100).keys(), 'last']);
    assert.equal(socket.io.engine.transport.name, transport);
    socket.close();
  });
}

test('a room broadcast reaches the other members and not the sender nor outsiders', async () => {
  const [a, b, outsider] = await Promise.all([connect(), connect({ transports: ['websocket'] }), connect()]);
  assert.deepEqual(await a.emitWithAck('join', 'study-7'), 'joined');
  assert.deepEqual(await b.emitWithAck('join', 'study-7'), 'joined');
  let strays = 0;
  a.on('said', () => strays++);
  outsider.on('said', () => strays++);
  const heard = once(b, 'said');
  a.emit('say', 'study-7', { content: '오후 03:12', id: 'x' });
  assert.deepEqual(await heard, [{ content: '오후 03:12', id: 'x' }]);
  await sleep(200);
  assert.equal(strays, 0);
  for (const s of [a, b, outsider]) s.close();
});

test('a refused CONNECT is a connect_error and no socket', async () => {
  const before = await stats();
  const socket = io(server.url, { reconnection: false, forceNew: true, auth: { refuse: true } });
  const [error] = await once(socket, 'connect_error');
  assert.equal(error.message, 'Not authorized');
  socket.close();
  assert.equal((await stats()).connected, before.connected);
});

test('the server disconnecting a socket is seen by the client and counted once', async () => {
  const before = await settledStats();
  const socket = await connect({ transports: ['websocket'] });
  const closed = once(socket, 'disconnect');
  socket.emit('bye');
  await closed;
  await sleep(100);
  const after = await stats();
  assert.equal(after.disconnected - before.disconnected, 1);
});

test('the heartbeat keeps a live client connected and drops a silent one', async () => {
  const socket = await connect();
  await sleep(PING_MS * 4);
  assert.ok(socket.connected, 'a client that answers pings stays');
  socket.close();

  const open = await (await eio({ EIO: '4', transport: 'polling' })).text();
  assert.match(open, /^0\{/);
  const handshake = JSON.parse(open.slice(1));
  assert.deepEqual(handshake.upgrades, ['websocket']);
  assert.equal(handshake.pingInterval, PING_MS);
  assert.equal(handshake.maxPayload, MAX_PAYLOAD);
  await sleep(PING_MS * 2 + 600); // ping at PING_MS, no pong, gone after PING_MS more
  const late = await eio({ EIO: '4', transport: 'polling', sid: handshake.sid });
  assert.equal(late.status, 400);
  assert.deepEqual(await late.json(), { code: 1, message: 'Session ID unknown' });
});

test('protocol errors are answered as the reference server does', async () => {
  const cases = [
    [{ EIO: '3', transport: 'polling' }, 5, 'Unsupported protocol version'],
    [{ transport: 'polling' }, 5, 'Unsupported protocol version'],
    [{ EIO: '4', transport: 'carrier-pigeon' }, 0, 'Transport unknown'],
    [{ EIO: '4', transport: 'polling', sid: 'nope' }, 1, 'Session ID unknown'],
  ];
  for (const [query, code, message] of cases) {
    const res = await eio(query);
    assert.equal(res.status, 400, JSON.stringify(query));
    assert.deepEqual(await res.json(), { code, message });
  }
  const handshakeByPost = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { method: 'POST', body: '40' });
  assert.equal(handshakeByPost.status, 400);
  assert.deepEqual(await handshakeByPost.json(), { code: 2, message: 'Bad handshake method' });
});

test('a body over maxPayload is 413, a malformed one 400, and either ends the session', async () => {
  for (const [body, status] of [['4' + 'x'.repeat(MAX_PAYLOAD + 1), 413], ['9nonsense', 400], ['', 400]]) {
    const { sid } = JSON.parse((await (await eio({ EIO: '4', transport: 'polling' })).text()).slice(1));
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body });
    assert.equal(res.status, status);
    await sleep(50);
    const next = await eio({ EIO: '4', transport: 'polling', sid });
    const text = await next.text();
    assert.ok(next.status === 400 || text.endsWith('1'), `session still open after a refused body: ${next.status} ${text}`);
  }
});

test('two polls at once: the second is refused and the session ends', async () => {
  const { sid } = JSON.parse((await (await eio({ EIO: '4', transport: 'polling' })).text()).slice(1));
  const first = eio({ EIO: '4', transport: 'polling', sid });
  await sleep(50);
  const second = await eio({ EIO: '4', transport: 'polling', sid });
  assert.equal(second.status, 400);
  const firstText = await (await first).text();
  assert.ok(firstText.endsWith('1'), `the waiting poll ends with the close packet: ${firstText}`);
});

test('a message near maxPayload goes through', async () => {
  const socket = await connect({ transports: ['websocket'] });
  const big = 'ㅋ'.repeat(Math.floor((MAX_PAYLOAD - 100) / 3));
  assert.equal(await socket.emitWithAck('echo', big), big);
  socket.close();
});

test('message is answered with message-back and message-with-ack is acknowledged with its arguments', async () => {
  const socket = await connect();
  const back = once(socket, 'message-back');
  socket.emit('message', 1, '2', { 3: [true] });
  assert.deepEqual(await back, [1, '2', { 3: [true] }]);
  const acked = await new Promise((resolve) => socket.emit('message-with-ack', 1, '2', { 3: [false] }, (...args) => resolve(args)));
  assert.deepEqual(acked, [1, '2', { 3: [false] }]);
  socket.close();
});

test('a socket on /custom receives auth with its handshake auth object, and / gets {} without one', async () => {
  const custom = io(`${server.url}/custom`, { reconnection: false, forceNew: true, auth: { token: 'abc' } });
  assert.deepEqual(await once(custom, 'auth'), [{ token: 'abc' }]);
  const main = io(server.url, { reconnection: false, forceNew: true });
  assert.deepEqual(await once(main, 'auth'), [{}]);
  custom.close();
  main.close();
});

for (const transports of [['polling'], ['websocket']]) {
  test(`two namespaces share one Engine.IO connection (${transports[0]}), each with its own events, acks and disconnect`, async () => {
    const manager = new Manager(server.url, { reconnection: false, transports });
    const main = manager.socket('/');
    const custom = manager.socket('/custom', { auth: { who: 'custom' } });
    const [customAuth] = await Promise.all([once(custom, 'auth'), once(main, 'connect')]);
    assert.deepEqual(customAuth, [{ who: 'custom' }]);
    assert.ok(main.connected && custom.connected);
    assert.notEqual(main.id, custom.id);
    const engine = manager.engine;

    const [mainBack, customBack] = [once(main, 'message-back'), once(custom, 'message-back')];
    main.emit('message', 'to main');
    custom.emit('message', 'to custom');
    assert.deepEqual(await mainBack, ['to main']);
    assert.deepEqual(await customBack, ['to custom']);
    assert.deepEqual(await custom.emitWithAck('echo', 'acked on custom'), 'acked on custom');

    // Leaving /custom (DISCONNECT for that namespace only) keeps the connection and "/" on it.
    custom.disconnect();
    await sleep(100);
    assert.ok(main.connected);
    assert.deepEqual(await main.emitWithAck('echo', 'still here'), 'still here');
    assert.equal(manager.engine, engine);
    main.close();
  });
}

test('a room of one namespace is not a room of another', async () => {
  const [a, b] = await Promise.all([connect(), connect()]);
  const customB = io(`${server.url}/custom`, { reconnection: false, forceNew: true });
  await once(customB, 'connect');
  await a.emitWithAck('join', 'shared-name');
  await b.emitWithAck('join', 'shared-name');
  await customB.emitWithAck('join', 'shared-name');
  let strays = 0;
  customB.on('said', () => strays++);
  const heard = once(b, 'said');
  a.emit('say', 'shared-name', 'only on /');
  assert.deepEqual(await heard, ['only on /']);
  await sleep(200);
  assert.equal(strays, 0);
  for (const s of [a, b, customB]) s.close();
});

test('an unknown namespace gets connect_error "Invalid namespace"', async () => {
  const socket = io(`${server.url}/random`, { reconnection: false, forceNew: true });
  const [error] = await once(socket, 'connect_error');
  assert.equal(error.message, 'Invalid namespace');
  socket.close();
});

test('a connection that connects no namespace within the connect timeout is closed', async () => {
  const manager = new Manager(server.url, { reconnection: false, autoConnect: false });
  const started = Date.now();
  await new Promise((resolve, reject) => manager.open((err) => (err ? reject(err) : resolve())));
  const [reason] = await once(manager, 'close', CONNECT_TIMEOUT_MS * 6);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= CONNECT_TIMEOUT_MS - 50, `closed after ${elapsed} ms`);
  assert.match(reason, /close/);
});

test('the Socket.IO endpoint answers cross-origin requests with its own CORS policy (any origin)', async () => {
  const origin = { Origin: 'http://frontend.example' };
  const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: origin });
  assert.equal(handshake.status, 200);
  assert.equal(handshake.headers.get('access-control-allow-origin'), '*');
  const preflight = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
    method: 'OPTIONS',
    headers: { ...origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.ok(preflight.status < 300, `preflight ${preflight.status}`);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type');
  // The server-wide policy of this binary is off: only the endpoint answers cross-origin.
  const statsResponse = await fetch(`${server.url}/stats`, { headers: origin });
  assert.equal(statsResponse.headers.get('access-control-allow-origin'), null);
});

test('methods other than GET and POST are "Bad handshake method"', async () => {
  for (const method of ['PUT', 'DELETE']) {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { method });
    assert.equal(res.status, 400, method);
    assert.deepEqual(await res.json(), { code: 2, message: 'Bad handshake method' });
  }
});

test('the Engine.IO echo at /engine.io/ sends each message back', async () => {
  const url = `${server.url}/engine.io/?EIO=4&transport=polling`;
  const { sid } = JSON.parse((await (await fetch(url)).text()).slice(1));
  const pushed = await fetch(`${url}&sid=${sid}`, { method: 'POST', body: '4hello\x1e4여보세요' });
  assert.equal(await pushed.text(), 'ok');
  assert.equal(await (await fetch(`${url}&sid=${sid}`)).text(), '4hello\x1e4여보세요');
});

test('stops on SIGTERM with exit status 0 within 10 s and no sanitizer report', async () => {
  const socket = await connect({ transports: ['websocket'] });
  const closed = once(socket, 'disconnect', 10_000);
  server.child.kill('SIGTERM');
  await closed;
  const outcome = await Promise.race([server.exited, sleep(10_000).then(() => null)]);
  assert.ok(outcome, 'server did not exit within 10 s');
  assert.deepEqual(outcome, { code: 0, signal: null });
  for (const marker of SANITIZER_MARKERS) assert.ok(!server.output().includes(marker), `server output contains "${marker}":\n${server.output()}`);
});
