// Two Bbodok instances on one PostgreSQL and one Redis (kv.url), clients connected to each directly: rankings
// (a shared cache, recomputed by whichever instance saw the change) identical and current from both, refresh-token
// rotation across instances, and a Socket.IO room message crossing instances. (STOMP reservations across
// instances: fleet_redis.test.mjs.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addMember, assertCreated, assertFailure, assertSuccess, call } from '../lib/bbodok.mjs';
import { chatClient, chatData } from '../lib/bbodok_chat.mjs';
import { addGroup, addRoom } from '../lib/bbodok_rooms.mjs';
import { fleetSkipReason, quiet, startFleet } from '../lib/fleet.mjs';

const skip = fleetSkipReason() ?? false;
let fleet;

before(async () => {
  if (skip === false) fleet = await startFleet('bbodok', { BBODOK_MEMBER_DEV_LOGIN: 'true', TZ: 'UTC' });
});
after(async () => {
  if (fleet) assert.equal(await fleet.dispose(), 0, 'the second instance stops cleanly');
});

const withLogs = (title, body) => async () => {
  try {
    await body();
  } catch (e) {
    fleet.dumpLogs(title);
    throw e;
  }
};

let groups = 0;
const newGroup = async (server, owner) =>
  assertCreated(await call(server, 'POST', '/api/v1/groups', {
    token: owner.token,
    json: { groupName: `함대${++groups}`, password: '', path: `fleet-${process.pid}-${groups}`, secret: false },
  })).groupId;

test('rankings are identical and current from both instances, whichever one saw the change', { skip }, withLogs('ranks', async () => {
  const { a, b } = fleet;
  const owner = addMember(a);
  const joiner = addMember(a);
  // Changes seen by A only: its caches have handed out more versions than B's have.
  for (let i = 0; i < 4; i++) await newGroup(a, owner);
  const groupId = await newGroup(a, owner);
  const ranks = async (server, member) => assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${groupId}`, { token: member.token }));
  assert.deepEqual((await ranks(a, owner)).map((r) => r.memberId), [owner.memberId]);  // cached, from A
  assertCreated(await call(b, 'POST', `/api/v1/groups/${groupId}`, { token: joiner.token }));
  const expected = [owner.memberId, joiner.memberId].sort((x, y) => x - y);
  for (const [server, member] of [[a, owner], [b, owner], [a, joiner], [b, joiner]]) {
    assert.deepEqual((await ranks(server, member)).map((r) => r.memberId).sort((x, y) => x - y), expected);
  }
  assert.deepEqual(await ranks(a, owner), await ranks(b, owner));
}));

test('a refresh token rotated on one instance is refused on the other', { skip }, withLogs('refresh', async () => {
  const { a, b } = fleet;
  const devLogIn = (server) => call(server, 'POST', '/api/v1/members/dev-login', { json: { nickname: '함대' } });
  const refresh = (server, token) => call(server, 'POST', '/api/v1/members/tokens', { headers: { 'x-bbodok-refresh-token': token } });
  const signedIn = assertSuccess(await devLogIn(a));
  const rotated = assertSuccess(await refresh(b, signedIn.refreshToken), 201);
  assertFailure(await refresh(a, signedIn.refreshToken), 400, '로그인이 필요해요.', 'INVALID REFRESH TOKEN');
  assertSuccess(await refresh(a, rotated.refreshToken), 201);
  assertFailure(await refresh(b, rotated.refreshToken), 400, '로그인이 필요해요.', 'INVALID REFRESH TOKEN');
}));

test('a Socket.IO room message sent on one instance reaches the room\'s sockets on the other, once', { skip }, withLogs('socket.io', async () => {
  const { a, b } = fleet;
  const member = addMember(a);
  const groupId = addGroup(a);
  const room = String(addRoom(a, groupId, Date.now() - 60_000, [member]));
  const onA = await chatClient(a, { transports: ['websocket'] });
  const onB = await chatClient(b, { transports: ['polling'] });
  onA.socket.emit('enter-room', room);
  onB.socket.emit('enter-room', room);
  await quiet(500);  // each instance's Redis SUBSCRIBE confirmed
  const fromA = chatData('A에서');
  const fromB = chatData('B에서');
  onA.socket.emit('sentMessage', fromA);
  onB.socket.emit('sentMessage', fromB);
  await quiet(700);
  assert.deepEqual(onB.heard, [fromA]);
  assert.deepEqual(onA.heard, [fromB]);
  for (const client of [onA, onB]) client.socket.close();
}));
