// Study rooms over STOMP (contract §4.1) with @stomp/stompjs 7 over plain WebSocket, the host in UTC:
// CONNECT by the access token, subscriptions and sends for members of the group only, /app/add and /app/join
// broadcast to every subscriber of the group and to nobody else in the REST RoomResponse shape, one room per
// slot however many add it at once, and every refusal an ERROR frame that changes nothing.
import assert from 'node:assert/strict';

import { accessToken, addMember, assertSuccess, call } from '../lib/bbodok.mjs';
import { serverSuite, startServer } from '../lib/server.mjs';
import { DAY, MINUTE, addGroup, connectStomp, futureSlot, join, quiet, seoul, seoulMidnight } from '../lib/bbodok_rooms.mjs';

const { test } = serverSuite({ app: 'bbodok', env: { TZ: 'UTC' } });

const ROOM_KEYS = ['endTime', 'groupId', 'memberIds', 'profiles', 'roomId', 'startTime'];

function groupWith(server, count) {
  const groupId = addGroup(server);
  const members = Array.from({ length: count }, () => addMember(server));
  for (const m of members) join(server, m, groupId);
  return { groupId, members };
}

const liveRooms = (server, groupId) => Number(server.scalar(`SELECT COUNT(*) FROM room WHERE group_id = ${groupId} AND deleted = 0`));
const reservations = (server, groupId) =>
  Number(server.scalar(`SELECT COUNT(*) FROM reservation r JOIN room ro ON ro.room_id = r.room_id WHERE ro.group_id = ${groupId}`));

test('CONNECT without a token, with a junk or expired one, or for a withdrawn member is an ERROR frame', async (server) => {
  const gone = addMember(server);
  server.scalar(`UPDATE member SET status = 'WITHDRAWN' WHERE member_id = ${gone.memberId}`);
  for (const token of [undefined, 'junk', accessToken(server, addMember(server).memberId, -10), gone.token]) {
    await assert.rejects(connectStomp(server, token), /인증이 필요해요/);
  }
});

test('/app/add broadcasts the room to every subscriber of the group and to nobody else', async (server) => {
  const { groupId, members: [alice, bob] } = groupWith(server, 2);
  const other = groupWith(server, 1);
  const a = await connectStomp(server, alice.token);
  const b = await connectStomp(server, bob.token);
  const c = await connectStomp(server, other.members[0].token);
  const aInbox = await a.subscribe(`/topic/${groupId}`);
  const bInbox = await b.subscribe(`/topic/${groupId}`);
  const cInbox = await c.subscribe(`/topic/${other.groupId}`);
  const slot = futureSlot();
  a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const [room] = await bInbox.next(1);
  assert.deepEqual(Object.keys(room).sort(), ROOM_KEYS);
  assert.equal(room.groupId, groupId);
  assert.equal(room.startTime, slot.startTime, 'naive Seoul time whatever the host zone');
  assert.equal(room.endTime, slot.endTime);
  assert.deepEqual(room.profiles, [alice.profile]);
  assert.deepEqual(room.memberIds, [alice.memberId]);
  assert.deepEqual(await aInbox.next(1), [room]);
  await quiet();
  assert.equal(cInbox.messages.length, 0, 'another group sees nothing');

  // The broadcast is exactly what GET /rooms renders.
  const from = seoul(seoulMidnight());
  const to = seoul(seoulMidnight() + 14 * DAY);
  const listed = assertSuccess(await call(server, 'GET', `/api/v1/rooms?groupId=${groupId}&from=${from}&to=${to}`, { token: bob.token }));
  assert.deepEqual(listed, [room]);
  for (const s of [a, b, c]) await s.close();
});

test('/app/join toggles; cancelling the last reservation closes the room and broadcasts the start-time-only payload', async (server) => {
  const { groupId, members: [alice, bob] } = groupWith(server, 2);
  const a = await connectStomp(server, alice.token);
  const b = await connectStomp(server, bob.token);
  const inbox = await a.subscribe(`/topic/${groupId}`);
  const slot = futureSlot();
  a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const [made] = await inbox.next(1);
  b.send('/app/join', { roomId: made.roomId, groupId });
  const [, joined] = await inbox.next(2);
  assert.deepEqual(joined.memberIds, [alice.memberId, bob.memberId]);
  assert.deepEqual(joined.profiles, [alice.profile, bob.profile]);
  a.send('/app/join', { roomId: made.roomId, groupId });
  const [, , left] = await inbox.next(3);
  assert.deepEqual(left.memberIds, [bob.memberId]);
  b.send('/app/join', { roomId: made.roomId, groupId });
  const [, , , emptied] = await inbox.next(4);
  assert.equal(
    JSON.stringify(emptied),
    `{"roomId":null,"groupId":null,"startTime":"${slot.startTime}","endTime":null,"profiles":null,"memberIds":null}`,
  );
  assert.equal(liveRooms(server, groupId), 0);
  // The slot is free again: adding it makes a new room.
  a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const [, , , , again] = await inbox.next(5);
  assert.notEqual(again.roomId, made.roomId);
  await a.close();
  await b.close();
});

test('two clients adding the same slot at once make one room holding both', async (server) => {
  const { groupId, members } = groupWith(server, 6);
  const sessions = await Promise.all(members.map((m) => connectStomp(server, m.token)));
  const inbox = await sessions[0].subscribe(`/topic/${groupId}`);
  const slot = futureSlot();
  for (const s of sessions) s.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const seen = await inbox.next(members.length);
  assert.equal(new Set(seen.map((m) => m.roomId)).size, 1, 'one room');
  const everyone = members.map((m) => m.memberId).sort((x, y) => x - y);
  // Broadcasts go out after each commit, so their order may differ; the one after the last commit has everyone.
  assert.ok(seen.some((m) => m.memberIds.length === members.length));
  assert.equal(liveRooms(server, groupId), 1);
  const from = seoul(seoulMidnight());
  const to = seoul(seoulMidnight() + 14 * DAY);
  const [listed] = assertSuccess(await call(server, 'GET', `/api/v1/rooms?groupId=${groupId}&from=${from}&to=${to}`, { token: members[0].token }));
  assert.deepEqual([...listed.memberIds].sort((x, y) => x - y), everyone);
  for (const s of sessions) assert.deepEqual(s.errors, []);
  await Promise.all(sessions.map((s) => s.close()));
});

test('a non-member may not subscribe to, add to or join a group: ERROR frames, nothing changed', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  const stranger = addMember(server);
  const s = await connectStomp(server, stranger.token);
  s.subscribe(`/topic/${groupId}`);
  assert.match(await s.error(), /사용자가 참여한 그룹의 id가 아닙니다/);

  const slot = futureSlot();
  const t = await connectStomp(server, stranger.token);
  t.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  assert.match(await t.error(), /사용자가 참여한 그룹의 id가 아닙니다/);
  assert.equal(liveRooms(server, groupId), 0);

  const a = await connectStomp(server, alice.token);
  const inbox = await a.subscribe(`/topic/${groupId}`);
  a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const [room] = await inbox.next(1);
  const u = await connectStomp(server, stranger.token);
  u.send('/app/join', { roomId: room.roomId, groupId });
  assert.match(await u.error(), /사용자가 참여한 그룹의 id가 아닙니다/);
  // A member naming a room of another group.
  const other = groupWith(server, 1);
  join(server, alice, other.groupId);
  a.send('/app/join', { roomId: room.roomId, groupId: other.groupId });
  assert.match(await a.error(), /존재하지 않는 방 번호입니다/);
  assert.equal(reservations(server, groupId), 1);
});

test('bad times and bad frames are ERROR frames that change nothing', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  const slot = futureSlot();
  const past = seoulMidnight() - DAY;
  const bodies = [
    { groupId, startTime: slot.startTime, endTime: seoul(slot.start + 30 * MINUTE) },
    { groupId, startTime: slot.startTime, endTime: seoul(slot.start + 24 * MINUTE) },
    { groupId, startTime: seoul(past), endTime: seoul(past + 25 * MINUTE) },
    { groupId, startTime: slot.startTime },
    { groupId: String(groupId), startTime: '2023-02-30T10:00:00', endTime: '2023-02-30T10:25:00' },
    { groupId: -groupId, startTime: slot.startTime, endTime: slot.endTime },
    { groupId: [groupId], startTime: slot.startTime, endTime: slot.endTime },
    { groupId, startTime: 12, endTime: slot.endTime },
    { groupId, startTime: `${slot.startTime}\u0000`, endTime: slot.endTime },
    { groupId, startTime: 'x'.repeat(3000), endTime: slot.endTime },
    'not json',
    { roomId: 'a', groupId },
  ];
  for (const [i, body] of bodies.entries()) {
    const s = await connectStomp(server, alice.token);
    s.send(i === bodies.length - 1 ? '/app/join' : '/app/add', body);
    const message = await s.error();
    assert.ok(message.length > 0, `ERROR for ${JSON.stringify(body)}`);
    await s.closed;
  }
  assert.equal(reservations(server, groupId), 0);
  assert.equal(liveRooms(server, groupId), 0);
  const s = await connectStomp(server, alice.token);
  s.send('/app/nothing', { groupId });
  assert.ok((await s.error()).length > 0);
});

test('broadcast datetimes are Seoul time on a host in New York too', async () => {
  const server = await startServer({ app: 'bbodok', env: { TZ: 'America/New_York' } });
  try {
    const { groupId, members: [alice] } = groupWith(server, 1);
    const a = await connectStomp(server, alice.token);
    const inbox = await a.subscribe(`/topic/${groupId}`);
    const slot = futureSlot();
    a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
    const [room] = await inbox.next(1);
    assert.equal(room.startTime, slot.startTime);
    assert.equal(room.endTime, slot.endTime);
    await a.close();
  } finally {
    await server.dispose();
  }
});

test.stops();
