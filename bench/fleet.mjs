// The fleet benchmark (issue 13): both apps behind the shipped nginx configuration (TLS) on PostgreSQL, as
// tests/fleet starts them, in three set-ups, one after the other:
//   1 instance of each app, kv in the process   (what one machine runs without Redis)
//   1 instance of each app, kv on Redis         (the same, paying the Redis hop)
//   2 instances of each app, kv on Redis        (a fleet: caches, pub/sub and rankings shared through Redis)
// In each, wrk (BENCH_CONNECTIONS keep-alive connections through nginx) measures nginx's own fixed response over
// the same TLS (the yardstick of the run), Daengtionary's community list and create, and Bbodok's rooms of a
// fortnight (50 groups and 2,000 members seeded); then BENCH_STOMP_SUBSCRIBERS subscribers of one Bbodok group
// topic, connected through nginx (so split across the instances), receive the broadcasts of /app/join toggles at
// BENCH_STOMP_RATE a second (bench/bbodok_stomp.mjs). Around every measurement it reads the CPU time of each
// process that serves it (the instances, nginx, PostgreSQL, Redis), which a 2-core machine can report where it
// cannot show scaling: CPU per request and per delivery is what a bigger deployment multiplies.
//
//   node bench/fleet.mjs        # release build (DAENGTIONARY_BIN, BBODOK_BIN); report in bench/results/fleet.md
// Knobs: BENCH_DURATION=10 (s), BENCH_WARMUP=2 (s), BENCH_CONNECTIONS=64, BENCH_THREADS=2,
// BENCH_SETUPS="1-memory 1-redis 2-redis", BENCH_STOMP_SUBSCRIBERS=500, BENCH_STOMP_RATE=20,
// BENCH_STOMP_DURATION=10, BENCH_WAIT_LOAD (wait for the 1-minute load to fall below it, as bench/run does).
// Fails (exit 1) on any non-2xx answer, socket error or lost broadcast.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.DAENGTIONARY_BIN ??= path.join(repo, 'build/release/apps/daengtionary/daengtionary');
process.env.BBODOK_BIN ??= path.join(repo, 'build/release/apps/bbodok/bbodok');
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // nginx's certificate is the run's self-signed one
const { startFleet, sleep } = await import('../tests/fleet/lib/fleet.mjs');
const { seoul, seoulMidnight, DAY } = await import('../tests/e2e/lib/bbodok_rooms.mjs');
const { accessToken } = await import('../tests/e2e/lib/bbodok.mjs');

const env = (name, fallback) => process.env[name] ?? fallback;
const duration = Number(env('BENCH_DURATION', '10'));
const warmup = Number(env('BENCH_WARMUP', '2'));
const connections = Number(env('BENCH_CONNECTIONS', '64'));
const threads = Number(env('BENCH_THREADS', '2'));
const setups = env('BENCH_SETUPS', '1-memory 1-redis 2-redis').split(/\s+/).filter(Boolean);
const stompSubscribers = Number(env('BENCH_STOMP_SUBSCRIBERS', '500'));
const stompRate = Number(env('BENCH_STOMP_RATE', '20'));
const stompDuration = Number(env('BENCH_STOMP_DURATION', '10'));
const output = env('BENCH_OUTPUT', path.join(repo, 'bench/results/fleet.md'));
const failures = [];
const say = (text) => console.error(`bench/fleet: ${text}`);

// --- CPU time ----------------------------------------------------------------------------------------
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
function processTable() {  // pid -> { ppid, ticks } for every process now
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch { /* it exited meanwhile */ }
  }
  return table;
}
// CPU milliseconds so far of each named process with all its descendants (nginx's workers, PostgreSQL's backends).
function cpuNow(pids) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const treeTicks = (pid) => (table.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, c) => sum + treeTicks(c), 0);
  const machine = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const busy = machine.reduce((a, b) => a + b, 0) - machine[3] - machine[4]; // all but idle and iowait
  const ms = (ticks) => (ticks * 1000) / ticksPerSecond;
  return { ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ms(treeTicks(pid))])), machine: ms(busy) };
}
// The CPU used between two readings, the instances of each app summed: { daengtionary, bbodok, nginx, … }.
function cpuSpent(before, after) {
  const spent = {};
  for (const [name, ms] of Object.entries(after)) {
    const key = name.replace(/@\d+$/, '');
    spent[key] = (spent[key] ?? 0) + ms - (before[name] ?? 0);
  }
  return spent;
}

// --- wrk -----------------------------------------------------------------------------------------
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${out}`))));
  });
}
const toMs = (text) => {
  const [, n, unit] = text.match(/^([\d.]+)(us|ms|s|m)$/);
  return Number(n) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
};
// wrk against url; { rps, p99, requests, cpu } with the CPU of every fleet process over the measured run.
async function measure(fleet, label, url, { token, script } = {}) {
  const args = [`-t${threads}`, `-c${connections}`, '--latency'];
  if (token) args.push('-H', `Authorization: Bearer ${token}`);
  if (script) args.push('-s', script);
  if (warmup > 0) await run('wrk', [...args, `-d${warmup}s`, url]);
  say(`wrk ${label}`);
  const before = cpuNow(fleet.pids());
  const out = await run('wrk', [...args, `-d${duration}s`, url]);
  const cpu = cpuSpent(before, cpuNow(fleet.pids()));
  const requests = Number(out.match(/(\d+) requests in/)[1]);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socketErrors = out.match(/Socket errors: (.*)/)?.[1];
  if (non2xx) failures.push(`${label}: ${non2xx} non-2xx answers`);
  if (socketErrors) failures.push(`${label}: socket errors ${socketErrors}`);
  return { label, rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p99: toMs(out.match(/^\s+99%\s+(\S+)/m)[1]), requests, cpu };
}

// --- the data each measurement needs ---------------------------------------------------------------
async function call(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${text.slice(0, 200)}`);
  return { res, text };
}
async function daengtionaryToken(base) {
  const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const member = { email: 'bench@example.com', password: 'bench-password-1' };
  await call(`${base}/member/signup`, json({ ...member, nick: 'bench1', role: 'USER', adminCode: '' }));
  const { res } = await call(`${base}/member/login`, json(member));
  return res.headers.get('authorization').replace(/^Bearer /, '');
}
// Group 1's first members subscribe; one sender per room of a bulk group's future that keeps other reservations
// (a toggle never empties its room), as bench/bbodok plans it.
function stompPlan(fleet) {
  const q = (sql) => fleet.pg.psql('bbodok', sql).split('\n').filter(Boolean).map(Number);
  const [group] = q("SELECT MIN(group_id) FROM study_group WHERE path LIKE 'bench-%'");
  const rooms = q(`SELECT o.room_id FROM room o WHERE o.group_id = 1 AND o.deleted = 0 AND o.start_time > ${Date.now() * 1000}
                   AND (SELECT COUNT(*) FROM reservation r WHERE r.room_id = o.room_id AND r.cancelled = 0) >= 2
                   ORDER BY o.start_time LIMIT 100`);
  const plan = { group: 1, subscribers: q(`SELECT member_id FROM membership WHERE group_id = 1 ORDER BY member_id LIMIT ${stompSubscribers}`), rooms: [] };
  rooms.forEach((roomId, used) => {
    const [memberId] = q(`SELECT m.member_id FROM membership m WHERE m.group_id = 1 AND NOT EXISTS (SELECT 1 FROM reservation r
                          WHERE r.room_id = ${roomId} AND r.member_id = m.member_id AND r.cancelled = 0)
                          ORDER BY m.member_id DESC LIMIT 1 OFFSET ${used}`);
    plan.rooms.push({ roomId, memberId });
  });
  return { plan, bulkGroup: group };
}

// STOMP deliveries each Bbodok instance has made so far, from its own /metrics (nginx hides it).
async function deliveriesByInstance(fleet) {
  const counts = {};
  for (const instance of fleet.instances.filter((i) => i.app === 'bbodok')) {
    const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
    counts[instance.name] = [...text.matchAll(/^\w*stomp_messages_delivered_total(?:\{[^}]*\})? (\d+)/gm)].reduce((s, m) => s + Number(m[1]), 0);
  }
  return counts;
}

async function stompFanout(fleet, plan) {
  const planFile = path.join(fleet.dir, 'stomp-plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const url = `${fleet.urls.bbodok.replace(/^https/, 'wss')}/bbodok-websocket`;
  say(`STOMP: ${plan.subscribers.length} subscribers through nginx, ${stompRate} toggles/s`);
  const child = spawn(process.execPath, [path.join(repo, 'bench/bbodok_stomp.mjs'), 'load', '--url', url, '--secret', fleet.secrets.bbodok,
                                         '--plan', planFile, '--rate', String(stompRate), '--duration', String(stompDuration)],
                      { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let before;
  let beforeDeliveries;
  let cpu;
  let split;
  const marks = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (const line of String(d).split('\n')) if (line.startsWith('window=')) marks.push(line);
  });
  while (child.exitCode === null && !marks.includes('window=open')) await sleep(20);
  before = cpuNow(fleet.pids());
  beforeDeliveries = await deliveriesByInstance(fleet);
  while (child.exitCode === null && !marks.includes('window=closed')) await sleep(20);
  cpu = cpuSpent(before, cpuNow(fleet.pids()));
  const after = await deliveriesByInstance(fleet);
  split = Object.keys(after).map((name) => after[name] - beforeDeliveries[name]);
  const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  const value = (key) => out.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
  if (code !== 0) failures.push(`STOMP fan-out: exit ${code}, ${value('received')} of ${value('expected')} broadcasts received`);
  return { deliveries: Number(value('received')), expected: Number(value('expected')), p50: Number(value('p50_ms')),
           p99: Number(value('p99_ms')), cpu, split };
}

// --- one set-up ------------------------------------------------------------------------------------
const SETUPS = {
  '1-memory': { instances: 1, kv: 'memory', title: '1 instance of each app, kv in the process' },
  '1-redis': { instances: 1, kv: 'redis', title: '1 instance of each app, kv on Redis' },
  '2-redis': { instances: 2, kv: 'redis', title: '2 instances of each app, kv on Redis' },
};
async function measureSetup(name) {
  const setup = SETUPS[name];
  if (!setup) throw new Error(`unknown set-up '${name}' in BENCH_SETUPS (${Object.keys(SETUPS).join(', ')})`);
  say(`${setup.title}: seeding and starting`);
  const fleet = await startFleet({
    instances: setup.instances, kv: setup.kv, reference: true,
    seed: { daengtionary: ['--data', path.join(repo, 'seed/daengtionary'), '--bulk-posts', '1000'],
            bbodok: ['--data', path.join(repo, 'seed/bbodok'), '--bulk-groups', '50', '--bulk-members', '2000'] },
  });
  try {
    const d = fleet.urls.daengtionary;
    const b = fleet.urls.bbodok;
    const daengToken = await daengtionaryToken(d);
    const { plan, bulkGroup } = stompPlan(fleet);
    const [owner] = fleet.pg.psql('bbodok', `SELECT owner_id FROM study_group WHERE group_id = ${bulkGroup}`).split('\n').map(Number);
    const bbodokTok = accessToken({ secret: Buffer.from(fleet.secrets.bbodok, 'base64') }, owner, 86_400);
    const midnight = seoulMidnight();
    const list = `${d}/community/search?category=&title=&content=&nick=&sort=&pagenum=0&pagesize=10`;
    const rooms = `${b}/api/v1/rooms?groupId=${bulkGroup}&from=${seoul(midnight)}&to=${seoul(midnight + 14 * DAY)}`;
    await call(list);
    await call(rooms, { headers: { authorization: `Bearer ${bbodokTok}` } });
    const rows = [
      await measure(fleet, 'nginx fixed JSON (same TLS)', `${fleet.urls.reference}/`),
      await measure(fleet, 'GET /community/search (list page)', list),
      await measure(fleet, 'POST /community/create', `${d}/community/create`, { token: daengToken, script: path.join(repo, 'bench/create_community.lua') }),
      await measure(fleet, 'GET /api/v1/rooms (14 days)', rooms, { token: bbodokTok }),
    ];
    const stomp = await stompFanout(fleet, plan);
    return { name, setup, rows, stomp };
  } finally {
    await fleet.stop();
  }
}

// --- report ------------------------------------------------------------------------------------------
const fixed = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const perThousand = (ms, count) => fixed((ms * 1000) / Math.max(count, 1), 0); // CPU ms per 1,000 → µs each
function report(results, header) {
  const lines = [header, ''];
  lines.push('CPU is µs per request (per delivery for STOMP) of each process tree over the measured run; "machine" is every',
             'core\'s busy time, wrk and the STOMP client included.', '');
  lines.push('| set-up | target | req/s | p99 ms | × nginx | app µs | nginx µs | PostgreSQL µs | Redis µs | machine µs |',
             '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { setup, rows } of results) {
    const reference = rows[0].rps;
    for (const row of rows) {
      const app = (row.cpu.daengtionary ?? 0) + (row.cpu.bbodok ?? 0);
      lines.push(`| ${setup.title} | ${row.label} | ${fixed(row.rps)} | ${fixed(row.p99, 2)} | ${fixed(row.rps / reference, 2)} | ` +
                 `${perThousand(app, row.requests)} | ${perThousand(row.cpu.nginx, row.requests)} | ` +
                 `${perThousand(row.cpu.postgresql, row.requests)} | ${perThousand(row.cpu.redis, row.requests)} | ${perThousand(row.cpu.machine, row.requests)} |`);
    }
  }
  lines.push('', `STOMP: ${stompSubscribers} subscribers of /topic/1 through nginx, /app/join at ${stompRate} toggles/s for ${stompDuration} s.`, '',
             '| set-up | deliveries per instance | p50 ms | p99 ms | received / expected | Bbodok µs | nginx µs | Redis µs | machine µs |',
             '|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { setup, stomp } of results) {
    lines.push(`| ${setup.title} | ${stomp.split.map((n) => fixed(n)).join(' + ')} | ${fixed(stomp.p50, 2)} | ${fixed(stomp.p99, 2)} | ` +
               `${fixed(stomp.deliveries)} / ${fixed(stomp.expected)} | ${perThousand(stomp.cpu.bbodok, stomp.deliveries)} | ` +
               `${perThousand(stomp.cpu.nginx, stomp.deliveries)} | ${perThousand(stomp.cpu.redis, stomp.deliveries)} | ${perThousand(stomp.cpu.machine, stomp.deliveries)} |`);
  }
  if (failures.length) lines.push('', '**Failures:**', ...failures.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}

async function waitForQuiet() {
  const limit = process.env.BENCH_WAIT_LOAD;
  if (!limit) return;
  for (let waited = 0; os.loadavg()[0] >= Number(limit) && waited < 600; waited += 5) {
    if (waited % 60 === 0) say(`waiting for the 1-minute load ${os.loadavg()[0].toFixed(2)} to fall below ${limit}`);
    await sleep(5000);
  }
}

await waitForQuiet();
const commit = execFileSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const header = `# Fleet benchmark: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, ` +
               `${os.cpus().length} cores, load at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ` +
               `wrk -t${threads} -c${connections} -d${duration}s through nginx (TLS) on PostgreSQL`;
const results = [];
for (const name of setups) results.push(await measureSetup(name));
const text = report(results, header);
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, text);
process.stdout.write(text);
process.exit(failures.length ? 1 : 0);
