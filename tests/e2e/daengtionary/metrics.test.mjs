// GET /metrics after a known sequence of requests, read with a Prometheus text parser: exact count deltas by route
// template, method and status class, a consistent latency histogram, the session gauges around a SockJS session
// over WebSocket, every platform metric present, and metrics.enabled = false answering 404.
import assert from 'node:assert/strict';
import { test as plainTest } from 'node:test';
import WebSocket from 'ws';

import { serverSuite, startServer } from '../lib/server.mjs';
import { PLATFORM_METRICS, assertConsistentHistogram, eventually, sample, scrape } from '../lib/metrics.mjs';

const { test } = serverSuite();

test('every platform metric is there from the first scrape, each sample labelled with the service', async (server) => {
  const scraped = await scrape(server);
  for (const name of PLATFORM_METRICS) assert.ok(scraped.families.has(name), `${name} missing`);
  for (const line of scraped.text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    assert.match(line, /^[a-z_]+\{service="daengtionary"[,}]/, line);
  }
});

test('requests are counted by route template, method and status class, with a consistent histogram', async (server) => {
  const before = await scrape(server);
  for (let i = 0; i < 3; i += 1) assert.equal((await fetch(`${server.url}/health`)).status, 200);
  assert.equal((await fetch(`${server.url}/no/such/path`)).status, 404);
  assert.equal((await fetch(`${server.url}/chat/messages/7`)).status, 401);  // signed-in only
  assert.equal((await fetch(`${server.url}/health`, { method: 'DELETE' })).status, 405);
  const afterwards = await scrape(server);

  const delta = (labels) => sample(afterwards, 'http_requests_total', labels) - sample(before, 'http_requests_total', labels);
  assert.equal(delta({ route: '/health', method: 'GET', status: '2xx' }), 3);
  assert.equal(delta({ route: '/chat/messages/{roomNo}', method: 'GET', status: '4xx' }), 1, 'the template, not the path');
  assert.equal(delta({ route: 'unmatched', method: 'GET', status: '4xx' }), 1, 'the 404');
  assert.equal(delta({ route: 'unmatched', method: 'DELETE', status: '4xx' }), 1, 'the 405');
  assert.equal(delta({ route: '/metrics', method: 'GET', status: '2xx' }), 1, 'the first scrape');
  assert.equal(sample(afterwards, 'http_requests_total', { route: '/chat/messages/7' }), 0, 'no raw path as a label');

  const health = assertConsistentHistogram(afterwards, '/health', 'GET');
  const healthBefore = assertConsistentHistogram(before, '/health', 'GET');
  assert.equal(health.count - healthBefore.count, 3);
  assertConsistentHistogram(afterwards, '/chat/messages/{roomNo}', 'GET');
  assert.ok(sample(afterwards, 'http_connections') >= 1, 'the scrape\'s own connection is open');
});

test('the WebSocket and SockJS session gauges go up with a session and back down when it ends', async (server) => {
  const gauges = async () => {
    const scraped = await scrape(server);
    return { websocket: sample(scraped, 'websocket_sessions'), sockjs: sample(scraped, 'sockjs_sessions') };
  };
  const idle = await gauges();
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/wss/chat/000/metrics1/websocket`);
  const opened = await new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve(String(data)));
    socket.once('error', reject);
  });
  assert.equal(opened, 'o', 'SockJS open frame');
  assert.deepEqual(await gauges(), { websocket: idle.websocket + 1, sockjs: idle.sockjs + 1 });
  socket.close();
  await eventually(async () => {
    const now = await gauges();
    return now.websocket === idle.websocket && now.sockjs === idle.sockjs;
  }, 'session gauges back down');
});

test.stops();

plainTest('metrics.enabled = false: GET /metrics is 404', async (t) => {
  const server = await startServer({ env: { DAENGTIONARY_METRICS_ENABLED: 'false' } });
  t.after(() => server.dispose());
  assert.equal((await fetch(`${server.url}/health`)).status, 200);
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 404);
});
