// Two Bbodok instances on one PostgreSQL and one Redis (kv.url): a STOMP subscriber connected to instance A sees
// the room a member adds through instance B, and each instance's own subscribers get each broadcast once.
// Needs E2E_DATABASE=postgresql (one database both instances share) and redis-server (scripts/bootstrap).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { addMember } from '../lib/bbodok.mjs';
import { addGroup, connectStomp, futureSlot, join, quiet } from '../lib/bbodok_rooms.mjs';
import { fleetSkipReason, startRedis, startSibling } from '../lib/fleet.mjs';
import { startServer } from '../lib/server.mjs';

test('a STOMP broadcast caused on instance B reaches subscribers on instance A and on B, once each', async (t) => {
  const skip = fleetSkipReason();
  if (skip) return t.skip(skip);
  const redis = await startRedis();
  let a;
  try {
    a = await startServer({ app: 'bbodok', env: { TZ: 'UTC', BBODOK_KV_URL: redis.url } });
  } catch (e) {
    await redis.stop();
    throw e;
  }
  try {
    const b = await startSibling(a, 'bbodok');
    const groupId = addGroup(a);
    const alice = addMember(a);
    const bob = addMember(a);
    join(a, alice, groupId);
    join(a, bob, groupId);
    const onA = await connectStomp(a, alice.token);
    const onB = await connectStomp(b, bob.token);
    const aInbox = await onA.subscribe(`/topic/${groupId}`);
    const bInbox = await onB.subscribe(`/topic/${groupId}`);
    await quiet(200);  // instance A's Redis SUBSCRIBE is confirmed a round trip after the STOMP SUBSCRIBE
    const slot = futureSlot();
    onB.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
    const [seenOnA] = await aInbox.next(1);
    const [seenOnB] = await bInbox.next(1);
    assert.deepEqual(seenOnA, seenOnB);
    assert.equal(seenOnA.groupId, groupId);
    assert.deepEqual(seenOnA.memberIds, [bob.memberId]);
    await quiet();
    assert.equal(aInbox.messages.length, 1, 'A got the broadcast once');
    assert.equal(bInbox.messages.length, 1, 'B got its own broadcast once, not again through Redis');
    await onA.close();
    await onB.close();
    assert.equal(await b.stop(), 0, 'the second instance stops cleanly');
  } catch (e) {
    a.dumpLog('fleet');
    if (fs.existsSync(path.join(a.dir, 'sibling.log'))) console.error(fs.readFileSync(path.join(a.dir, 'sibling.log'), 'utf8'));
    throw e;
  } finally {
    await a.dispose();
    await redis.stop();
  }
});
