// Groups (contract §2 rows 8-16, §7.1) and withdrawal (row 4), as the frontend calls them: exact keys
// (`secret`, `color` null), 201 vs 200, the Korean texts it compares, refusals that are 4xx but never 401,
// hashed passwords never returned, the leaving cascade, and bad input answered 4xx with nothing changed.
import assert from 'node:assert/strict';

import { serverSuite } from '../lib/server.mjs';
import { waitFor } from '../lib/bbodok_rooms.mjs';
import {
  addMember,
  assertBadRequest,
  assertCreated,
  assertDeleted,
  assertFailure,
  assertSuccess,
  assertUnauthenticated,
  call,
} from '../lib/bbodok.mjs';

const { test } = serverSuite({ app: 'bbodok' });

let paths = 0;
const newPath = () => `p${Date.now().toString(36)}${++paths}`;
const KEYS = ['color', 'groupId', 'groupName', 'path', 'secret'];

async function createGroup(server, owner, { groupName = '알고리즘 스터디', secret = false, password = '', path = newPath() } = {}) {
  return assertCreated(await call(server, 'POST', '/api/v1/groups', { token: owner.token, json: { groupName, password, path, secret } }));
}
const count = (server, sql) => Number(server.scalar(sql));
const groupCount = (server) => count(server, 'SELECT COUNT(*) FROM study_group');

test('POST /groups answers 201 GroupResponse, joins the owner and never stores or returns the password', async (server) => {
  const owner = addMember(server);
  const path = newPath();
  const open = await createGroup(server, owner, { path });
  assert.deepEqual(Object.keys(open).sort(), KEYS);
  assert.equal(open.groupName, '알고리즘 스터디');
  assert.equal(open.secret, false);
  assert.equal(open.color, null);
  assert.equal(open.path, path);
  assert.equal(count(server, `SELECT COUNT(*) FROM membership WHERE member_id = ${owner.memberId} AND group_id = ${open.groupId}`), 1);
  assert.equal(server.scalar(`SELECT COALESCE(password_hash, 'none') FROM study_group WHERE group_id = ${open.groupId}`), 'none');

  const secret = await createGroup(server, owner, { secret: true, password: 'hunter22' });
  assert.equal(secret.secret, true);
  assert.ok(!('password' in secret) && !('isSecret' in secret));
  const stored = server.scalar(`SELECT password_hash FROM study_group WHERE group_id = ${secret.groupId}`);
  assert.match(stored, /^\$2[aby]\$/);
  assert.ok(!stored.includes('hunter22'));
});

test('POST /groups refuses a path in use, bad names, bad paths and a secret group without password, changing nothing', async (server) => {
  const owner = addMember(server);
  const taken = (await createGroup(server, owner)).path;
  const before = groupCount(server);
  assertFailure(await call(server, 'POST', '/api/v1/groups', { token: owner.token, json: { groupName: '또', password: '', path: taken, secret: false } }), 400, '이미 사용 중인 초대 코드입니다.');
  for (const json of [
    { groupName: '', password: '', path: newPath(), secret: false },
    { groupName: '   ', password: '', path: newPath(), secret: false },
    { groupName: '가'.repeat(51), password: '', path: newPath(), secret: false },
    { groupName: '이름', password: '', path: 'has space', secret: false },
    { groupName: '이름', password: '', path: '', secret: false },
    { groupName: '이름', password: '', path: 'x'.repeat(65), secret: false },
    { groupName: '이름', password: '', path: '../../etc', secret: false },
    { groupName: '이름', password: '', path: newPath(), secret: true },
    { groupName: '이름', path: newPath(), secret: true },
    { groupName: '이름', password: 'x'.repeat(73), path: newPath(), secret: true },
  ]) {
    const res = await call(server, 'POST', '/api/v1/groups', { token: owner.token, json });
    assertFailure(res, 400, undefined);
    assert.ok(res.body.message.length > 0, JSON.stringify(json));
  }
  assert.equal(groupCount(server), before);
});

test('GET /groups/all lists live groups not joined, secret ones with secret:true and color null', async (server) => {
  const owner = addMember(server);
  const other = addMember(server);
  const open = await createGroup(server, owner);
  const secret = await createGroup(server, owner, { secret: true, password: 'pw' });
  const all = assertSuccess(await call(server, 'GET', '/api/v1/groups/all', { token: other.token }));
  const byId = new Map(all.map((g) => [g.groupId, g]));
  assert.deepEqual(byId.get(open.groupId), { ...open });
  assert.deepEqual(byId.get(secret.groupId), { ...secret, secret: true, color: null });
  for (const g of all) assert.deepEqual(Object.keys(g).sort(), KEYS);
  const mineAll = assertSuccess(await call(server, 'GET', '/api/v1/groups/all', { token: owner.token }));
  assert.ok(!mineAll.some((g) => g.groupId === open.groupId || g.groupId === secret.groupId));
});

test('GET /groups lists mine with my colour; PATCH /groups/color sets it (200) and refuses non-members with 404', async (server) => {
  const owner = addMember(server);
  const other = addMember(server);
  const group = await createGroup(server, owner);
  let mine = assertSuccess(await call(server, 'GET', '/api/v1/groups', { token: owner.token }));
  assert.deepEqual(mine.find((g) => g.groupId === group.groupId), { ...group, color: null });
  const colored = assertSuccess(await call(server, 'PATCH', '/api/v1/groups/color', { token: owner.token, json: { color: 'primary', groupId: group.groupId } }));
  assert.deepEqual(colored, { ...group, color: 'primary' });
  mine = assertSuccess(await call(server, 'GET', '/api/v1/groups', { token: owner.token }));
  assert.equal(mine.find((g) => g.groupId === group.groupId).color, 'primary');
  assertFailure(
    await call(server, 'PATCH', '/api/v1/groups/color', { token: other.token, json: { color: 'accent', groupId: group.groupId } }),
    404,
    `사용자가 참여한 그룹의 id가 아닙니다. 사용자 id : ${other.memberId} 그룹 id : ${group.groupId}`,
  );
  assertFailure(await call(server, 'PATCH', '/api/v1/groups/color', { token: owner.token, json: { color: 'x'.repeat(31), groupId: group.groupId } }), 400);
  assertFailure(await call(server, 'PATCH', '/api/v1/groups/color', { token: owner.token, json: { color: 'a', groupId: 999999 } }), 404, '존재하지 않는 그룹입니다. groupId: 999999');
});

test('GET /groups/path previews an invite with the exact texts the join modal compares', async (server) => {
  const owner = addMember(server);
  const other = addMember(server);
  const group = await createGroup(server, owner, { secret: true, password: 'pw' });
  assertFailure(await call(server, 'GET', '/api/v1/groups/path?path=nope', { token: other.token }), 400, '유효하지 않은 초대 코드입니다. : nope');
  assertFailure(await call(server, 'GET', `/api/v1/groups/path?path=${group.path}`, { token: owner.token }), 400, '이미 가입한 그룹입니다.');
  assert.deepEqual(assertSuccess(await call(server, 'GET', `/api/v1/groups/path?path=${group.path}`, { token: other.token })), group);
  assertBadRequest(await call(server, 'GET', '/api/v1/groups/path', { token: other.token }));
});

test('POST /groups/{id} joins (201), checks a secret group password, and is a no-op for a member', async (server) => {
  const owner = addMember(server);
  const joiner = addMember(server);
  const open = await createGroup(server, owner);
  const secret = await createGroup(server, owner, { secret: true, password: '비밀번호1' });
  assert.deepEqual(assertCreated(await call(server, 'POST', `/api/v1/groups/${open.groupId}`, { token: joiner.token })), open);
  assert.deepEqual(assertCreated(await call(server, 'POST', `/api/v1/groups/${open.groupId}`, { token: joiner.token, json: {} })), open);
  assert.equal(count(server, `SELECT COUNT(*) FROM membership WHERE group_id = ${open.groupId}`), 2);

  for (const json of [{ password: 'wrong' }, {}, { password: null }, undefined]) {
    assertFailure(await call(server, 'POST', `/api/v1/groups/${secret.groupId}`, { token: joiner.token, json }), 400, '비밀번호가 일치하지 않습니다.');
  }
  assert.equal(count(server, `SELECT COUNT(*) FROM membership WHERE group_id = ${secret.groupId}`), 1);
  assert.deepEqual(assertCreated(await call(server, 'POST', `/api/v1/groups/${secret.groupId}`, { token: joiner.token, json: { password: '비밀번호1' } })), secret);

  // The frontend joins everyone to group 1 after each sign-in, with an empty body.
  assertCreated(await call(server, 'POST', '/api/v1/groups/1', { token: joiner.token, json: {} }));
  assertCreated(await call(server, 'POST', '/api/v1/groups/1', { token: joiner.token, json: {} }));
  assertFailure(await call(server, 'POST', '/api/v1/groups/999999', { token: joiner.token, json: {} }), 404, '존재하지 않는 그룹입니다. groupId: 999999');
  assertFailure(await call(server, 'POST', '/api/v1/groups/-3', { token: joiner.token, json: {} }), 404);
  assertBadRequest(await call(server, 'POST', '/api/v1/groups/abc', { token: joiner.token, json: {} }));
});

test('POST /groups/path joins through an invite without the password (201), then 400 이미 가입한 그룹입니다.', async (server) => {
  const owner = addMember(server);
  const joiner = addMember(server);
  const secret = await createGroup(server, owner, { secret: true, password: 'pw' });
  assert.deepEqual(assertCreated(await call(server, 'POST', '/api/v1/groups/path', { token: joiner.token, json: { path: secret.path } })), secret);
  assertFailure(await call(server, 'POST', '/api/v1/groups/path', { token: joiner.token, json: { path: secret.path } }), 400, '이미 가입한 그룹입니다.');
  assertFailure(await call(server, 'POST', '/api/v1/groups/path', { token: joiner.token, json: { path: 'missing' } }), 400, '유효하지 않은 초대 코드입니다. : missing');
  assertBadRequest(await call(server, 'POST', '/api/v1/groups/path', { token: joiner.token, json: {} }));
});

test('PATCH /groups is for the owner only; a password is replaced only when given', async (server) => {
  const owner = addMember(server);
  const member = addMember(server);
  const group = await createGroup(server, owner);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: member.token }));
  assertFailure(await call(server, 'PATCH', '/api/v1/groups', { token: member.token, json: { groupId: group.groupId, groupName: '탈취', secret: false } }), 400, '그룹장이 아닙니다.');
  // Made secret without a password: nobody could join it by id.
  assertFailure(await call(server, 'PATCH', '/api/v1/groups', { token: owner.token, json: { groupId: group.groupId, groupName: '새 이름', secret: true } }), 400);
  const edited = assertSuccess(await call(server, 'PATCH', '/api/v1/groups', { token: owner.token, json: { groupId: group.groupId, groupName: '새 이름', secret: true, password: 'first' } }));
  assert.deepEqual(edited, { ...group, groupName: '새 이름', secret: true, color: null });
  const hash = server.scalar(`SELECT password_hash FROM study_group WHERE group_id = ${group.groupId}`);
  assertSuccess(await call(server, 'PATCH', '/api/v1/groups', { token: owner.token, json: { groupId: group.groupId, groupName: '새 이름', secret: true } }));
  assert.equal(server.scalar(`SELECT password_hash FROM study_group WHERE group_id = ${group.groupId}`), hash);
  const outsider = addMember(server);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: outsider.token, json: { password: 'first' } }));
  assertFailure(await call(server, 'PATCH', '/api/v1/groups', { token: owner.token, json: { groupId: 999999, groupName: 'x', secret: false } }), 404);
});

test('DELETE /groups leaves with the cascade in one go; group 1 cannot be left; the last member closes the group', async (server) => {
  const owner = addMember(server);
  const member = addMember(server);
  const group = await createGroup(server, owner);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: member.token }));
  assertCreated(await call(server, 'POST', '/api/v1/groups/1', { token: member.token, json: {} }));
  assertCreated(await call(server, 'POST', '/api/v1/todos', { token: member.token, json: { content: '문제 풀기', groupId: group.groupId } }));
  // A room of the group reserved by the leaving member and by the owner, and one by the leaving member only.
  const start = (Date.now() + 86_400_000) * 1000;
  const end = start + 25 * 60 * 1_000_000;
  const shared = Number(server.scalar(`INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (${group.groupId}, ${member.memberId}, ${start}, ${end}, 0, 0) RETURNING room_id`));
  const alone = Number(server.scalar(`INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (${group.groupId}, ${member.memberId}, ${start + 1_800_000_000}, ${end + 1_800_000_000}, 0, 0) RETURNING room_id`));
  for (const [room, who] of [[shared, member], [shared, owner], [alone, member]]) {
    server.scalar(`INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) VALUES (${who.memberId}, ${room}, ${start}, ${end}, 0, 0) RETURNING reservation_id`);
  }

  assertFailure(await call(server, 'DELETE', '/api/v1/groups', { token: member.token, json: { groupId: 1 } }), 400, '전체 그룹은 나갈 수 없습니다.');
  assert.equal(count(server, `SELECT COUNT(*) FROM membership WHERE group_id = 1 AND member_id = ${member.memberId}`), 1);

  assertDeleted(await call(server, 'DELETE', '/api/v1/groups', { token: member.token, json: { groupId: group.groupId } }));
  assert.equal(count(server, `SELECT COUNT(*) FROM membership WHERE group_id = ${group.groupId} AND member_id = ${member.memberId}`), 0);
  assert.equal(count(server, `SELECT COUNT(*) FROM todo WHERE member_id = ${member.memberId}`), 0);
  assert.equal(count(server, `SELECT COUNT(*) FROM reservation WHERE member_id = ${member.memberId} AND cancelled = 0`), 0);
  assert.equal(count(server, `SELECT deleted FROM room WHERE room_id = ${shared}`), 0);
  assert.equal(count(server, `SELECT deleted FROM room WHERE room_id = ${alone}`), 1);
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: owner.token }));
  assert.deepEqual(ranks.map((r) => r.memberId), [owner.memberId]);
  assertFailure(await call(server, 'DELETE', '/api/v1/groups', { token: member.token, json: { groupId: group.groupId } }), 404);

  assertDeleted(await call(server, 'DELETE', '/api/v1/groups', { token: owner.token, json: { groupId: group.groupId } }));
  assert.equal(count(server, `SELECT deleted FROM study_group WHERE group_id = ${group.groupId}`), 1);
  const all = assertSuccess(await call(server, 'GET', '/api/v1/groups/all', { token: member.token }));
  assert.ok(!all.some((g) => g.groupId === group.groupId));
  assertFailure(await call(server, 'POST', '/api/v1/groups/path', { token: member.token, json: { path: group.path } }), 400, `유효하지 않은 초대 코드입니다. : ${group.path}`);
});

test('every group route answers 401 without a valid token, and refusals for signed-in callers are never 401', async (server) => {
  const routes = [
    ['GET', '/api/v1/groups/all'],
    ['GET', '/api/v1/groups'],
    ['GET', '/api/v1/groups/path?path=x'],
    ['POST', '/api/v1/groups', { groupName: 'a', path: 'b', secret: false, password: '' }],
    ['PATCH', '/api/v1/groups', { groupId: 1, groupName: 'a', secret: false }],
    ['PATCH', '/api/v1/groups/color', { groupId: 1, color: 'primary' }],
    ['POST', '/api/v1/groups/1', {}],
    ['POST', '/api/v1/groups/path', { path: 'everyone' }],
    ['DELETE', '/api/v1/groups', { groupId: 1 }],
    ['DELETE', '/api/v1/members'],
  ];
  for (const [method, path, json] of routes) {
    assertUnauthenticated(await call(server, method, path, { json }));
    assertUnauthenticated(await call(server, method, path, { json, token: 'junk' }));
  }
  const stranger = addMember(server);
  for (const [method, path, json] of routes.slice(0, -1)) {
    const res = await call(server, method, path, { json, token: stranger.token });
    assert.notEqual(res.status, 401, `${method} ${path}: ${res.text}`);
    assert.ok(res.status < 500, `${method} ${path}: ${res.text}`);
  }
});

test('bad input (wrong types, missing fields, negative ids, huge strings, NUL bytes) is 4xx with nothing changed', async (server) => {
  const owner = addMember(server);
  const group = await createGroup(server, owner);
  const before = [groupCount(server), count(server, 'SELECT COUNT(*) FROM membership')];
  const bodies = [
    ['POST', '/api/v1/groups', { groupName: { a: 1 }, path: newPath(), secret: false, password: '' }],
    ['POST', '/api/v1/groups', { groupName: 'a', path: newPath(), secret: 'yes', password: '' }],
    ['POST', '/api/v1/groups', { groupName: 'a', path: ['x'], secret: false }],
    ['POST', '/api/v1/groups', { groupName: 'a\u0000b', path: newPath(), secret: false, password: '' }],
    ['POST', '/api/v1/groups', { groupName: 'a', path: newPath(), secret: true, password: 'a\u0000b' }],
    ['POST', '/api/v1/groups', { groupName: '가'.repeat(100_000), path: newPath(), secret: false, password: '' }],
    ['POST', '/api/v1/groups', '{"groupName": '],
    ['POST', '/api/v1/groups', '[]'],
    ['PATCH', '/api/v1/groups', { groupId: 'abc', groupName: 'a', secret: false }],
    ['PATCH', '/api/v1/groups', { groupId: -1, groupName: 'a', secret: false }],
    ['PATCH', '/api/v1/groups', { groupName: 'a', secret: false }],
    ['PATCH', '/api/v1/groups/color', { groupId: group.groupId, color: ['x'] }],
    ['PATCH', '/api/v1/groups/color', { groupId: 0, color: 'x' }],
    ['POST', `/api/v1/groups/${group.groupId}`, { password: { x: 1 } }],
    ['POST', `/api/v1/groups/${group.groupId}`, 'not json'],
    ['POST', '/api/v1/groups/path', { path: 12.5e300 }],
    ['POST', '/api/v1/groups/path', { path: 'x'.repeat(100_000) }],
    ['DELETE', '/api/v1/groups', { groupId: 1.5 }],
    ['DELETE', '/api/v1/groups', { groupId: -7 }],
    ['DELETE', '/api/v1/groups', {}],
    ['DELETE', '/api/v1/groups', undefined],
    ['GET', '/api/v1/groups/path?path=%00', undefined],
    ['GET', `/api/v1/groups/path?path=${'y'.repeat(5000)}`, undefined],
  ];
  for (const [method, path, json] of bodies) {
    const res = await call(server, method, path, { json, token: owner.token });
    assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(json)?.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(res.body?.code, 'fail', res.text.slice(0, 200));
  }
  assert.deepEqual([groupCount(server), count(server, 'SELECT COUNT(*) FROM membership')], before);
});

test('DELETE /members withdraws: 200 RESOURCE_DELETED, every group left, todos and tokens gone, the old token 401', async (server) => {
  const leaver = addMember(server);
  const friend = addMember(server);
  const solo = await createGroup(server, leaver);
  const shared = await createGroup(server, friend);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${shared.groupId}`, { token: leaver.token }));
  assertCreated(await call(server, 'POST', '/api/v1/groups/1', { token: leaver.token, json: {} }));
  assertCreated(await call(server, 'POST', '/api/v1/todos', { token: leaver.token, json: { content: '할 일', groupId: shared.groupId } }));
  server.scalar(`INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (${leaver.memberId}, 'fcm', 0, 0) RETURNING client_id`);

  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: leaver.token }));
  assert.equal(server.scalar(`SELECT status FROM member WHERE member_id = ${leaver.memberId}`), 'WITHDRAWN');
  // The cleanup is the withdrawal worker's (withdrawal.test.mjs): wait for it.
  await waitFor(() => server.scalar(`SELECT stage FROM withdrawal WHERE member_id = ${leaver.memberId}`) === 'done', 10_000, 'the withdrawal cleanup');
  for (const table of ['membership', 'todo', 'client', 'refresh_token']) {
    assert.equal(count(server, `SELECT COUNT(*) FROM ${table} WHERE member_id = ${leaver.memberId}`), 0, table);
  }
  assert.equal(count(server, `SELECT deleted FROM study_group WHERE group_id = ${solo.groupId}`), 1);
  assert.equal(count(server, `SELECT deleted FROM study_group WHERE group_id = ${shared.groupId}`), 0);
  assert.equal(count(server, 'SELECT deleted FROM study_group WHERE group_id = 1'), 0);
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${shared.groupId}`, { token: friend.token }));
  assert.deepEqual(ranks.map((r) => r.memberId), [friend.memberId]);

  for (const [method, path, json] of [
    ['GET', '/api/v1/groups'],
    ['GET', '/api/v1/groups/all'],
    ['POST', '/api/v1/groups/1', {}],
    ['GET', `/api/v1/ranks?groupId=${shared.groupId}`],
    ['GET', `/api/v1/todos?groupId=${shared.groupId}`],
    ['DELETE', '/api/v1/members'],
  ]) {
    assertUnauthenticated(await call(server, method, path, { json, token: leaver.token }));
  }
});

test.stops();
