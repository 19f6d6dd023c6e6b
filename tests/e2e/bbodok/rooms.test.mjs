// Rooms over REST (contract §2.3 rows 18–24, §7.2–7.4), the host in UTC: the group calendar with memberIds
// for members of the group only, my rooms, entering and leaving with the clamping of §7.3, the nearest
// reservation, the per-day study history; the caches answer fresh data right after a change; bad input is a
// 4xx envelope that changes nothing.
import assert from 'node:assert/strict';

import { addMember, assertBadRequest, assertCreated, assertFailure, assertSuccess, assertUnauthenticated, call } from '../lib/bbodok.mjs';
import { serverSuite } from '../lib/server.mjs';
import { DAY, MINUTE, addGroup, addRoom, connectStomp, futureSlot, join, seoul, seoulMidnight } from '../lib/bbodok_rooms.mjs';

const { test } = serverSuite({ app: 'bbodok', env: { TZ: 'UTC' } });

const today = () => seoul(seoulMidnight());
const inTwoWeeks = () => seoul(seoulMidnight() + 14 * DAY);
const calendar = (server, member, groupId, from = today(), to = inTwoWeeks()) =>
  call(server, 'GET', `/api/v1/rooms?groupId=${groupId}&from=${from}&to=${to}`, { token: member.token });
const NAIVE_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?$/;

function groupWith(server, count) {
  const groupId = addGroup(server);
  const members = Array.from({ length: count }, () => addMember(server));
  for (const m of members) join(server, m, groupId);
  return { groupId, members };
}

const entries = (server, roomId) =>
  server.scalar(`SELECT COUNT(*) FROM room_entry e JOIN reservation r ON r.reservation_id = e.reservation_id WHERE r.room_id = ${roomId}`);

// A minute-aligned start `minutesAgo` before now.
const startedAgo = (minutesAgo) => Math.floor(Date.now() / MINUTE) * MINUTE - minutesAgo * MINUTE;

test('GET /rooms lists the window\'s live rooms with avatars and memberIds of members still in the group', async (server) => {
  const { groupId, members: [alice, bob, carol] } = groupWith(server, 3);
  const tomorrow = seoulMidnight() + DAY + 10 * 60 * MINUTE;
  const roomId = addRoom(server, groupId, tomorrow, [alice, bob, carol]);
  addRoom(server, groupId, seoulMidnight() + 20 * DAY, [alice]);  // outside the window
  server.scalar(`DELETE FROM membership WHERE member_id = ${carol.memberId} AND group_id = ${groupId}`);
  const rooms = assertSuccess(await calendar(server, alice, groupId));
  assert.equal(
    JSON.stringify(rooms),
    JSON.stringify([{ roomId, groupId, startTime: seoul(tomorrow), endTime: seoul(tomorrow + 25 * MINUTE), profiles: [alice.profile, bob.profile], memberIds: [alice.memberId, bob.memberId] }]),
  );
  assertFailure(await calendar(server, carol, groupId), 404, `사용자가 참여한 그룹의 id가 아닙니다. 사용자 id : ${carol.memberId} 그룹 id : ${groupId}`);
  assertUnauthenticated(await call(server, 'GET', `/api/v1/rooms?groupId=${groupId}&from=${today()}&to=${inTwoWeeks()}`));
});

test('the calendar is fresh right after every STOMP change, in the window asked for', async (server) => {
  const { groupId, members: [alice, bob] } = groupWith(server, 2);
  assert.deepEqual(assertSuccess(await calendar(server, alice, groupId)), []);
  const narrow = [today(), seoul(seoulMidnight() + DAY)];
  assert.deepEqual(assertSuccess(await calendar(server, alice, groupId, ...narrow)), []);
  const a = await connectStomp(server, alice.token);
  const inbox = await a.subscribe(`/topic/${groupId}`);
  const slot = futureSlot();
  a.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
  const [made] = await inbox.next(1);
  assert.deepEqual(assertSuccess(await calendar(server, bob, groupId)), [made]);
  assert.deepEqual(assertSuccess(await calendar(server, alice, groupId, ...narrow)), [], 'another window, its own entry');
  a.send('/app/join', { roomId: made.roomId, groupId });
  await inbox.next(2);
  assert.deepEqual(assertSuccess(await calendar(server, bob, groupId)), []);
  await a.close();
});

test('GET /rooms/all and /rooms/reservation list only my rooms, memberIds null', async (server) => {
  const { groupId, members: [alice, bob] } = groupWith(server, 2);
  const other = addGroup(server);
  join(server, alice, other);
  const start = seoulMidnight() + DAY + 8 * 60 * MINUTE;
  const mine = addRoom(server, groupId, start, [alice, bob]);
  const elsewhere = addRoom(server, other, start + 60 * MINUTE, [alice]);
  addRoom(server, groupId, start + 120 * MINUTE, [bob]);
  const all = assertSuccess(await call(server, 'GET', `/api/v1/rooms/all?from=${today()}&to=${inTwoWeeks()}`, { token: alice.token }));
  assert.deepEqual(all.map((r) => r.roomId), [mine, elsewhere]);
  assert.deepEqual(all[0], { roomId: mine, groupId, startTime: seoul(start), endTime: seoul(start + 25 * MINUTE), profiles: [alice.profile, bob.profile], memberIds: null });
  const inGroup = assertSuccess(await call(server, 'GET', `/api/v1/rooms/reservation?groupId=${groupId}&from=${today()}&to=${inTwoWeeks()}`, { token: alice.token }));
  assert.deepEqual(inGroup.map((r) => r.roomId), [mine]);
  assert.equal(inGroup[0].memberIds, null);
});

test('entering clamps to the start, re-entering returns the open entry, leaving clamps and counts the time', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  // A room running now.
  const running = addRoom(server, groupId, startedAgo(5), [alice]);
  const entered = assertCreated(await call(server, 'POST', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }));
  assert.match(entered.enterTime, NAIVE_MICROS);
  assert.equal(entered.exitTime, null);
  assert.ok('exitTime' in entered);
  const again = assertCreated(await call(server, 'POST', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }));
  assert.deepEqual(again, entered, 'the open entry, not a second one');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const left = assertCreated(await call(server, 'PATCH', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }));
  assert.equal(left.enterTime, entered.enterTime);
  assert.ok(left.exitTime > left.enterTime);
  const reservationTime = Number(server.scalar(`SELECT study_time FROM reservation WHERE room_id = ${running}`));
  const rankTime = Number(server.scalar(`SELECT study_time FROM membership WHERE member_id = ${alice.memberId} AND group_id = ${groupId}`));
  assert.ok(reservationTime > 0);
  assert.equal(rankTime, reservationTime);
  // Leaving with no open entry.
  assertFailure(await call(server, 'PATCH', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }), 400,
    `사용자가 참여하고 있는 방이 아닙니다.memberId :${alice.memberId} roomId :${running}`);

  // Early: the entry starts at the room's start; leaving before the start records nothing (data null).
  const later = addRoom(server, groupId, seoulMidnight() + 3 * DAY, [alice]);
  const early = assertCreated(await call(server, 'POST', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: later } }));
  assert.equal(early.enterTime, seoul(seoulMidnight() + 3 * DAY));
  const res = await call(server, 'PATCH', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: later } });
  assert.equal(assertCreated(res), null);
  assert.ok(res.text.includes('"data":null'));

  // A room that ended an hour ago: leaving is clamped to its end; entering is refused.
  const ended = addRoom(server, groupId, startedAgo(90), [alice]);
  const endedStart = startedAgo(90);
  server.scalar(`INSERT INTO room_entry (reservation_id, enter_time) SELECT reservation_id, start_time FROM reservation WHERE room_id = ${ended}`);
  const clamped = assertCreated(await call(server, 'PATCH', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: ended } }));
  assert.equal(clamped.exitTime, seoul(endedStart + 25 * MINUTE));
  assertFailure(await call(server, 'POST', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: ended } }), 400, '입장 가능한 시간이 아닙니다.');
});

test('entering a room one has not reserved, or one that is not there, is refused', async (server) => {
  const { groupId, members: [alice, bob] } = groupWith(server, 2);
  const roomId = addRoom(server, groupId, startedAgo(1), [alice]);
  assertFailure(await call(server, 'POST', '/api/v1/rooms/histories', { token: bob.token, json: { roomId } }), 400,
    `사용자가 참여하고 있는 방이 아닙니다.memberId :${bob.memberId} roomId :${roomId}`);
  assertFailure(await call(server, 'POST', '/api/v1/rooms/histories', { token: bob.token, json: { roomId: 987654 } }), 404, '존재하지 않는 방 번호입니다. roomId: 987654');
  assert.equal(entries(server, roomId), '0');
});

test('GET /rooms/nearest: data null (key present) without a reservation, else the one ending soonest', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  const none = await call(server, 'GET', '/api/v1/rooms/nearest', { token: alice.token });
  assert.equal(assertSuccess(none), null);
  assert.ok(none.text.includes('"data":null'));
  const soon = startedAgo(10);
  addRoom(server, groupId, seoulMidnight() + 2 * DAY, [alice]);
  const roomId = addRoom(server, groupId, soon, [alice]);
  addRoom(server, groupId, startedAgo(40), [alice]);  // over
  assert.deepEqual(assertSuccess(await call(server, 'GET', '/api/v1/rooms/nearest', { token: alice.token })), {
    roomId, groupId, startTime: seoul(soon), endTime: seoul(soon + 25 * MINUTE), profiles: [alice.profile], memberIds: null,
  });
});

test('GET /study-histories/durations sums per Seoul date, sorted, cancelled included, fresh after an exit', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  const from = seoul(seoulMidnight() - 7 * DAY);
  const to = seoul(seoulMidnight() + DAY);
  const path = `/api/v1/study-histories/durations?from=${from}&to=${to}`;
  assert.deepEqual(assertSuccess(await call(server, 'GET', path, { token: alice.token })), []);
  const twoDaysAgo = seoulMidnight() - 2 * DAY + 9 * 60 * MINUTE;
  const old = addRoom(server, groupId, twoDaysAgo, [alice]);
  server.scalar(`UPDATE reservation SET study_time = 10800000000, cancelled = 1 WHERE room_id = ${old}`);
  addRoom(server, groupId, twoDaysAgo + 60 * MINUTE, [alice]);
  // The cache is recomputed by the room feature's own changes; rows written behind its back need one, so
  // make one: entering and leaving a running room.
  const running = addRoom(server, groupId, startedAgo(3), [alice]);
  assertCreated(await call(server, 'POST', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }));
  assertCreated(await call(server, 'PATCH', '/api/v1/rooms/histories', { token: alice.token, json: { roomId: running } }));
  const days = assertSuccess(await call(server, 'GET', path, { token: alice.token }));
  assert.equal(days.length, 2);
  assert.deepEqual(days[0], { calculatedAt: seoul(twoDaysAgo).slice(0, 10), duration: 'PT3H' });
  assert.equal(days[1].calculatedAt, seoul(startedAgo(3)).slice(0, 10));
  assert.match(days[1].duration, /^PT(\d+M)?[\d.]+S$/);
});

test('bad queries and bodies are 400 envelopes that change nothing, never 5xx', async (server) => {
  const { groupId, members: [alice] } = groupWith(server, 1);
  const roomId = addRoom(server, groupId, startedAgo(1), [alice]);
  const good = `from=${today()}&to=${inTwoWeeks()}`;
  const queries = [
    `groupId=${groupId}`,
    `groupId=${groupId}&from=${today()}`,
    `from=${today()}&to=${inTwoWeeks()}`,
    `groupId=-${groupId}&${good}`,
    `groupId=0&${good}`,
    `groupId=abc&${good}`,
    `groupId=${groupId}&from=2023-02-30T00:00:00&to=${inTwoWeeks()}`,
    `groupId=${groupId}&from=yesterday&to=${inTwoWeeks()}`,
    `groupId=${groupId}&from=${today()}%00&to=${inTwoWeeks()}`,
    `groupId=${groupId}&from=${inTwoWeeks()}&to=${today()}`,
    `groupId=${groupId}&from=2020-01-01T00:00:00&to=2026-01-01T00:00:00`,
    `groupId=${groupId}&from=${'9'.repeat(5000)}&to=${inTwoWeeks()}`,
    `groupId=${'9'.repeat(40)}&${good}`,
  ];
  for (const q of queries) {
    for (const route of ['/api/v1/rooms', '/api/v1/rooms/reservation']) {
      assertBadRequest(await call(server, 'GET', `${route}?${q}`, { token: alice.token }));
    }
  }
  for (const q of [`from=${today()}`, `from=x&to=${today()}`, `from=${inTwoWeeks()}&to=${today()}`]) {
    assertBadRequest(await call(server, 'GET', `/api/v1/rooms/all?${q}`, { token: alice.token }));
    assertBadRequest(await call(server, 'GET', `/api/v1/study-histories/durations?${q}`, { token: alice.token }));
  }
  const bodies = [
    undefined, 'not json', '[]', '{}', { roomId: null }, { roomId: 'abc' }, { roomId: -roomId }, { roomId: [roomId] },
    { roomId: 1.5 }, { roomId: `${roomId}\u0000` }, { roomId: '9'.repeat(5000) }, { room: roomId },
  ];
  for (const json of bodies) {
    for (const method of ['POST', 'PATCH']) {
      const res = await call(server, method, '/api/v1/rooms/histories', { token: alice.token, json });
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${JSON.stringify(json)}: ${res.status} ${res.text}`);
      assert.equal(res.body?.code, 'fail');
    }
  }
  assert.equal(entries(server, roomId), '0');
  for (const method of ['POST', 'PATCH']) {
    assertUnauthenticated(await call(server, method, '/api/v1/rooms/histories', { json: { roomId } }));
  }
});

test.stops();
