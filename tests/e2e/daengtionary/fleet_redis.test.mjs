// Two Daengtionary instances on one PostgreSQL and one Redis (kv.url), clients connected to each directly: chat
// between members on different instances over WebSocket and xhr-polling, unread counts the same from both, a
// list page cached on A fresh after a create through B, and the storage sweep run by one instance, not both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertOkMessage, call, multipart, newMember, uniqueWord } from '../lib/api.mjs';
import { connectChat, messages, openPersonal, rooms } from '../lib/chat.mjs';
import { fleetSkipReason, quiet, startFleet } from '../lib/fleet.mjs';

const skip = fleetSkipReason() ?? false;
let fleet;

before(async () => {
  if (skip === false) fleet = await startFleet('daengtionary');
});
after(async () => {
  if (fleet) assert.equal(await fleet.dispose(), 0, 'the second instance stops cleanly');
});

async function eventually(check, what, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await quiet(20);
  }
}

const withLogs = (title, body) => async () => {
  try {
    await body();
  } catch (e) {
    fleet.dumpLogs(title);
    throw e;
  }
};

for (const [aTransport, bTransport] of [['websocket', 'websocket'], ['xhr-polling', 'xhr-polling'], ['websocket', 'xhr-polling']]) {
  test(`chat: a member on A (${aTransport}) and one on B (${bTransport}) hear each other once; unread counts agree`, { skip }, withLogs('chat', async () => {
    const { a, b } = fleet;
    const alice = await newMember(a);
    const bob = await newMember(b);
    const roomNo = await openPersonal(a, alice, bob.memberNo);
    for (const [server, member] of [[a, alice], [b, bob]]) await messages(server, member, roomNo);  // the start message read
    const onA = await connectChat(a, alice.token, aTransport);
    const onB = await connectChat(b, bob.token, bTransport);
    const aInbox = await onA.subscribe(roomNo);
    const bInbox = await onB.subscribe(roomNo);
    await quiet(200);  // each instance's Redis SUBSCRIBE is confirmed a round trip after the STOMP RECEIPT
    onA.talk(roomNo, '안녕 from A', alice.nick);
    onB.talk(roomNo, '안녕 from B', bob.nick);
    const heardByA = await aInbox.next(2);
    const heardByB = await bInbox.next(2);
    assert.deepEqual(heardByA.map((m) => m.message).sort(), ['안녕 from A', '안녕 from B']);
    assert.deepEqual(heardByB.map((m) => m.message).sort(), ['안녕 from A', '안녕 from B']);
    await quiet();
    assert.equal(aInbox.messages.length, 2, 'each message reached A once');
    assert.equal(bInbox.messages.length, 2, 'each message reached B once');

    // Bob leaves (read up to here); Alice talks on A; Bob's unread count is the same whichever instance he asks.
    await onB.disconnect();
    const unread = async (server) => (await rooms(server, bob)).find((r) => r.roomNo === roomNo).unreadCnt;
    await eventually(async () => (await unread(a)) === 0 && (await unread(b)) === 0, 'read once Bob left');
    onA.talk(roomNo, '하나', alice.nick);
    onA.talk(roomNo, '둘', alice.nick);
    await aInbox.next(4);
    assert.equal(await unread(a), 2);
    assert.equal(await unread(b), 2);
    await messages(b, bob, roomNo);
    assert.equal(await unread(a), 0, 'reading through B clears the count A reports');
    await onA.disconnect();
  }));
}

test('a community list page cached on A is fresh right after a create through B', { skip }, withLogs('list cache', async () => {
  const { a, b } = fleet;
  const member = await newMember(b);
  const page = '/community?sort=new&pagenum=0&pagesize=5';
  const newest = async (server) => (await call(server, 'GET', page)).body.data[0]?.title;
  await newest(a);
  await newest(a);  // now a cached page on A
  const title = uniqueWord('fleet');
  const res = await call(b, 'POST', '/community/create', { token: member.token, form: multipart({ category: '자유', title, content: '함대' }) });
  assertOkMessage(res, '커뮤니티 생성 완료');
  // A's page would live up to a second (its max_age) without B's announcement; it must be fresh at once.
  const started = Date.now();
  await eventually(async () => (await newest(a)) === title, 'the new post on A', 300);
  assert.ok(Date.now() - started < 300);
}));

test('the storage sweep runs on one instance, not on both', { skip }, withLogs('sweep', async () => {
  const { a, b } = fleet;
  const sweeps = () => [...`${a.log()}\n${b.log()}`.matchAll(/storage sweep: scanned/g)].length;
  await eventually(async () => sweeps() >= 1, 'a storage sweep', 15_000);
  await quiet(1500);
  assert.equal(sweeps(), 1, 'the instance that started second found the fire claimed');
  assert.match(b.log() + a.log(), /job storage-sweep .*already claimed/);
}));
