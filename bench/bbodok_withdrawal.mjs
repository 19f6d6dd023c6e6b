// Bbodok's withdrawal under the seed's scenario (issue 12): 2,000 members withdraw at once while others read
// their rooms. Reports the withdrawal requests' and the other requests' p99 (next to the same reads before),
// the time until every cleanup and Kakao unlink is done, the executor's peak queue depth, the task table's
// peak backlog and the server's peak RSS; checks that every member ends withdrawn with no row left behind.
//
//   node bench/bbodok_withdrawal.mjs            # BBODOK_BIN (default build/release/apps/bbodok/bbodok)
//   E2E_DATABASE=postgresql TEST_POSTGRES_URL=… node bench/bbodok_withdrawal.mjs
// Knobs: BENCH_WITHDRAWALS=2000, BENCH_CONNECTIONS=32 (reading loops), BENCH_BASELINE_SECONDS=3.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runChunked } from './seed_sql.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.BBODOK_BIN ??= path.join(repo, 'build/release/apps/bbodok/bbodok');
const { startServer, kakaoEnv } = await import('../tests/e2e/lib/server.mjs');
const { accessToken } = await import('../tests/e2e/lib/bbodok.mjs');
const { seoul, seoulMidnight, DAY, MINUTE } = await import('../tests/e2e/lib/bbodok_rooms.mjs');
const { startKakaoStub } = await import('../tests/e2e/lib/kakao_stub.mjs');

const WITHDRAWALS = Number(process.env.BENCH_WITHDRAWALS ?? 2000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 3);
const PER_GROUP = 40;
const STRIDE = 6; // every sixth member stays and reads their rooms meanwhile
const MEMBERS = Math.ceil((WITHDRAWALS * STRIDE) / (STRIDE - 1));
const GROUPS = Math.ceil(MEMBERS / PER_GROUP);

// Groups of 40 (ids 2..), members 1..MEMBERS with Kakao ids, each with a todo, a push client and reservations
// in a week of rooms (8 a day per group, 3 members each, so withdrawals empty some rooms and not others).
function seed(server) {
  const now = Date.now() * 1000;
  const rows = [];
  for (let g = 0; g < GROUPS; ++g) {
    rows.push(`INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) VALUES (NULL, '그룹${g}', 0, 'bench-${g}', 0, ${now}, ${now})`);
  }
  for (let m = 1; m <= MEMBERS; ++m) {
    rows.push(`INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES ('회원${m}', 'https://k.kakaocdn.net/p/${m}.jpg', NULL, ${900000 + m}, ${now}, ${now})`);
  }
  const groupOf = (m) => 2 + Math.floor((m - 1) / PER_GROUP);
  for (let m = 1; m <= MEMBERS; ++m) {
    rows.push(`INSERT INTO membership (member_id, group_id, joined_at) VALUES (${m}, ${groupOf(m)}, ${now})`);
    rows.push(`INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (${m}, ${groupOf(m)}, '할 일', ${now}, ${now})`);
    rows.push(`INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (${m}, 'fcm-${m}', ${now}, ${now})`);
  }
  let roomId = 0;
  const midnight = seoulMidnight();
  for (let g = 0; g < GROUPS; ++g) {
    for (let d = 1; d <= 7; ++d) {
      for (let r = 0; r < 8; ++r) {
        const start = (midnight + d * DAY + (9 + r) * 60 * MINUTE) * 1000;
        const end = start + 25 * MINUTE * 1000;
        ++roomId;
        rows.push(`INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (${g + 2}, ${g * PER_GROUP + 1}, ${start}, ${end}, ${now}, ${now})`);
        for (let k = 0; k < 3; ++k) {
          const member = g * PER_GROUP + 1 + ((d * 8 + r + k * 13) % PER_GROUP);
          if (member > MEMBERS) continue;
          rows.push(`INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) VALUES (${member}, ${roomId}, ${start}, ${end}, ${now}, ${now})`);
        }
      }
    }
  }
  runChunked(server, rows);
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ memberId: i + 1, groupId: groupOf(i + 1) }));
  const staying = members.filter((m) => m.memberId % STRIDE === 0);
  const leaving = members.filter((m) => m.memberId % STRIDE !== 0).slice(0, WITHDRAWALS);
  return { staying, leaving };
}

// The restarted server's process (server.pid is the first launch's): found by its configuration file.
function serverPid(server) {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(server.dir) && cmd.includes('--config')) return Number(pid);
    } catch {}
  }
  return null;
}
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

function percentiles(latencies) {
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { n: latencies.length, p50: p(0.5), p99: p(0.99), max: latencies.at(-1) ?? NaN };
}

// Reading loops over the staying members' calendars until stop() says so.
function reads(server, staying) {
  const from = seoul(seoulMidnight());
  const to = seoul(seoulMidnight() + 14 * DAY);
  const latencies = [];
  let failures = 0;
  let running = true;
  const loop = async (i) => {
    for (let n = i; running; n += connections) {
      const who = staying[n % staying.length];
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/rooms?groupId=${who.groupId}&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${who.token}` } });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status !== 200) ++failures;
    }
  };
  const done = Promise.all(Array.from({ length: connections }, (_, i) => loop(i)));
  return {
    async stop() {
      running = false;
      await done;
      return { ...percentiles(latencies), failures };
    },
  };
}

const kakao = await startKakaoStub();
const server = await startServer({
  app: 'bbodok',
  env: {
    ...kakaoEnv(kakao, { app: 'bbodok', clientId: 'bench', redirectUri: 'https://example.com/kakao_redirect' }),
    BBODOK_KAKAO_ADMIN_KEY: kakao.adminKey,
    BBODOK_KAKAO_UNLINK_URL: `${kakao.url}/v1/user/unlink`,
    BBODOK_HTTP_ACCESS_LOG: 'false',
  },
});
try {
  const { staying, leaving } = seed(server);
  for (const m of [...staying, ...leaving]) m.token = accessToken(server, m.memberId, 3600);
  await server.stop();
  await server.restart();
  const pid = serverPid(server);
  const idleRss = rssKb(pid);
  await Promise.all(Array.from({ length: connections }, () => fetch(`${server.url}/health`).then((r) => r.arrayBuffer())));

  const before = reads(server, staying);
  await new Promise((resolve) => setTimeout(resolve, baselineSeconds * 1000));
  const baseline = await before.stop();

  let peakRss = rssKb(pid);
  let peakBacklog = 0;
  const unfinished = () => Number(server.scalar("SELECT COUNT(*) FROM withdrawal WHERE stage <> 'done'"));
  const during = reads(server, staying);
  const started = performance.now();
  const deleteLatencies = [];
  let deleteFailures = 0;
  const deletes = Promise.all(
    leaving.map(async (m) => {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/v1/members`, { method: 'DELETE', headers: { authorization: `Bearer ${m.token}` } });
      await res.arrayBuffer();
      deleteLatencies.push(performance.now() - t);
      if (res.status !== 200) ++deleteFailures;
    }),
  );
  let answeredAt = null;
  deletes.then(() => {
    answeredAt = performance.now();
  });
  let doneAt = null;
  for (;;) {
    peakRss = Math.max(peakRss, rssKb(pid));
    const left = unfinished();
    peakBacklog = Math.max(peakBacklog, left);
    if (answeredAt !== null && left === 0) {
      doneAt = performance.now();
      break;
    }
    if (performance.now() - started > 600_000) throw new Error('withdrawals not finished within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await deletes;
  const readsDuring = await during.stop();
  const deleteStats = percentiles(deleteLatencies);

  const count = (sql) => Number(server.scalar(sql));
  const ids = leaving.map((m) => m.memberId).join(',');
  const leftover = {
    notWithdrawn: count(`SELECT COUNT(*) FROM member WHERE member_id IN (${ids}) AND status <> 'WITHDRAWN'`),
    membership: count(`SELECT COUNT(*) FROM membership WHERE member_id IN (${ids})`),
    todo: count(`SELECT COUNT(*) FROM todo WHERE member_id IN (${ids})`),
    client: count(`SELECT COUNT(*) FROM client WHERE member_id IN (${ids})`),
    reservation: count(`SELECT COUNT(*) FROM reservation r JOIN room ro ON ro.room_id = r.room_id WHERE r.member_id IN (${ids}) AND r.cancelled = 0 AND ro.deleted = 0`),
    notUnlinked: leaving.length - new Set(kakao.unlinked()).size,
  };
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the worker logs its peak on its next poll
  const peakDepth = Math.max(0, ...[...server.log().matchAll(/peak queue depth so far (\d+)/g)].map((m) => Number(m[1])));
  const clean = Object.values(leftover).every((n) => n === 0) && deleteFailures === 0 && readsDuring.failures === 0;

  console.log(`${leaving.length} withdrawals at once, ${connections} reading loops, ${server.database}, ${process.env.BBODOK_BIN}`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| GET /rooms p50 / p99 / max before (ms) | ${baseline.p50.toFixed(2)} / ${baseline.p99.toFixed(2)} / ${baseline.max.toFixed(2)} (${baseline.n} requests) |`);
  console.log(`| GET /rooms p50 / p99 / max during (ms) | ${readsDuring.p50.toFixed(2)} / ${readsDuring.p99.toFixed(2)} / ${readsDuring.max.toFixed(2)} (${readsDuring.n} requests, ${readsDuring.failures} non-200) |`);
  console.log(`| DELETE /members p50 / p99 / max (ms) | ${deleteStats.p50.toFixed(2)} / ${deleteStats.p99.toFixed(2)} / ${deleteStats.max.toFixed(2)} (${deleteFailures} non-200) |`);
  console.log(`| all ${leaving.length} answered after (s) | ${((answeredAt - started) / 1000).toFixed(2)} |`);
  console.log(`| all cleanup and Kakao unlinks done after (s) | ${((doneAt - started) / 1000).toFixed(2)} |`);
  console.log(`| executor peak queue depth | ${peakDepth} |`);
  console.log(`| task table peak backlog | ${peakBacklog} |`);
  console.log(`| server RSS idle → peak (MiB) | ${(idleRss / 1024).toFixed(1)} → ${(peakRss / 1024).toFixed(1)} |`);
  console.log(`| leftovers | ${JSON.stringify(leftover)} |`);
  if (!clean) process.exitCode = 1;
} finally {
  await server.dispose();
  await kakao.close();
}
