// /chat over HTTP as the frontend calls it (chatApi: JSON bodies, `Authorization` header): personal rooms
// (one per pair, one SYSTEM message), joining group rooms, the room list with unread counts, members-only
// history with optional paging, and bad input. Group rooms come from POST /friend/create.
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import { ERR, KOREAN_DATE, assertError, assertFrameworkError, call, multipart, newMember } from '../lib/api.mjs';
import { chat, groupRoom, messages, openPersonal, rooms } from '../lib/chat.mjs';

const { test } = serverSuite();

const NOT_FOUND_USER_INFO = { status: 404, code: 'NOT_FOUND', message: '해당 유저가 존재하지 않습니다' };
const CANNOT_CHAT_WITH_ME = { status: 400, code: 'CANNOT_CHAT_WITH_ME', message: '나 자신은 채팅의 대상이 될 수 없습니다.' };
const NOT_FOUND_CHAT_ROOM = { status: 404, code: 'NOT_FOUND_CHAT_ROOM', message: '해당 채팅방은 존재하지 않습니다.' };
const STARTED = '대화가 시작되었습니다 :)';

test('every /chat route needs a member: 401 INVAILID_TOKEN without a token or with "Bearer null"', async (server) => {
  for (const [method, path, json] of [
    ['POST', '/chat/room/personal', { memberNo: 1 }],
    ['POST', '/chat/room/into', { roomNo: 1 }],
    ['GET', '/chat/rooms'],
    ['GET', '/chat/messages/1'],
  ]) {
    assertError(await call(server, method, path, { json }), ERR.INVAILID_TOKEN);
    assertError(await call(server, method, path, { json, headers: { Authorization: 'Bearer null' } }), ERR.INVAILID_TOKEN);
  }
});

test('POST /chat/room/personal finds or creates one room per pair with a single SYSTEM message', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const roomNo = await openPersonal(server, alice, bob.memberNo);
  assert.equal(await openPersonal(server, alice, String(bob.memberNo)), roomNo, 'a numeric string works like Jackson');
  assert.equal(await openPersonal(server, bob, alice.memberNo), roomNo, 'the other side gets the same room');

  const history = await messages(server, alice, roomNo);
  assert.equal(history.length, 1, 'the SYSTEM message is added only when the room is created');
  assert.deepEqual(Object.keys(history[0]), ['messageNo', 'roomNo', 'type', 'sender', 'message', 'date']);
  assert.deepEqual({ ...history[0], messageNo: 0, date: '' }, { messageNo: 0, roomNo, type: 'SYSTEM', sender: 'SYSTEM', message: STARTED, date: '' });
  assert.match(history[0].date, KOREAN_DATE);
  assert.deepEqual(await messages(server, bob, roomNo), history);
});

test('POST /chat/room/personal refuses yourself, unknown members and ids that are not whole numbers', async (server) => {
  const alice = await newMember(server);
  assertError(await chat(server, 'POST', '/chat/room/personal', alice, { memberNo: alice.memberNo }), CANNOT_CHAT_WITH_ME);
  assertError(await chat(server, 'POST', '/chat/room/personal', alice, { memberNo: alice.memberNo + 100000 }), NOT_FOUND_USER_INFO);
  assertError(await chat(server, 'POST', '/chat/room/personal', alice, { memberNo: '' }), NOT_FOUND_USER_INFO);
  for (const body of [{}, { memberNo: null }, { memberNo: 'abc' }, { memberNo: 1.5 }, { memberNo: [1] }, { memberNo: { n: 1 } }, { memberNo: 1e300 }]) {
    assertError(await chat(server, 'POST', '/chat/room/personal', alice, body), ERR.NOT_VALIDCONTENT);
  }
  assertFrameworkError(await chat(server, 'POST', '/chat/room/personal', alice, 'not json'), 400, '/chat/room/personal');
  assertFrameworkError(await chat(server, 'POST', '/chat/room/personal', alice, '[1]'), 400, '/chat/room/personal');
  assert.deepEqual(await rooms(server, alice), [], 'no room was made');
});

test('GET /chat/rooms lists rooms most recent first with members, last message and unread counts', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const carol = await newMember(server);
  assert.deepEqual(await rooms(server, alice), []);
  const withBob = await openPersonal(server, alice, bob.memberNo);
  const withCarol = await openPersonal(server, carol, alice.memberNo);

  const list = await rooms(server, alice);
  assert.deepEqual(list.map((r) => r.roomNo), [withCarol, withBob], 'most recent activity first');
  const [first] = list;
  assert.deepEqual(Object.keys(first), ['roomNo', 'type', 'title', 'chatRoomMembers', 'lastDate', 'lastMessage', 'unreadCnt']);
  assert.equal(first.type, 'personal');
  assert.equal(first.title, '1:1');
  assert.deepEqual(first.chatRoomMembers.map((m) => Object.keys(m)), [['memberNo', 'nick'], ['memberNo', 'nick']]);
  assert.deepEqual(
    first.chatRoomMembers.map((m) => [m.memberNo, m.nick]).sort(),
    [[alice.memberNo, alice.nick], [carol.memberNo, carol.nick]].sort(),
  );
  assert.equal(first.lastMessage, STARTED);
  assert.match(first.lastDate, KOREAN_DATE);
  assert.ok(first.lastDate.split('요일')[1].startsWith(' 오'), 'the frontend splits lastDate on 요일');
  assert.equal(first.unreadCnt, 1, 'the SYSTEM message is unread');

  // Reading the history marks the room read for the reader only.
  await messages(server, alice, withBob);
  const after = await rooms(server, alice);
  assert.equal(after.find((r) => r.roomNo === withBob).unreadCnt, 0);
  assert.equal(after.find((r) => r.roomNo === withCarol).unreadCnt, 1);
  assert.equal((await rooms(server, bob)).find((r) => r.roomNo === withBob).unreadCnt, 1);
  assert.deepEqual((await rooms(server, bob)).map((r) => r.roomNo), [withBob], 'only the rooms the caller is in');
});

test('GET /chat/messages/{roomNo} is for members only; unknown rooms and non-members get the same 404', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const eve = await newMember(server);
  const roomNo = await openPersonal(server, alice, bob.memberNo);
  assertError(await chat(server, 'GET', `/chat/messages/${roomNo}`, eve), NOT_FOUND_CHAT_ROOM);
  assertError(await chat(server, 'GET', `/chat/messages/${roomNo + 100000}`, alice), NOT_FOUND_CHAT_ROOM);
  assertFrameworkError(await chat(server, 'GET', '/chat/messages/abc', alice), 400, '/chat/messages/abc');
});

test('GET /chat/messages pages with before and size, ascending, and validates them', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const roomNo = await openPersonal(server, alice, bob.memberNo);
  const [only] = await messages(server, alice, roomNo);
  assert.deepEqual(await messages(server, alice, roomNo, '?size=1'), [only]);
  assert.deepEqual(await messages(server, alice, roomNo, `?before=${only.messageNo + 1}&size=5`), [only]);
  assert.deepEqual(await messages(server, alice, roomNo, `?before=${only.messageNo}&size=5`), []);
  assert.deepEqual(await messages(server, alice, roomNo, `?before=${only.messageNo}`), []);
  for (const query of ['?size=0', '?size=101', '?size=-1', '?before=0', '?before=-5&size=1']) {
    assertError(await chat(server, 'GET', `/chat/messages/${roomNo}${query}`, alice), ERR.NOT_VALIDCONTENT);
  }
  for (const query of ['?size=abc', '?before=1.5', '?before', '?size=']) {
    assertFrameworkError(await chat(server, 'GET', `/chat/messages/${roomNo}${query}`, alice), 400, `/chat/messages/${roomNo}`);
  }
});

test('POST /chat/room/into joins group rooms idempotently; a 1:1 room answers 404 to third parties', async (server) => {
  const author = await newMember(server);
  const joiner = await newMember(server);
  const bob = await newMember(server);
  const title = `그룹 ${Date.now()}`;
  const group = await groupRoom(server, author, title);
  const personal = await openPersonal(server, author, bob.memberNo);

  for (const roomNo of [group, String(group)]) {
    const res = await chat(server, 'POST', '/chat/room/into', joiner, { roomNo });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { state: 200, message: '참여가 완료되었습니다 :)' });
  }
  const joined = await rooms(server, joiner);
  assert.equal(joined.length, 1);
  assert.equal(joined[0].type, 'group');
  assert.equal(joined[0].title, title);
  assert.deepEqual(joined[0].chatRoomMembers.map((m) => m.memberNo), [author.memberNo, joiner.memberNo], 'once each, in joining order');
  assert.equal(joined[0].unreadCnt, 1);
  assert.equal((await messages(server, joiner, group))[0].type, 'SYSTEM');

  assertError(await chat(server, 'POST', '/chat/room/into', joiner, { roomNo: personal }), NOT_FOUND_CHAT_ROOM);
  assertError(await chat(server, 'GET', `/chat/messages/${personal}`, joiner), NOT_FOUND_CHAT_ROOM);
  assertError(await chat(server, 'POST', '/chat/room/into', joiner, { roomNo: group + personal + 100000 }), NOT_FOUND_CHAT_ROOM);
  const ok = await chat(server, 'POST', '/chat/room/into', bob, { roomNo: personal });
  assert.deepEqual(ok.body, { state: 200, message: '참여가 완료되었습니다 :)' }, 'a member of the 1:1 room may call it');
  for (const body of [{}, { roomNo: 'x' }, { roomNo: 2.5 }, { roomNo: [] }]) {
    assertError(await chat(server, 'POST', '/chat/room/into', joiner, body), ERR.NOT_VALIDCONTENT);
  }
  assertFrameworkError(await chat(server, 'POST', '/chat/room/into', joiner, '{'), 400, '/chat/room/into');
  assert.equal((await rooms(server, joiner)).length, 1, 'the refused calls joined nothing');
});

test.stops();
