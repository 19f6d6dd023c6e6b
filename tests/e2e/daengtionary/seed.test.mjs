// `daengtionary seed`: the demo data set loads through the real binary into a fresh database and the service
// then serves it as the frontend reads it; seeding again leaves a populated database alone.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';

import { BIN, SEED_DATA, serverSuite } from '../lib/server.mjs';
import { call, fetchImage, login } from '../lib/api.mjs';

const DEMO_PASSWORD = 'daeng1234!';
const BULK = 30;
const { test } = serverSuite({ seed: { bulkPosts: BULK } });

async function demoLogin(server, email) {
  const res = await login(server, email, DEMO_PASSWORD);
  assert.equal(res.status, 200, res.text);
  return res.headers.get('authorization').split(' ')[1];
}

test('demo members log in with the documented password and see their dogs with stored images', async (server) => {
  const token = await demoLogin(server, 'dangmom@example.com');
  const me = await call(server, 'GET', '/mypage/info', { token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.data.nick, '댕댕이맘');
  assert.deepEqual(me.body.data.dogs.map((d) => [d.name, d.breed, d.gender]), [['초코', '푸들', '암컷'], ['우유', '말티즈', '수컷']]);
  for (const dog of me.body.data.dogs) {
    const image = await fetchImage(dog.image);
    assert.equal(image.status, 200);
    assert.equal(image.type, 'image/png');
  }
});

test('the main page popular hospitals come out in view order with review stars and likes', async (server) => {
  const res = await call(server, 'GET', '/hospital/search?title=&content=&nick=&address=&pagenum=0&pagesize=4&sort=popular');
  assert.equal(res.status, 200, res.text);
  const top = res.body.data;
  assert.equal(top.length, 4);
  assert.deepEqual(top.slice(0, 2).map((p) => p.title), ['행복한 동물병원', '바다 동물메디컬센터']);
  assert.equal(top[0].star, 4.5);
  assert.equal(top[0].reviewCount, 2);
  assert.equal(top[0].wishCount, 2);
  assert.equal(top[0].view, 182);
  assert.match(top[0].mapImgUrl, /^http:\/\/127\.0\.0\.1:\d+\/images\/[0-9a-f-]+\.png$/);
});

test('a seeded place detail carries its reviews under both keys', async (server) => {
  const list = await call(server, 'GET', '/room/search?title=멍멍&content=&nick=&address=&pagenum=0&pagesize=4&sort=new');
  const [hotel] = list.body.data;
  const detail = await call(server, 'GET', `/hospital/${hotel.mapNo}?pagenum=0&pagesize=5`);
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.body.data.mapReviewList.length, 2);
  assert.ok(detail.body.data.mapReviewList.every((r) => r.star === 5 && r.memberImgUrl.endsWith('.png')));
});

test('bulk posts are added for benchmarks without images', async (server) => {
  const res = await call(server, 'GET', `/query?category&title=테스트 장소&content=&nick=&address=&pagenum=0&pagesize=100&sort=new`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.data.length, BULK);
  assert.ok(res.body.data.every((p) => p.mapImgUrl === null));
});

test('seeding a populated database changes nothing', async (server) => {
  const before = await call(server, 'GET', '/query?category&title&content&nick&address&pagenum=0&pagesize=100&sort=');
  const again = spawnSync(BIN, ['--config', `${server.dir}/daengtionary.toml`, 'seed', '--data', SEED_DATA],
                          { cwd: server.dir, env: server.env, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr + again.stdout);
  assert.match(again.stdout, /already has members: demo data not loaded/);
  const after = await call(server, 'GET', '/query?category&title&content&nick&address&pagenum=0&pagesize=100&sort=');
  assert.deepEqual(after.body.data.map((p) => p.mapNo), before.body.data.map((p) => p.mapNo));
});

test.stops();
