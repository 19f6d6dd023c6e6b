// Image storage survives kill -9 mid-upload: after a restart (grace 0) the start sweep leaves no temp file and
// no object that no row references, and every image a row references is still served. With E2E_STORAGE=s3 the
// same on a bucket, where there are no temp files: the sweep goes by the listing's LastModified alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { bigPngBytes, call, jpeg, multipart, newMember, uniqueWord } from '../lib/api.mjs';
import { startServer } from '../lib/server.mjs';

const UPLOADS_PER_ROUND = 36;
const KILL_AFTER_MS = [40, 150, 400]; // one round per kill point: early, mid and late in the burst
const SWEEP_LINE = /storage sweep: scanned \d+ objects, removed (\d+) unreferenced.*removed (\d+) abandoned writes/g;

let server;
let members;

before(async () => {
  server = await startServer(); // the default grace (1 h): nothing an upload writes is swept while it runs
  members = await Promise.all([newMember(server), newMember(server), newMember(server)]);
});
after(async () => {
  if (server) await server.dispose();
});

const image = (i) => ({ bytes: bigPngBytes(96 * 1024, i), name: `p${i}.png`, type: 'image/png' });

// A create with 1–3 images, cycling through the three features that take them.
function upload(i) {
  const member = members[i % members.length];
  const files = { imgUrl: [image(i), jpeg(i, `j${i}.jpg`), image(i + 1000)].slice(0, 1 + (i % 3)) };
  const word = uniqueWord('crash');
  const forms = [
    ['/hospital/create', { title: word, category: 'hospital', content: '병원', address: '서울' }],
    ['/community/create', { category: '자유', title: word, content: '산책' }],
    [
      '/trade/create',
      { title: word, address: '전국', stuffStatus: '중고', exchange: '교환불가', price: '1000', content: '없음', postStatus: '판매중' },
    ],
  ];
  const [route, data] = forms[i % forms.length];
  return call(server, 'POST', route, { token: member.token, form: multipart(data, files) });
}

// Every image URL in a row, one per line from the database's command-line client.
function referencedUrls() {
  const text = server.scalar(
    'SELECT map_img_url FROM map_img UNION ALL SELECT community_img_url FROM community_img ' +
      'UNION ALL SELECT trade_img FROM trade_img UNION ALL SELECT friend_img FROM friend_img ' +
      'UNION ALL SELECT image FROM dog WHERE image IS NOT NULL',
  );
  return text === '' ? [] : text.split('\n');
}

const sweepLines = () => [...server.log().matchAll(SWEEP_LINE)];

async function waitForSweep(linesBefore) {
  const deadline = Date.now() + 30_000;
  while (sweepLines().length <= linesBefore) {
    assert.ok(Date.now() < deadline, 'no storage sweep logged within 30 s of the restart');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return sweepLines().at(-1);
}

for (const [round, killAfter] of KILL_AFTER_MS.entries()) {
  test(`kill -9 ${killAfter} ms into ${UPLOADS_PER_ROUND} concurrent uploads: the restart sweeps storage back in step with the rows`, async () => {
    try {
      const inFlight = Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => upload(round * UPLOADS_PER_ROUND + i).catch(() => null));
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      const killed = await server.kill();
      assert.equal(killed.signal, 'SIGKILL');
      await Promise.all(inFlight);

      // What a kill between a put's write and its rename (disk only), or between the put and the commit, leaves
      // behind, planted so that every round has something to reconcile.
      if (!server.s3) fs.writeFileSync(path.join(server.storageRoot, `.planted-${round}.png.tmp-0b7c6a1e-0000-4000-8000-000000000000`), 'half');
      server.plantObject(`planted-orphan-${round}.png`, bigPngBytes(1024, round));

      const linesBefore = sweepLines().length;
      await server.restart({ DAENGTIONARY_STORAGE_SWEEP_GRACE_SECONDS: '0' });
      const [, removed, abandoned] = await waitForSweep(linesBefore);
      assert.ok(Number(removed) >= 1 && (server.s3 || Number(abandoned) >= 1), `the sweep removed the planted files: ${removed}, ${abandoned}`);

      if (!server.s3) assert.deepEqual(fs.readdirSync(server.storageRoot).filter((f) => f.includes('.tmp-')), [], 'temp files left in storage');
      const files = server.storedFiles();
      const urls = referencedUrls();
      const keys = new Set(urls.map((url) => url.split('/').at(-1)));
      assert.deepEqual(files.filter((f) => !keys.has(f)), [], 'stored files that no row references');
      const served = await Promise.all(urls.map(async (url) => [url, (await fetch(url)).status]));
      assert.deepEqual(served.filter(([, status]) => status !== 200), [], 'referenced images that are not served');
    } catch (e) {
      server.dumpLog(`round ${round}`);
      throw e;
    }
  });
}

test('stops on SIGTERM with exit status 0 after the restarts', async () => {
  const outcome = await server.stop(10_000);
  assert.deepEqual({ code: outcome?.code, signal: outcome?.signal }, { code: 0, signal: null });
  for (const marker of ['AddressSanitizer', 'runtime error', 'LeakSanitizer']) assert.ok(!server.log().includes(marker), marker);
});
