// GET /metrics after a known sequence of requests, read with a Prometheus text parser: exact count deltas by route
// template, method and status class, a consistent latency histogram, the WebSocket and Socket.IO session gauges
// around a session, and metrics.enabled = false answering 404.
import assert from 'node:assert/strict';
import { test as plainTest } from 'node:test';
import WebSocket from 'ws';

import { serverSuite, startServer } from '../lib/server.mjs';
import { PLATFORM_METRICS, assertConsistentHistogram, eventually, sample, scrape } from '../lib/metrics.mjs';

const { test } = serverSuite({ app: 'bbodok' });

test('every platform metric is there from the first scrape, each sample labelled with the service', async (server) => {
  const scraped = await scrape(server);
  for (const name of PLATFORM_METRICS) assert.ok(scraped.families.has(name), `${name} missing`);
  for (const line of scraped.text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    assert.match(line, /^[a-z_]+\{service="bbodok"[,}]/, line);
  }
});

test('requests are counted by route template, method and status class, with a consistent histogram', async (server) => {
  const before = await scrape(server);
  for (let i = 0; i < 4; i += 1) assert.equal((await fetch(`${server.url}/health`)).status, 200);
  assert.equal((await fetch(`${server.url}/api/v1/nothing`)).status, 404);
  assert.equal((await fetch(`${server.url}/api/v1/members/3`)).status, 401);  // signed-in only
  assert.equal((await fetch(`${server.url}/health`, { method: 'DELETE' })).status, 400);  // Bbodok's wrong method
  const afterwards = await scrape(server);

  const delta = (labels) => sample(afterwards, 'http_requests_total', labels) - sample(before, 'http_requests_total', labels);
  assert.equal(delta({ route: '/health', method: 'GET', status: '2xx' }), 4);
  assert.equal(delta({ route: '/api/v1/members/{groupId}', method: 'GET', status: '4xx' }), 1, 'the template');
  assert.equal(delta({ route: 'unmatched', method: 'GET', status: '4xx' }), 1, 'the 404');
  assert.equal(delta({ route: 'unmatched', method: 'DELETE', status: '4xx' }), 1, 'the wrong method');
  assert.equal(delta({ route: '/metrics', method: 'GET', status: '2xx' }), 1, 'the first scrape');

  const health = assertConsistentHistogram(afterwards, '/health', 'GET');
  assert.equal(health.count - assertConsistentHistogram(before, '/health', 'GET').count, 4);
  assertConsistentHistogram(afterwards, '/api/v1/members/{groupId}', 'GET');
});

test('the WebSocket session gauge goes up with a STOMP WebSocket and back down when it closes', async (server) => {
  const idle = sample(await scrape(server), 'websocket_sessions');
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/bbodok-websocket`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  await eventually(async () => sample(await scrape(server), 'websocket_sessions') === idle + 1, 'gauge up');
  socket.close();
  await eventually(async () => sample(await scrape(server), 'websocket_sessions') === idle, 'gauge back down');
});

test('the Socket.IO session gauge counts an Engine.IO session from its handshake to its close', async (server) => {
  const idle = sample(await scrape(server), 'socketio_sessions');
  const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
  assert.equal(handshake.status, 200);
  const { sid } = JSON.parse((await handshake.text()).slice(1));  // "0{…}": the open packet
  assert.equal(sample(await scrape(server), 'socketio_sessions'), idle + 1);
  const closing = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '1' });
  assert.equal(closing.status, 200);
  await eventually(async () => sample(await scrape(server), 'socketio_sessions') === idle, 'gauge back down');
});

test.stops();

plainTest('metrics.enabled = false: GET /metrics is 404', async (t) => {
  const server = await startServer({ app: 'bbodok', env: { BBODOK_METRICS_ENABLED: 'false' } });
  t.after(() => server.dispose());
  assert.equal((await fetch(`${server.url}/health`)).status, 200);
  assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
});
