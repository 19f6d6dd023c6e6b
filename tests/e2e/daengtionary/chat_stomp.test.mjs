// 댕톡 in real time, as the frontend runs it: sockjs-client 1.6 + @stomp/stompjs 6 (`Stomp.over`) against /wss/chat
// over each SockJS transport. CONNECT is authenticated by the access token the frontend already sends; SUBSCRIBE
// and SEND are for room members only; the sender is the member, not the claimed nick; every TALK is stored before
// it is broadcast; ENTER is announced once per member and room; leaving a room marks it read.
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import { KOREAN_DATE, call, newMember } from '../lib/api.mjs';
import { TRANSPORTS, connectChat, groupRoom, messages, openPersonal, rooms } from '../lib/chat.mjs';

const { test } = serverSuite();

async function pair(server) {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const roomNo = await openPersonal(server, alice, bob.memberNo);
  return { alice, bob, roomNo };
}

// Leaving is noticed when the server sees the connection end, just after the client's DISCONNECT resolves.
async function eventually(check, what, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const MESSAGE_KEYS = ['date', 'message', 'messageNo', 'roomNo', 'sender', 'type'];

for (const transport of TRANSPORTS) {
  test(`${transport}: two members enter a 1:1 room once and talk; every TALK is stored first and reaches both in order`, async (server) => {
    const { alice, bob, roomNo } = await pair(server);
    const a = await connectChat(server, alice.token, transport);
    const b = await connectChat(server, bob.token, transport);
    const aInbox = await a.subscribe(roomNo);
    const bInbox = await b.subscribe(roomNo);
    a.enter(roomNo, alice.nick);
    b.enter(roomNo, bob.nick);
    const entered = await aInbox.next(2);
    assert.deepEqual(entered.map((m) => [m.type, m.message]).sort(), [
      ['ENTER', `${alice.nick}님이 입장하였습니다 :)`],
      ['ENTER', `${bob.nick}님이 입장하였습니다 :)`],
    ].sort());

    const texts = Array.from({ length: 30 }, (_, i) => `안녕 ${i} "quoted" \\ 댕댕`);
    for (const text of texts) a.talk(roomNo, text, alice.nick);
    const seenByBob = (await bInbox.next(2 + texts.length)).slice(2);
    assert.deepEqual(seenByBob.map((m) => m.message), texts, 'in the order sent');
    for (const m of seenByBob) {
      assert.deepEqual(Object.keys(m).sort(), MESSAGE_KEYS);
      assert.equal(m.type, 'TALK');
      assert.equal(m.sender, alice.nick);
      assert.equal(m.roomNo, roomNo);
      assert.match(m.date, KOREAN_DATE);
    }
    assert.deepEqual((await aInbox.next(2 + texts.length)).slice(2), seenByBob, 'the sender sees its own TALK');

    const stored = await messages(server, bob, roomNo);
    assert.deepEqual(stored.slice(-texts.length), seenByBob, 'history is what was broadcast');
    assert.equal(stored.filter((m) => m.type === 'ENTER').length, 2);

    // Entering again (every time the frontend opens the room) announces nobody twice.
    a.enter(roomNo, alice.nick);
    a.talk(roomNo, 'after re-enter', alice.nick);
    const [last] = (await bInbox.next(3 + texts.length)).slice(-1);
    assert.equal(last.message, 'after re-enter');
    await a.disconnect();
    await b.disconnect();
  });
}

test('the sender is the authenticated member whatever nick the frame claims', async (server) => {
  const { alice, bob, roomNo } = await pair(server);
  const a = await connectChat(server, alice.token);
  const inbox = await a.subscribe(roomNo);
  a.talk(roomNo, 'who am I', bob.nick);
  const [m] = await inbox.next(1);
  assert.equal(m.sender, alice.nick);
  await a.disconnect();
});

test('CONNECT without a valid token is refused with an ERROR frame', async (server) => {
  for (const token of ['null', 'not-a-jwt']) {
    await assert.rejects(connectChat(server, token), /STOMP ERROR: 권한 정보가 없는 token 입니다\./);
  }
});

test('a non-member cannot subscribe to or talk in a room; members of other rooms are unaffected', async (server) => {
  const { alice, roomNo } = await pair(server);
  const eve = await newMember(server);
  const a = await connectChat(server, alice.token);
  const aInbox = await a.subscribe(roomNo);

  const spy = await connectChat(server, eve.token);
  await assert.rejects(spy.subscribe(roomNo), /closed/, 'the spy gets an ERROR and is disconnected');

  const talker = await connectChat(server, eve.token);
  talker.talk(roomNo, 'let me in', eve.nick);
  await talker.closed;

  a.talk(roomNo, 'still here', alice.nick);
  const [m] = await aInbox.next(1);
  assert.equal(m.message, 'still here');
  assert.ok((await messages(server, alice, roomNo)).every((x) => x.message !== 'let me in'), 'nothing stored');
  await a.disconnect();
});

test('a group room from a matching: the creator and a joiner talk; a third member who did not join cannot listen', async (server) => {
  const host = await newMember(server);
  const guest = await newMember(server);
  const roomNo = await groupRoom(server, host);
  const into = await call(server, 'POST', '/chat/room/into', { json: { roomNo }, headers: { Authorization: `Bearer ${guest.token}` } });
  assert.equal(into.status, 200, into.text);
  const h = await connectChat(server, host.token, 'xhr-streaming');
  const g = await connectChat(server, guest.token, 'xhr-polling');
  const hInbox = await h.subscribe(roomNo);
  const gInbox = await g.subscribe(roomNo);
  g.enter(roomNo, guest.nick);
  g.talk(roomNo, '반가워요', guest.nick);
  const got = await hInbox.next(2);
  assert.deepEqual(got.map((m) => m.type), ['ENTER', 'TALK']);
  assert.deepEqual(await gInbox.next(2), got);
  await h.disconnect();
  await g.disconnect();
});

test('unread counts: messages while away count, reading or leaving the room clears them, across reconnects', async (server) => {
  const { alice, bob, roomNo } = await pair(server);
  const unread = async (member) => (await rooms(server, member)).find((r) => r.roomNo === roomNo).unreadCnt;
  for (const member of [alice, bob]) await messages(server, member, roomNo);  // both have read the start message
  assert.equal(await unread(bob), 0);

  const a = await connectChat(server, alice.token);
  const aInbox = await a.subscribe(roomNo);
  for (const text of ['one', 'two', 'three']) a.talk(roomNo, text, alice.nick);
  await aInbox.next(3);
  assert.equal(await unread(bob), 3, 'three TALKs while Bob was away');
  assert.equal(await unread(alice), 0, 'one\'s own messages are never unread');

  const b = await connectChat(server, bob.token, 'xhr-streaming');
  const bInbox = await b.subscribe(roomNo);
  await messages(server, bob, roomNo);  // the frontend loads the history when it opens the room
  a.talk(roomNo, 'four', alice.nick);
  await bInbox.next(1);
  await b.disconnect();
  await eventually(async () => (await unread(bob)) === 0, 'what arrived while the room was open is read once Bob leaves it');

  const again = await connectChat(server, bob.token);
  await again.subscribe(roomNo);
  a.talk(roomNo, 'five', alice.nick);
  await aInbox.next(5);
  assert.equal(await unread(bob), 1, 'not yet left: "five" is still unread');
  await again.disconnect();
  await eventually(async () => (await unread(bob)) === 0, 'read once Bob leaves again');
  await a.disconnect();
});

test('a vanished client does not stall the others', async (server) => {
  const { alice, bob, roomNo } = await pair(server);
  const gone = await connectChat(server, bob.token, 'xhr-polling');
  await gone.subscribe(roomNo);
  gone.client.webSocket.close();  // the transport goes without DISCONNECT
  const a = await connectChat(server, alice.token);
  const inbox = await a.subscribe(roomNo);
  for (let i = 0; i < 50; i++) a.talk(roomNo, `m${i}`, alice.nick);
  assert.equal((await inbox.next(50)).at(-1).message, 'm49');
  await a.disconnect();
});

test.stops();
