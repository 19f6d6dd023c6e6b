// GET /metrics read the way Prometheus reads it (parse-prometheus-text-format), and the samples the suites compare.
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

// { families: Map(name -> family), text } from one scrape; asserts the status and the content type.
export async function scrape(server) {
  const res = await fetch(`${server.url}/metrics`);
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  return { families, text };
}

const matches = (labels = {}, wanted) => Object.entries(wanted).every(([key, value]) => labels[key] === value);

// The value of the one sample of `name` whose labels include `labels`; 0 when there is none (a labelled counter
// appears once it has counted something).
export function sample({ families }, name, labels = {}) {
  const family = families.get(name);
  assert.ok(family, `no metric ${name}`);
  const found = family.metrics.filter((m) => matches(m.labels, labels));
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found.length === 0 ? 0 : Number(found[0].value);
}

// A sample line's name and labels, quotes and escapes honoured (route templates hold braces).
function splitSampleLine(line) {
  const open = line.indexOf('{');
  if (open < 0) return { name: line.split(' ')[0], labels: {}, rest: line.slice(line.indexOf(' ')) };
  const labels = {};
  let at = open + 1;
  while (line[at] !== '}') {
    const eq = line.indexOf('=', at);
    const key = line.slice(at, eq);
    let value = '';
    at = eq + 2;  // past ="
    while (line[at] !== '"') {
      if (line[at] === '\\') {
        at += 1;
        value += line[at] === 'n' ? '\n' : line[at];
      } else {
        value += line[at];
      }
      at += 1;
    }
    labels[key] = value;
    at += 1;
    if (line[at] === ',') at += 1;
  }
  return { name: line.slice(0, open), labels, rest: line.slice(at + 1) };
}

// { buckets: [[le, cumulative count]…] in ascending le, count, sum } of one histogram child; zeros when absent.
// parse-prometheus-text-format 1.1.1 merges the children of a labelled histogram into one, so the child's lines
// are picked out first (their other labels dropped) and the parser reads those.
export function histogram({ families, text }, name, labels) {
  const family = families.get(name);
  assert.ok(family, `no metric ${name}`);
  assert.equal(family.type, 'HISTOGRAM');
  const child = [`# TYPE ${name} histogram`];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_`)) continue;
    const parsed = splitSampleLine(line);
    const { le, ...others } = parsed.labels;
    if (!matches(others, labels)) continue;
    child.push(`${parsed.name}${le === undefined ? '' : `{le="${le}"}`}${parsed.rest}`);
  }
  if (child.length === 1) return { buckets: [], count: 0, sum: 0 };
  const [read] = parsePrometheusTextFormat(`${child.join('\n')}\n`);
  assert.equal(read.metrics.length, 1);
  const buckets = Object.entries(read.metrics[0].buckets)
    .map(([le, count]) => [le === '+Inf' ? Infinity : Number(le), Number(count)])
    .sort((a, b) => a[0] - b[0]);
  return { buckets, count: Number(read.metrics[0].count), sum: Number(read.metrics[0].sum) };
}

// A histogram child is consistent: cumulative buckets never decrease, +Inf equals the count, and the count is the
// number of requests the counter has for the same route and method.
export function assertConsistentHistogram(scraped, route, method) {
  const h = histogram(scraped, 'http_request_duration_seconds', { route, method });
  assert.ok(h.buckets.length > 1, `buckets of ${method} ${route}`);
  for (let i = 1; i < h.buckets.length; i += 1) {
    assert.ok(h.buckets[i][1] >= h.buckets[i - 1][1], `bucket le=${h.buckets[i][0]} below the one before`);
  }
  assert.equal(h.buckets.at(-1)[0], Infinity);
  assert.equal(h.buckets.at(-1)[1], h.count);
  const counted = ['1xx', '2xx', '3xx', '4xx', '5xx']
    .map((status) => sample(scraped, 'http_requests_total', { route, method, status }))
    .reduce((a, b) => a + b, 0);
  assert.equal(h.count, counted, `histogram count of ${method} ${route} against http_requests_total`);
  assert.ok(h.sum >= 0 && h.sum < h.count * 30, `sum ${h.sum} s for ${h.count} requests`);
  return h;
}

// The metrics every app exposes from its first scrape, whatever it has done.
export const PLATFORM_METRICS = [
  'http_requests_total', 'http_request_duration_seconds', 'http_connections', 'websocket_sessions', 'sockjs_sessions',
  'socketio_sessions', 'slow_consumers_closed_total', 'stomp_frames_received_total', 'stomp_messages_delivered_total',
  'db_pool_connections_in_use', 'db_pool_waits_total', 'blocking_pool_jobs', 'blocking_pool_rejected_total',
  'kv_errors_total', 'storage_errors_total', 'job_runs_total',
];

export async function eventually(check, what, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const outcome = await check();
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
