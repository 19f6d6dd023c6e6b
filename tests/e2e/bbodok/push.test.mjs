// Web pushes at room starts (contract §7.7) through the FCM HTTP v1 API, against a local stand-in for Google's token
// endpoint and FCM (lib/fcm_stub.mjs), with the server's wall clock started just before 10:00 KST
// (BBODOK_CLOCK_START): a member with a web-push client who reserved the 10:00 room gets one push at 10:00, one who
// reserved 10:07 gets it at 10:07 (not on a :00/:30 tick), a cancelled reservation sends nothing, a send that
// fails twice is retried, an access token FCM refuses is renewed, and a token FCM calls UNREGISTERED loses its
// client row.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addMember, assertCreated, call } from '../lib/bbodok.mjs';
import { DAY, MINUTE, addGroup, connectStomp, join, seoul, seoulMidnight, waitFor } from '../lib/bbodok_rooms.mjs';
import { startFcmStub } from '../lib/fcm_stub.mjs';
import { startServer } from '../lib/server.mjs';

const TITLE = '뽀독뽀독 - 온라인 독서실';
const BODY = '공부방 입장 시간입니다.';

// Tomorrow in Seoul; the server's clock starts at 09:59:35 that day, the test's own clock stays real.
const day = seoul(seoulMidnight() + DAY).slice(0, 10);
const at = (hhmmss) => Date.parse(`${day}T${hhmmss}+09:00`);
const TEN = at('10:00:00');
const TEN_SEVEN = at('10:07:00');
const TEN_SEVEN_FIVE = at('10:07:05');

let fcm;
let server;
// Where the server's clock was for a real instant: between `lower` (as if it started when it answered /health)
// and `upper` (as if it started when it was spawned).
let clock;
function startClockAt(start) {
  const spawned = Date.now();
  return {
    env: { BBODOK_CLOCK_START: seoul(start) },
    ready() {
      const ready = Date.now();
      clock = { lower: (real) => start + (real - ready), upper: (real) => start + (real - spawned) };
    },
  };
}

before(async () => {
  fcm = await startFcmStub();
  const start = startClockAt(at('09:59:35'));
  server = await startServer({
    app: 'bbodok',
    env: { TZ: 'UTC', BBODOK_PUSH_SERVICE_ACCOUNT_FILE: fcm.keyFile, BBODOK_PUSH_FCM_URL: fcm.url, ...start.env },
  });
  start.ready();
});
after(async () => {
  await server?.dispose();
  await fcm?.close();
});

function check(name, fn) {
  test(name, async () => {
    try {
      await fn();
    } catch (e) {
      server.dumpLog(name);
      throw e;
    }
  });
}

const slot = (startMs) => ({ startTime: seoul(startMs), endTime: seoul(startMs + 25 * MINUTE) });
const count = (sql) => Number(server.scalar(sql));

// A member of the group with a registered web-push token (null: none), connected over STOMP.
async function member(groupId, fcmToken) {
  const m = addMember(server);
  join(server, m, groupId);
  if (fcmToken !== null) assertCreated(await call(server, 'POST', '/api/v1/clients', { json: { fcmToken }, token: m.token }));
  m.stomp = await connectStomp(server, m.token);
  m.inbox = await m.stomp.subscribe(`/topic/${groupId}`);
  return m;
}

// Sends a STOMP frame and waits for the group's broadcast it causes; returns the broadcast room.
async function act(m, destination, body) {
  const seen = m.inbox.messages.length;
  m.stomp.send(destination, body);
  const messages = await m.inbox.next(seen + 1);
  return messages[seen];
}

let group;
const people = {};

check('reservations made before 10:00 write a notification row only for members with a client', async () => {
  assert.ok(clock.upper(Date.now()) < TEN - 10_000, 'the server started too slowly for this suite');
  group = addGroup(server);
  people.alice = await member(group, 'token-alice');
  people.cancels = await member(group, 'token-cancels');
  people.flaky = await member(group, 'token-flaky');
  people.gone = await member(group, 'token-gone');
  people.silent = await member(group, null);
  people.later = await member(group, 'token-later');
  people.revoked = await member(group, 'token-revoked');
  fcm.failNext('token-flaky', 2);
  fcm.unregister('token-gone');

  const room = await act(people.alice, '/app/add', { groupId: group, ...slot(TEN) });
  for (const who of ['cancels', 'flaky', 'gone', 'silent']) await act(people[who], '/app/join', { roomId: room.roomId, groupId: group });
  await act(people.cancels, '/app/join', { roomId: room.roomId, groupId: group }); // cancels again
  await act(people.later, '/app/add', { groupId: group, ...slot(TEN_SEVEN) });
  await act(people.revoked, '/app/add', { groupId: group, ...slot(TEN_SEVEN_FIVE) });

  const rows = (who) => count(`SELECT COUNT(*) FROM notification WHERE member_id = ${people[who].memberId}`);
  assert.deepEqual(
    Object.fromEntries(['alice', 'cancels', 'flaky', 'gone', 'silent', 'later', 'revoked'].map((who) => [who, rows(who)])),
    { alice: 1, cancels: 0, flaky: 1, gone: 1, silent: 0, later: 1, revoked: 1 },
  );
  assert.equal(fcm.sends.length, 0, 'nothing is sent before its room starts');
});

check('the 10:00 room sends one push per member at 10:00 with the contract title and body', async () => {
  await waitFor(() => fcm.sendsTo('token-alice').length > 0, 40_000, 'the push to alice');
  const [push] = fcm.sendsTo('token-alice');
  assert.equal(push.title, TITLE);
  assert.equal(push.body, BODY);
  assert.equal(push.status, 200);
  assert.ok(clock.upper(push.at) >= TEN, `sent before 10:00 (${seoul(clock.upper(push.at))})`);
  assert.ok(clock.lower(push.at) <= TEN + 3_000, `sent late (${seoul(clock.lower(push.at))})`);
  assert.equal(fcm.refusals.length, 0, fcm.refusals.join('; '));
  assert.equal(fcm.tokenRequests.length, 1, 'one access token, cached for the other sends');
});

check('a cancelled reservation sends nothing and leaves no row', async () => {
  await waitFor(() => fcm.sendsTo('token-gone').length > 0, 10_000, 'the 10:00 sends');
  assert.equal(fcm.sendsTo('token-cancels').length, 0);
  assert.equal(count(`SELECT COUNT(*) FROM notification WHERE member_id = ${people.cancels.memberId}`), 0);
});

check('a send that fails twice is retried and arrives on the third attempt', async () => {
  await waitFor(() => fcm.sendsTo('token-flaky').some((s) => s.status === 200), 15_000, 'the retried push');
  const tries = fcm.sendsTo('token-flaky');
  assert.deepEqual(tries.map((s) => s.status), [503, 503, 200]);
  assert.ok(tries[1].at - tries[0].at >= 900, 'the retry waits');
  assert.ok(clock.lower(tries[2].at) <= TEN + 8_000, `third attempt late (${seoul(clock.lower(tries[2].at))})`);
  await waitFor(() => count(`SELECT COUNT(*) FROM notification WHERE member_id = ${people.flaky.memberId}`) === 0, 5_000, 'the sent row purged');
});

check('a token FCM calls UNREGISTERED loses its client row and is not tried again', async () => {
  await waitFor(() => count(`SELECT COUNT(*) FROM client WHERE member_id = ${people.gone.memberId}`) === 0, 5_000, 'the client removed');
  assert.equal(count(`SELECT COUNT(*) FROM notification WHERE member_id = ${people.gone.memberId}`), 0);
  assert.equal(fcm.sendsTo('token-gone').length, 1);
  assert.equal(count(`SELECT COUNT(*) FROM client WHERE member_id = ${people.alice.memberId}`), 1, 'valid tokens stay');
  assert.equal(count(`SELECT COUNT(*) FROM notification WHERE member_id = ${people.alice.memberId}`), 0, 'sent rows are purged');
});

check('the 10:07 room is pushed at 10:07, not before (the server restarted at 10:06:50)', async () => {
  assert.equal(fcm.sendsTo('token-later').length, 0, 'not with the 10:00 ones');
  for (const m of Object.values(people)) await m.stomp.close();
  await server.stop();
  const start = startClockAt(at('10:06:50'));
  await server.restart(start.env);
  start.ready();
  await waitFor(() => fcm.sendsTo('token-later').length > 0, 40_000, 'the 10:07 push');
  const [push] = fcm.sendsTo('token-later');
  assert.equal(push.status, 200);
  assert.ok(clock.upper(push.at) >= TEN_SEVEN, `sent before 10:07 (${seoul(clock.upper(push.at))})`);
  assert.ok(clock.lower(push.at) <= TEN_SEVEN + 3_000, `sent late (${seoul(clock.lower(push.at))})`);
});

check('an access token FCM refuses is renewed: the 10:07:05 push goes out on the retry with a new one', async () => {
  const before = fcm.tokenRequests.length;
  fcm.revokeAccessTokens();
  await waitFor(() => fcm.sendsTo('token-revoked').some((s) => s.status === 200), 15_000, 'the 10:07:05 push');
  assert.deepEqual(fcm.sendsTo('token-revoked').map((s) => s.status), [401, 200]);
  assert.equal(fcm.tokenRequests.length, before + 1);
  assert.equal(fcm.refusals.length, 0, fcm.refusals.join('; '));
  assert.equal(count('SELECT COUNT(*) FROM notification'), 0);
  assert.equal(fcm.sends.filter((s) => s.status === 200).length, 4, 'alice, flaky, later, revoked: each once');
});

check('without a service account pushes are off, and the server says so once at start', async () => {
  const plain = await startServer({ app: 'bbodok' });
  try {
    const said = () => plain.log().split('\n').filter((l) => l.includes('push notifications are off')).length;
    await waitFor(() => said() > 0, 5_000, 'the log line');
    assert.equal(said(), 1);
  } finally {
    await plain.dispose();
  }
});

check('stops on SIGTERM with exit status 0 and no sanitizer report', async () => {
  const outcome = await server.stop(10_000);
  assert.deepEqual({ code: outcome?.code, signal: outcome?.signal }, { code: 0, signal: null });
  for (const marker of ['AddressSanitizer', 'runtime error', 'LeakSanitizer']) assert.ok(!server.log().includes(marker), marker);
});
