// Bbodok's cache cold start (issue 10, item 7): p99 of GET /api/v1/rooms (the frontend's 14-day window) in the
// first second after a start and in the second after each reservation change, next to steady state.
//
//   node bench/bbodok_cold_start.mjs            # BBODOK_BIN (default build/release/apps/bbodok/bbodok)
//   E2E_DATABASE=postgresql TEST_POSTGRES_URL=… node bench/bbodok_cold_start.mjs
// Knobs: BENCH_CONNECTIONS=64 (concurrent request loops), BENCH_STEADY_SECONDS=5, BENCH_CHANGES=5.
// Seeds 50 groups of 40 members (2,000) and a fortnight of rooms (10 a day per group, 3 members each), restarts
// the server on that database, and measures from the moment /health answers. Prints a markdown table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runChunked } from './seed_sql.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.BBODOK_BIN ??= path.join(repo, 'build/release/apps/bbodok/bbodok');
const { startServer } = await import('../tests/e2e/lib/server.mjs');
const { accessToken } = await import('../tests/e2e/lib/bbodok.mjs');
const { connectStomp, seoul, seoulMidnight, DAY, MINUTE } = await import('../tests/e2e/lib/bbodok_rooms.mjs');

const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 5);
const changes = Number(process.env.BENCH_CHANGES ?? 5);
const GROUPS = 50;
const PER_GROUP = 40;
const ROOMS_PER_DAY = 10;

function seed(server) {
  const now = Date.now() * 1000;
  const statements = [];
  for (let g = 0; g < GROUPS; ++g) {
    statements.push(`INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) VALUES (NULL, '그룹${g}', 0, 'bench-${g}', 0, ${now}, ${now})`);
  }
  for (let m = 0; m < GROUPS * PER_GROUP; ++m) {
    statements.push(`INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES ('회원${m}', 'https://k.kakaocdn.net/p/${m}.jpg', NULL, NULL, ${now}, ${now})`);
  }
  runChunked(server, statements);
  // Group ids 2..51 (1 is the default group), member ids 1..2000, in insertion order.
  const members = [];
  const rows = [];
  for (let m = 0; m < GROUPS * PER_GROUP; ++m) {
    const groupId = 2 + Math.floor(m / PER_GROUP);
    members.push({ memberId: m + 1, groupId });
    rows.push(`INSERT INTO membership (member_id, group_id, joined_at) VALUES (${m + 1}, ${groupId}, ${now})`);
  }
  runChunked(server, rows);
  const rooms = [];
  let roomId = 0;
  const midnight = seoulMidnight();
  for (let g = 0; g < GROUPS; ++g) {
    for (let d = 0; d < 14; ++d) {
      for (let r = 0; r < ROOMS_PER_DAY; ++r) {
        const start = (midnight + d * DAY + (8 + r) * 60 * MINUTE) * 1000;
        const end = start + 25 * MINUTE * 1000;
        const owner = g * PER_GROUP + 1 + ((d + r) % PER_GROUP);
        ++roomId;
        rooms.push(`INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (${g + 2}, ${owner}, ${start}, ${end}, ${now}, ${now})`);
        for (let k = 0; k < 3; ++k) {
          const member = g * PER_GROUP + 1 + ((d + r + k * 7) % PER_GROUP);
          rooms.push(`INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) VALUES (${member}, ${roomId}, ${start}, ${end}, ${now}, ${now})`);
        }
      }
    }
  }
  runChunked(server, rooms);
  return members;
}

// Request loops for `ms`: each picks a member (of `group` when given) and asks for its group's calendar.
async function measure(server, members, ms, group) {
  const from = seoul(seoulMidnight());
  const to = seoul(seoulMidnight() + 14 * DAY);
  const pool = group ? members.filter((m) => m.groupId === group) : members;
  const latencies = [];
  let failures = 0;
  const deadline = performance.now() + ms;
  const loop = async (i) => {
    for (let n = i; performance.now() < deadline; n += connections) {
      const who = pool[n % pool.length];
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/rooms?groupId=${who.groupId}&from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${who.token}` },
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status !== 200) ++failures;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => loop(i)));
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, failures, p50: p(0.5), p99: p(0.99), max: latencies.at(-1) ?? NaN };
}

const server = await startServer({ app: 'bbodok' });
try {
  const members = seed(server);
  for (const m of members) m.token = accessToken(server, m.memberId, 3600);
  await server.stop();
  await server.restart();
  // Open the client's connections first (GET /health touches no cache): the figure is the server's data
  // caches, not TCP handshakes or the client's own warm-up.
  await Promise.all(Array.from({ length: connections }, () => fetch(`${server.url}/health`).then((r) => r.arrayBuffer())));
  const cold = await measure(server, members, 1000);
  const steady = await measure(server, members, steadySeconds * 1000);
  const afterChange = [];
  for (let c = 0; c < changes; ++c) {
    const who = members[c * PER_GROUP];
    const session = await connectStomp(server, who.token);
    const start = seoulMidnight() + 2 * DAY + (c + 1) * 30 * MINUTE;
    session.send('/app/add', { groupId: who.groupId, startTime: seoul(start), endTime: seoul(start + 25 * MINUTE) });
    afterChange.push(await measure(server, members, 1000, who.groupId));
    await session.close();
  }
  const worstChange = afterChange.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  const row = (name, r) => `| ${name} | ${r.requests} | ${r.failures} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} | ${(r.p99 / steady.p99).toFixed(2)}× |`;
  console.log(`GET /api/v1/rooms, 14-day window, ${connections} concurrent loops, ${server.database}, ${process.env.BBODOK_BIN}`);
  console.log('| phase | requests | non-200 | p50 ms | p99 ms | max ms | p99 ÷ steady |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(row('first second after start', cold));
  console.log(row(`steady (${steadySeconds} s)`, steady));
  console.log(row(`second after a change (worst of ${changes}, changed group only)`, worstChange));
  const fails = [cold, steady, ...afterChange].reduce((n, r) => n + r.failures, 0);
  if (fails > 0) process.exitCode = 1;
} finally {
  await server.dispose();
}
