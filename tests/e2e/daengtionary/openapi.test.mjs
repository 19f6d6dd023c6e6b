// /v3/api-docs and /swagger-ui/ on Daengtionary: the document as served, no drift at start, and every example
// response of the document shaped like what the server answers (on the demo data set).
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import { call, login, newMember, uniqueEmail } from '../lib/api.mjs';
import { checkExamples, documentServingTests, openapiEnv, readDocument } from '../lib/openapi.mjs';

const { test } = serverSuite({ seed: true, env: openapiEnv('daengtionary') });

documentServingTests(test, 'daengtionary');

test('every example response in the document has the keys and JSON types of the real answer', async (server) => {
  const demo = await login(server, 'dangmom@example.com', 'daeng1234!');
  assert.equal(demo.status, 200, demo.text);
  const token = demo.headers.get('authorization').split(' ')[1];
  const trades = await call(server, 'GET', '/trade?sort=new&pagenum=0&pagesize=1');
  const someone = await newMember(server);
  await checkExamples(readDocument('daengtionary'), {
    'GET /health 200': () => call(server, 'GET', '/health'),
    'GET /member/checkemail 200': () => call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(uniqueEmail())}`),
    'GET /member/checkemail 400': () => call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(someone.email)}`),
    'POST /member/login 200': () => Promise.resolve(demo),
    'GET /mypage/info 200': () => call(server, 'GET', '/mypage/info', { token }),
    'GET /hospital 200': () => call(server, 'GET', '/hospital?address=&sort=new&pagenum=0&pagesize=5'),
    'GET /trade/{tradeNo} 200': () => call(server, 'GET', `/trade/${trades.body.data[0].tradeNo}`),
    'GET /community/{comNo} 404': () => call(server, 'GET', '/community/999999999?pagenum=0&pagesize=5'),
    '#/components/responses/Unauthorized': () => call(server, 'GET', '/mypage/info'),
  });
});

test.stops();
