// Swagger UI in a real browser (Debian's chromium driven by playwright-core) on both apps: the document renders
// with its operations, and "Try it out" with a bearer token from Authorize reaches the server and shows its answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';
import { login } from '../lib/api.mjs';
import { call as bbodokCall } from '../lib/bbodok.mjs';
import { openapiEnv, readDocument } from '../lib/openapi.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
let browser;
const servers = {};

before(async () => {
  servers.daengtionary = await startServer({ seed: true, env: openapiEnv('daengtionary') });
  servers.bbodok = await startServer({ app: 'bbodok', env: { ...openapiEnv('bbodok'), BBODOK_MEMBER_DEV_LOGIN: 'true' } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.dispose();
});

const operationCount = (doc) => Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length, 0);

// Opens /swagger-ui/, waits for the document's title and every operation, and returns the page.
async function openUi(server, doc) {
  const page = await browser.newPage();
  const failures = [];
  page.on('pageerror', (e) => failures.push(e.message));
  page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  await page.goto(`${server.url}/swagger-ui/`);
  await page.getByText(doc.info.title).first().waitFor({ timeout: 30_000 });
  await page.locator('.opblock').nth(operationCount(doc) - 1).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.opblock').count(), operationCount(doc));
  assert.deepEqual(failures, []);
  return page;
}

// Authorize → bearerAuth, then Try it out → Execute on one operation; resolves to the live response's code and body.
async function tryItOut(page, tag, operationId, token) {
  await page.locator('button.authorize').first().click();
  await page.locator('.modal-ux input').first().fill(token);
  await page.locator('.modal-ux button.authorize').click();
  await page.locator('.modal-ux button.btn-done').click();
  const operation = page.locator(`#operations-${tag}-${operationId}`);
  await operation.locator('.opblock-summary').click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const live = operation.locator('.live-responses-table .response');
  await live.waitFor({ timeout: 30_000 });
  return {
    status: Number((await live.locator('.response-col_status').first().innerText()).trim()),
    body: await live.locator('.response-col_description pre').first().innerText(),
    curl: await operation.locator('.curl-command').innerText(),
  };
}

test('Daengtionary: the document renders and GET /mypage/info runs with the token from Authorize', async () => {
  const server = servers.daengtionary;
  const page = await openUi(server, readDocument('daengtionary'));
  const res = await login(server, 'dangmom@example.com', 'daeng1234!');
  const token = res.headers.get('authorization').split(' ')[1];
  const answer = await tryItOut(page, 'mypage', 'myInfo', token);
  assert.equal(answer.status, 200, answer.body);
  assert.match(answer.curl, new RegExp(`Authorization: Bearer ${token}`));
  assert.equal(JSON.parse(answer.body).data.email, 'dangmom@example.com');
  await page.close();
});

test('Bbodok: the document renders and GET /api/v1/members runs with the token from Authorize', async () => {
  const server = servers.bbodok;
  const page = await openUi(server, readDocument('bbodok'));
  const signedIn = await bbodokCall(server, 'POST', '/api/v1/members/dev-login', { json: { nickname: '스웨거' } });
  assert.equal(signedIn.status, 200);
  const answer = await tryItOut(page, 'members', 'me', signedIn.body.data.accessToken);
  assert.equal(answer.status, 200, answer.body);
  assert.equal(JSON.parse(answer.body).data.name, '스웨거');
  await page.close();
});
