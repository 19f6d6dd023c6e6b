// log.format = "json": every line the server writes is one JSON object, access lines carry the request's fields,
// and a request target full of odd bytes still makes valid JSON.
import assert from 'node:assert/strict';
import net from 'node:net';

import { serverSuite } from '../lib/server.mjs';

const { test } = serverSuite({ env: { DAENGTIONARY_LOG_FORMAT: 'json' } });

test('access lines and messages are JSON objects with time, level, message and the request fields', async (server) => {
  const health = await fetch(`${server.url}/health`, { headers: { 'X-Request-Id': 'json-log-1' } });
  assert.equal(health.status, 200);
  const odd = await fetch(`${server.url}/%FF%00%22quoted%22%1B%5B31m?q=%E2%80%A8`, { headers: { 'X-Request-Id': 'json-log-2' } });
  assert.ok(odd.status >= 400 && odd.status < 500, String(odd.status));
  // Raw bytes a client may put in a target (obs-text, which HTTP parsers let through): invalid UTF-8 and a quote.
  await new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      socket.end(Buffer.concat([Buffer.from('GET /raw'), Buffer.from([0xff, 0xfe, 0x22, 0x5c]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\nX-Request-Id: json-log-3\r\nConnection: close\r\n\r\n')]));
    });
    socket.on('data', () => {});
    socket.on('close', resolve);
    socket.on('error', reject);
  });
  const stopped = await server.stop(10_000);
  assert.deepEqual({ code: stopped.code, signal: stopped.signal }, { code: 0, signal: null });

  const lines = server.log().split('\n').filter((line) => line.length > 0);
  const records = lines.map((line) => {
    try {
      return JSON.parse(line);
    } catch (e) {
      throw new Error(`not JSON: ${line}`);
    }
  });
  for (const r of records) {
    assert.match(r.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(typeof r.level, 'string');
    assert.equal(typeof r.message, 'string');
  }
  assert.ok(records.some((r) => r.message.startsWith('daengtionary listening on')), 'the start-up line');
  const access = records.find((r) => r.message === 'access' && r.request_id === 'json-log-1');
  assert.ok(access, 'the access line of GET /health');
  assert.deepEqual(
    { method: access.method, target: access.target, status: access.status, level: access.level, ip: access.remote_ip },
    { method: 'GET', target: '/health', status: 200, level: 'info', ip: '127.0.0.1' },
  );
  assert.equal(typeof access.bytes, 'number');
  assert.ok(access.duration_ms >= 0);
  const refused = records.find((r) => r.message === 'access' && r.request_id === 'json-log-2');
  assert.ok(refused, 'the access line of the odd target');
  assert.ok(refused.target.includes('%FF%00'), refused.target);
  const raw = records.find((r) => r.message === 'access' && r.request_id === 'json-log-3');
  assert.ok(raw, 'the access line of the raw target');
  assert.equal(raw.target, '/raw\ufffd\ufffd"\\');
});
