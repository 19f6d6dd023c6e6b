// `daengtionary seed`: the demo data set loads through the real binary into a fresh database and the service
// then serves it as the frontend reads it; seeding again leaves a populated database alone.
import { execFileSync, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { BIN, SEED_DATA, serverSuite } from '../lib/server.mjs';
import { KOREAN_DATE, call, fetchImage, login, parseKoreanDate } from '../lib/api.mjs';

const DEMO_PASSWORD = 'daeng1234!';
const BULK = 30;
const STARTED = '대화가 시작되었습니다 :)';
const IMAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/images\/[0-9a-f-]+\.png$/;
const { test } = serverSuite({ seed: { bulkPosts: BULK } });

async function demoLogin(server, email) {
  const res = await login(server, email, DEMO_PASSWORD);
  assert.equal(res.status, 200, res.text);
  return res.headers.get('authorization').split(' ')[1];
}

// The lists exactly as the frontend asks for them (valueless keys for empty filters).
const communityList = (query) => `/community/search?category&title${query}&content&nick&sort=popular&pagenum=0&pagesize=100`;
const tradeList = (query) => `/trade/search?title${query}&content&nick&address&postStatus&sort=popular&pagenum=0&pagesize=100`;
const friendList = '/friend/?category&address&content&title&pagenum=0&pagesize=6';

async function listed(server, path, message = '조회 성공') {
  const res = await call(server, 'GET', path);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, message);
  return res.body.data;
}

// chatApi sends `Authorization: Bearer <token>`.
const chat = (server, path, token) => call(server, 'GET', path, { headers: { Authorization: `Bearer ${token}` } });

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

test('the community list shows the seeded posts by views with their comment and like counts', async (server) => {
  const posts = await listed(server, communityList(''));
  const seeded = posts.filter((p) => !p.title.startsWith('테스트 글'));
  assert.deepEqual(seeded.map((p) => [p.title, p.category, p.view, p.reviewCount, p.wishCount]), [
    ['진돗개 훈련 팁 공유합니다', '자유', 102, 0, 3],
    ['오늘 초코랑 한강 산책했어요', '자유', 75, 2, 2],
    ['슬개골 탈구 병원 추천 부탁드려요', '병원', 48, 1, 0],
    ['연휴에 맡길 애견호텔 후기', '호텔', 33, 0, 1],
    ['대형견 켄넬 나눔해요', '장터', 19, 2, 0],
    ['포메 털갈이 시기 관리법', '', 8, 0, 0],
  ]);
  const walk = seeded[1];
  assert.equal(walk.nick, '댕댕이맘');
  assert.equal(walk.breed, '푸들');
  assert.match(walk.communityImg, IMAGE_URL);
  assert.equal((await fetchImage(walk.communityImg)).status, 200);
  assert.equal(seeded[0].communityImg, null);

  const res = await call(server, 'GET', `/community/${walk.communityNo}?pagenum=0&pagesize=5`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.data.reviewResponseDtos.map((c) => [c.nick, c.content]),
                   [['보리아빠', '초코 너무 귀여워요!'], ['동물병원원장', '더운 날엔 물 자주 챙겨주세요 :)']]);
  assert.equal(res.body.data.imgResponseDtoList.length, 1);
});

test('the trade list shows the seeded trades by views with prices, images and likes', async (server) => {
  const trades = (await listed(server, tradeList(''))).filter((t) => !t.title.startsWith('테스트 물건'));
  assert.deepEqual(trades.map((t) => [t.title, t.nick, t.price, t.postStatus, t.view, t.wishCount]), [
    ['강아지 유모차 판매', '댕댕이맘', 80000, '판매중', 120, 2],
    ['대형견 하네스 팝니다', '몽실누나', 15000, '판매중', 64, 1],
    ['이동장 (소형견용)', '보리아빠', 12000, '판매중', 45, 0],
    ['새 장난감 세트', '콩이집사', 9000, '판매중', 22, 0],
  ]);
  assert.match(trades[0].tradeImg, IMAGE_URL);
  assert.equal(trades[3].tradeImg, null);
});

test('the friend list shows the matchings with their counts and status; each has a group room', async (server) => {
  const friends = await listed(server, friendList, '조회 완료');
  assert.deepEqual(friends.map((f) => [f.title, f.category, f.count, f.maxCount, f.status]), [
    ['대형견 보호자 모임', '자유', 0, 6, '진행중'],
    ['분당 애견카페 번개', '애견카페', 2, 2, '마감 완료'],
    ['주말 반포 한강 산책 같이해요', '산책', 1, 4, '진행중'],
  ]);
  assert.match(friends[1].image, IMAGE_URL);
  assert.equal(friends[0].image, null);
  const rooms = new Set();
  for (const friend of friends) {
    const res = await call(server, 'GET', `/friend/${friend.friendNo}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.data.roomNo, 'number');
    rooms.add(res.body.data.roomNo);
  }
  assert.equal(rooms.size, 3);
});

test('a demo member\'s chat list has the group and personal rooms with their last messages', async (server) => {
  const token = await demoLogin(server, 'dangmom@example.com');
  const res = await chat(server, '/chat/rooms', token);
  assert.equal(res.status, 200, res.text);
  const nicks = (room) => room.chatRoomMembers.map((m) => m.nick);
  assert.deepEqual(res.body.data.map((r) => [r.type, r.title, nicks(r), r.lastMessage, r.unreadCnt]), [
    ['personal', '1:1', ['댕댕이맘', '몽실누나'], '그럼요! 토요일 10시에 반포 한강공원에서 봬요.', 2],
    ['personal', '1:1', ['댕댕이맘', '보리아빠'], '좋아요. 주말에 반포에서 받을 수 있을까요?', 3],
    ['group', '주말 반포 한강 산책 같이해요', ['댕댕이맘', '솜사탕'], STARTED, 1],
  ]);
  for (const room of res.body.data) {
    assert.match(room.lastDate, KOREAN_DATE);
    assert.ok(parseKoreanDate(room.lastDate) < Date.now(), 'seeded messages lie in the past');
  }
  const dates = res.body.data.map((r) => parseKoreanDate(r.lastDate));
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));

  // A joiner is in the matching's room too.
  const happy = await chat(server, '/chat/rooms', await demoLogin(server, 'happy@example.com'));
  assert.ok(happy.body.data.some((r) => r.type === 'group' && r.title === '분당 애견카페 번개'));
});

test('GET /chat/messages shows a seeded personal conversation to its members only', async (server) => {
  const token = await demoLogin(server, 'dangmom@example.com');
  const rooms = (await chat(server, '/chat/rooms', token)).body.data;
  const withBori = rooms.find((r) => r.chatRoomMembers.some((m) => m.nick === '보리아빠'));
  const res = await chat(server, `/chat/messages/${withBori.roomNo}`, token);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '메세지 조회 완료');
  assert.deepEqual(res.body.data.map((m) => [m.type, m.sender, m.message]), [
    ['SYSTEM', 'SYSTEM', STARTED],
    ['TALK', '보리아빠', '안녕하세요! 강아지 유모차 아직 판매 중인가요?'],
    ['TALK', '댕댕이맘', '네, 아직 있어요. 직거래 괜찮으세요?'],
    ['TALK', '보리아빠', '좋아요. 주말에 반포에서 받을 수 있을까요?'],
  ]);
  assert.ok(res.body.data.every((m) => m.roomNo === withBori.roomNo && KOREAN_DATE.test(m.date)));
  const after = (await chat(server, '/chat/rooms', token)).body.data.find((r) => r.roomNo === withBori.roomNo);
  assert.equal(after.unreadCnt, 0, 'reading the latest messages marks the room read');

  const outsider = await chat(server, `/chat/messages/${withBori.roomNo}`, await demoLogin(server, 'vet@example.com'));
  assert.equal(outsider.status, 404);
  assert.equal(outsider.body.code, 'NOT_FOUND_CHAT_ROOM');
});

test('bulk posts of every kind are added for benchmarks without images', async (server) => {
  const places = await call(server, 'GET', `/query?category&title=테스트 장소&content=&nick=&address=&pagenum=0&pagesize=100&sort=new`);
  assert.equal(places.status, 200, places.text);
  assert.equal(places.body.data.length, BULK);
  assert.ok(places.body.data.every((p) => p.mapImgUrl === null));

  const posts = await listed(server, communityList(`=${encodeURIComponent('테스트 글')}`));
  assert.equal(posts.length, BULK);
  assert.ok(posts.every((p) => p.communityImg === null && p.reviewCount === 0));
  assert.deepEqual(new Set(posts.map((p) => p.category)), new Set(['자유', '병원', '호텔', '장터']));

  const trades = await listed(server, tradeList(`=${encodeURIComponent('테스트 물건')}`));
  assert.equal(trades.length, BULK);
  assert.ok(trades.every((t) => t.tradeImg === null && t.price > 0));
  assert.deepEqual(new Set(trades.map((t) => t.postStatus)), new Set(['판매중', '예약중', '판매완료']));
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

// A demo file edited into something the API refuses: the seed names it, exits 1 and writes no row. Loaded into a
// fresh SQLite file beside the server's database, since a populated database is never seeded.
test('demo data the API would refuse stops the seed with a message naming it, and nothing is written', async (server) => {
  const demo = JSON.parse(fs.readFileSync(path.join(SEED_DATA, 'demo.json'), 'utf8'));
  const edits = [
    ['a join past maxCount', (d) => { d.friends[1].joins.push('dubu'); }, /"dubu" cannot join "분당 애견카페 번개"/],
    ['the author joining', (d) => { d.friends[0].joins = ['dangmom']; }, /"dangmom" cannot join "주말 반포 한강 산책 같이해요"/],
    ['an unknown trade status', (d) => { d.trades[0].postStatus = '팝니다'; }, /invalid trade "대형견 하네스 팝니다"/],
    ['a blank comment', (d) => { d.community[0].comments[0].content = '  '; }, /invalid comment/],
    ['a matching nobody can join', (d) => { d.friends[2].maxCount = 0; }, /invalid matching "대형견 보호자 모임"/],
    ['a blank chat message', (d) => { d.chats[0].messages[0].text = ''; }, /invalid chat message/],
    ['a talk from outside the room', (d) => { d.chats[0].messages[0].from = 'vet'; }, /"vet" talks in a chat it is not in/],
    ['four images on a trade', (d) => { d.trades[0].images = Array(4).fill('stuff.png'); }, /more than 3 images/],
  ];
  for (const [i, [name, edit, message]] of edits.entries()) {
    const data = path.join(server.dir, `bad-demo-${i}`);
    fs.mkdirSync(data);
    fs.symlinkSync(path.join(SEED_DATA, 'images'), path.join(data, 'images'));
    const broken = structuredClone(demo);
    edit(broken);
    fs.writeFileSync(path.join(data, 'demo.json'), JSON.stringify(broken));
    const file = path.join(data, 'fresh.db');
    const env = { ...server.env, DAENGTIONARY_SQL_URL: `sqlite:${file}`, DAENGTIONARY_STORAGE_ROOT: path.join(data, 'store') };
    const run = spawnSync(BIN, ['--config', `${server.dir}/daengtionary.toml`, 'seed', '--data', data],
                          { cwd: server.dir, env, encoding: 'utf8' });
    assert.equal(run.status, 1, `${name}: ${run.stderr}${run.stdout}`);
    assert.match(run.stderr, message, name);
    assert.equal(execFileSync('sqlite3', [file, 'SELECT COUNT(*) FROM member'], { encoding: 'utf8' }).trim(), '0', name);
  }
});

test.stops();
