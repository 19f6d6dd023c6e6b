// /v3/api-docs and /swagger-ui/ on Bbodok: the document as served, no drift at start, and every example response
// of the document shaped like what the server answers.
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import { call } from '../lib/bbodok.mjs';
import { checkExamples, documentServingTests, openapiEnv, readDocument } from '../lib/openapi.mjs';

const { test } = serverSuite({ app: 'bbodok', env: { ...openapiEnv('bbodok'), BBODOK_MEMBER_DEV_LOGIN: 'true' } });

documentServingTests(test, 'bbodok');

test('every example response in the document has the keys and JSON types of the real answer', async (server) => {
  const signedIn = await call(server, 'POST', '/api/v1/members/dev-login', { json: { nickname: '뽀독이' } });
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  const token = signedIn.body.data.accessToken;
  assert.equal((await call(server, 'POST', '/api/v1/groups/1', { json: {}, token })).status, 201);
  await checkExamples(readDocument('bbodok'), {
    'GET /health 200': () => call(server, 'GET', '/health'),
    'POST /api/v1/members/dev-login 200': () => Promise.resolve(signedIn),
    'GET /api/v1/members 200': () => call(server, 'GET', '/api/v1/members', { token }),
    'GET /api/v1/groups 200': () => call(server, 'GET', '/api/v1/groups', { token }),
    'GET /api/v1/rooms/nearest 200': () => call(server, 'GET', '/api/v1/rooms/nearest', { token }),
    'POST /api/v1/todos 201': () => call(server, 'POST', '/api/v1/todos', { json: { content: '단어 외우기', groupId: 1 }, token }),
    '#/components/responses/Unauthorized': () => call(server, 'GET', '/api/v1/members'),
  });
});

test.stops();
