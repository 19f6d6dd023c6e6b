// Bbodok's process: /health in its envelope, framework errors in its failure envelope, drain on SIGTERM.
import assert from 'node:assert/strict';

import { serverSuite } from '../lib/server.mjs';

const { test } = serverSuite({ app: 'bbodok' });

test('GET /health answers 200 SUCCESS with data null', async (server) => {
  const res = await fetch(`${server.url}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { data: null, message: '성공', code: 'success' });
});

test('an unknown path is 404 and a wrong method 400, in the failure envelope', async (server) => {
  const missing = await fetch(`${server.url}/api/v1/nothing`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).code, 'fail');
  const wrong = await fetch(`${server.url}/health`, { method: 'DELETE' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), { code: 'fail', message: '알 수 없는 오류가 발생했어요.' });
});

test('the default group 1 exists after the migrations', async (server) => {
  assert.equal(server.scalar('SELECT name FROM study_group WHERE group_id = 1 AND everyone = 1'), '전체');
});

test.stops();
