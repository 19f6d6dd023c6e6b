// Bbodok's process so far: /health in its envelope, framework errors in its failure envelope, drain on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { freePort } from '../lib/server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const BIN = process.env.BBODOK_BIN || path.resolve(here, '../../../build/dev/apps/bbodok/bbodok');

let child;
let url;
let exited;
let output = '';

before(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-bbodok-'));
  const config = path.join(dir, 'bbodok.toml');
  fs.writeFileSync(config, '[http]\naddress = "127.0.0.1"\n');
  child = spawn(BIN, ['--config', config], { env: { ...process.env, BBODOK_HTTP_PORT: String(port) } });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`bbodok did not start:\n${output}`);
});

after(() => child?.kill('SIGKILL'));

test('GET /health answers 200 SUCCESS with data null', async () => {
  const res = await fetch(`${url}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { data: null, message: '성공', code: 'success' });
});

test('an unknown path is 404 and a wrong method 400, in the failure envelope', async () => {
  const missing = await fetch(`${url}/api/v1/nothing`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).code, 'fail');
  const wrong = await fetch(`${url}/health`, { method: 'DELETE' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), { code: 'fail', message: '알 수 없는 오류가 발생했어요.' });
});

test('stops on SIGTERM with exit status 0 and no sanitizer report', async () => {
  child.kill('SIGTERM');
  const outcome = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 10_000))]);
  assert.deepEqual(outcome, { code: 0, signal: null });
  assert.ok(!/AddressSanitizer|runtime error|LeakSanitizer/.test(output), output);
});
