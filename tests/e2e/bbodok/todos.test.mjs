// Todos (contract §2 rows 25-28, §7.6) as the frontend calls them: only one's own todos, only in one's groups;
// someone else's todo answers as a missing one; DELETE carries a JSON body; bad input is 4xx, nothing changed.
import assert from 'node:assert/strict';

import { serverSuite } from '../lib/server.mjs';
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
async function memberInNewGroup(server) {
  const owner = addMember(server);
  const json = { groupName: '토익 스터디', password: '', path: `todo${Date.now().toString(36)}${++paths}`, secret: false };
  const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: owner.token, json }));
  return { owner, group };
}
const todoCount = (server) => Number(server.scalar('SELECT COUNT(*) FROM todo'));

test('POST /todos answers 201 {todoId, groupId, content, done:false}; GET lists only my todos in the group', async (server) => {
  const { owner, group } = await memberInNewGroup(server);
  const other = addMember(server);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: other.token }));
  const first = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '단어 50개', groupId: group.groupId } }));
  assert.deepEqual(Object.keys(first).sort(), ['content', 'done', 'groupId', 'todoId']);
  assert.deepEqual(first, { todoId: first.todoId, groupId: group.groupId, content: '단어 50개', done: false });
  const second = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: 'LC 1회', groupId: String(group.groupId) } }));
  assertCreated(await call(server, 'POST', '/api/v1/todos', { token: other.token, json: { content: '남의 것', groupId: group.groupId } }));
  assertCreated(await call(server, 'POST', '/api/v1/groups/1', { token: owner.token, json: {} }));
  assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '다른 그룹', groupId: 1 } }));

  assert.deepEqual(assertSuccess(await call(server, 'GET', `/api/v1/todos?groupId=${group.groupId}`, { token: owner.token })), [first, second]);
  assert.equal(assertSuccess(await call(server, 'GET', `/api/v1/todos?groupId=${group.groupId}`, { token: other.token })).length, 1);
});

test('todos need membership: a non-member gets 404 (never 401) for listing and creating', async (server) => {
  const { group } = await memberInNewGroup(server);
  const stranger = addMember(server);
  const before = todoCount(server);
  const notMember = `사용자가 참여한 그룹의 id가 아닙니다. 사용자 id : ${stranger.memberId} 그룹 id : ${group.groupId}`;
  assertFailure(await call(server, 'GET', `/api/v1/todos?groupId=${group.groupId}`, { token: stranger.token }), 404, notMember);
  assertFailure(await call(server, 'POST', '/api/v1/todos', { token: stranger.token, json: { content: '침입', groupId: group.groupId } }), 404, notMember);
  assertFailure(await call(server, 'POST', '/api/v1/todos', { token: stranger.token, json: { content: 'x', groupId: 999999 } }), 404, '존재하지 않는 그룹입니다. groupId: 999999');
  assert.equal(todoCount(server), before);
});

test('PATCH /todos edits content and done for the owner (200); someone else\'s todo is 404 and unchanged', async (server) => {
  const { owner, group } = await memberInNewGroup(server);
  const other = addMember(server);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: other.token }));
  const todo = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '원래', groupId: group.groupId } }));
  const content = assertSuccess(await call(server, 'PATCH', '/api/v1/todos', { token: owner.token, json: { todoId: todo.todoId, content: '바뀜', done: false } }));
  assert.deepEqual(content, { ...todo, content: '바뀜', done: false });
  const done = assertSuccess(await call(server, 'PATCH', '/api/v1/todos', { token: owner.token, json: { todoId: todo.todoId, content: '바뀜', done: true } }));
  assert.deepEqual(done, { ...todo, content: '바뀜', done: true });
  const undone = assertSuccess(await call(server, 'PATCH', '/api/v1/todos', { token: owner.token, json: { todoId: todo.todoId, content: '바뀜', done: false } }));
  assert.equal(undone.done, false);

  assertFailure(
    await call(server, 'PATCH', '/api/v1/todos', { token: other.token, json: { todoId: todo.todoId, content: '탈취', done: true } }),
    404,
    `존재하지 않는 todo입니다. todoId: ${todo.todoId}`,
  );
  assertFailure(await call(server, 'PATCH', '/api/v1/todos', { token: owner.token, json: { todoId: 999999, content: 'x', done: true } }), 404, '존재하지 않는 todo입니다. todoId: 999999');
  assert.deepEqual(assertSuccess(await call(server, 'GET', `/api/v1/todos?groupId=${group.groupId}`, { token: owner.token })), [{ ...todo, content: '바뀜' }]);
});

test('DELETE /todos with a JSON body deletes my todo (200 RESOURCE_DELETED); missing or someone else\'s: 200, nothing deleted', async (server) => {
  const { owner, group } = await memberInNewGroup(server);
  const other = addMember(server);
  const todo = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '지울 것', groupId: group.groupId } }));
  assertDeleted(await call(server, 'DELETE', '/api/v1/todos', { token: other.token, json: { todoId: todo.todoId } }));
  assert.equal(Number(server.scalar(`SELECT COUNT(*) FROM todo WHERE todo_id = ${todo.todoId}`)), 1);
  assertDeleted(await call(server, 'DELETE', '/api/v1/todos', { token: owner.token, json: { todoId: todo.todoId } }));
  assert.equal(Number(server.scalar(`SELECT COUNT(*) FROM todo WHERE todo_id = ${todo.todoId}`)), 0);
  assertDeleted(await call(server, 'DELETE', '/api/v1/todos', { token: owner.token, json: { todoId: todo.todoId } }));
});

test('content is 1 to 255 characters (Korean counts as one each)', async (server) => {
  const { owner, group } = await memberInNewGroup(server);
  const long = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '가'.repeat(255), groupId: group.groupId } }));
  assert.equal(long.content.length, 255);
  const before = todoCount(server);
  for (const content of ['', '   ', '가'.repeat(256)]) {
    const res = await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content, groupId: group.groupId } });
    assertFailure(res, 400);
    assert.ok(res.body.message.length > 0);
    assertFailure(await call(server, 'PATCH', '/api/v1/todos', { token: owner.token, json: { todoId: long.todoId, content, done: true } }), 400);
  }
  assert.equal(todoCount(server), before);
  assert.equal(server.scalar(`SELECT done FROM todo WHERE todo_id = ${long.todoId}`), '0');
});

test('every todo route answers 401 without a valid token', async (server) => {
  for (const [method, path, json] of [
    ['GET', '/api/v1/todos?groupId=1'],
    ['POST', '/api/v1/todos', { content: 'a', groupId: 1 }],
    ['PATCH', '/api/v1/todos', { todoId: 1, content: 'a', done: true }],
    ['DELETE', '/api/v1/todos', { todoId: 1 }],
  ]) {
    assertUnauthenticated(await call(server, method, path, { json }));
    assertUnauthenticated(await call(server, method, path, { json, token: 'not.a.jwt' }));
  }
});

test('bad input (wrong types, missing fields, negative ids, huge strings, NUL bytes) is 4xx with nothing changed', async (server) => {
  const { owner, group } = await memberInNewGroup(server);
  const todo = assertCreated(await call(server, 'POST', '/api/v1/todos', { token: owner.token, json: { content: '그대로', groupId: group.groupId } }));
  const before = todoCount(server);
  for (const [method, path, json] of [
    ['GET', '/api/v1/todos'],
    ['GET', '/api/v1/todos?groupId=abc'],
    ['GET', '/api/v1/todos?groupId=-1'],
    ['POST', '/api/v1/todos', { content: 'a' }],
    ['POST', '/api/v1/todos', { groupId: group.groupId }],
    ['POST', '/api/v1/todos', { content: { a: 1 }, groupId: group.groupId }],
    ['POST', '/api/v1/todos', { content: 'a', groupId: -4 }],
    ['POST', '/api/v1/todos', { content: 'a', groupId: 'x' }],
    ['POST', '/api/v1/todos', { content: 'a\u0000b', groupId: group.groupId }],
    ['POST', '/api/v1/todos', { content: 'x'.repeat(200_000), groupId: group.groupId }],
    ['POST', '/api/v1/todos', '{"content":'],
    ['PATCH', '/api/v1/todos', { todoId: todo.todoId, content: '바꿈' }],
    ['PATCH', '/api/v1/todos', { todoId: todo.todoId, content: '바꿈', done: 'yes' }],
    ['PATCH', '/api/v1/todos', { todoId: todo.todoId, done: true }],
    ['PATCH', '/api/v1/todos', { todoId: -1, content: '바꿈', done: true }],
    ['PATCH', '/api/v1/todos', { todoId: [todo.todoId], content: '바꿈', done: true }],
    ['DELETE', '/api/v1/todos', {}],
    ['DELETE', '/api/v1/todos', { todoId: 'all' }],
    ['DELETE', '/api/v1/todos', undefined],
  ]) {
    const res = await call(server, method, path, { json, token: owner.token });
    assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(json)?.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(res.body?.code, 'fail', res.text.slice(0, 200));
  }
  assertBadRequest(await call(server, 'POST', '/api/v1/todos', { json: { content: 'a' }, token: owner.token }));
  assert.equal(todoCount(server), before);
  assert.equal(server.scalar(`SELECT content FROM todo WHERE todo_id = ${todo.todoId}`), '그대로');
});

test.stops();
