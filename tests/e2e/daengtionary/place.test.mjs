// /hospital, /room, /shop, /query and /map/{id}/wish: create, list, search, detail, update, delete,
// reviews and star averages, views once per viewer and day, ownership, cascades and bad input (after
// every rejected request the data and the image store are unchanged).
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import {
  ERR,
  KOREAN_DATE,
  assertError,
  assertFrameworkError,
  assertNothingChanged,
  assertOkMessage,
  call,
  fetchImage,
  jpeg,
  multipart,
  newMember,
  png,
  uniqueWord,
} from '../lib/api.mjs';

const { test } = serverSuite();

const NOT_FOUND = { status: 404, code: 'NOT_FOUND', message: '해당 게시물을 찾을 수 없습니다.' };
const SHORT_DATE = /^\d{2}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function place(overrides = {}) {
  return { title: `${uniqueWord('병원')} 동물병원`, category: 'hospital', content: '친절한 병원', address: '서울 강남구 역삼동, 2층', ...overrides };
}

// GET /query as the frontend's "전체" list calls it (valueless category key).
function queryPath({ category, title = '', content = '', nick = '', address = '', sort = '', pagenum = 0, pagesize = 100 } = {}) {
  const cat = category === undefined ? 'category' : `category=${encodeURIComponent(category)}`;
  return `/query?${cat}&title=${encodeURIComponent(title)}&content=${encodeURIComponent(content)}&nick=${encodeURIComponent(nick)}&address=${encodeURIComponent(address)}&pagenum=${pagenum}&pagesize=${pagesize}&sort=${sort}`;
}

async function list(server, path) {
  const res = await call(server, 'GET', path);
  assert.equal(res.status, 200, `GET ${path}: ${res.text}`);
  assert.equal(res.body.message, '조회 성공');
  assert.ok(Array.isArray(res.body.data));
  return res.body.data;
}

// Creates a place through POST /{category}/create and returns its list item (found by its unique title).
async function createPlace(server, member, data = place(), files = []) {
  const res = await call(server, 'POST', `/${data.category}/create`, { token: member.token, form: multipart(data, files.length ? { imgUrl: files } : {}) });
  assertOkMessage(res, '생성 완료');
  const found = await list(server, queryPath({ title: data.title }));
  assert.equal(found.length, 1, `created place "${data.title}" not listed exactly once`);
  return found[0];
}

async function detail(server, mapNo, { token, pagesize = 5 } = {}) {
  const res = await call(server, 'GET', `/hospital/${mapNo}?pagenum=0&pagesize=${pagesize}`, { token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '조회 성공');
  return res.body.data;
}

async function review(server, member, mapNo, data) {
  const res = await call(server, 'POST', `/hospital/review/create/${mapNo}`, { token: member.token, form: multipart(data) });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '리뷰 생성 완료');
  return res.body.data;
}

// The place's state as anonymous readers see it, without counting a view (list item by title).
async function snapshot(server, title) {
  return list(server, queryPath({ title }));
}

// Runs `action` and checks that the place list (for `title`) and the image store did not change.
const unchanged = (server, title, action) =>
  assertNothingChanged(server, () => snapshot(server, title), action, 'the place');

// ---- create, list, detail --------------------------------------------------------------------------

test('POST /hospital/create stores the place and images; the list item and the detail have the contract keys', async (server) => {
  const member = await newMember(server);
  const data = place();
  const files = server.storedFiles();
  const item = await createPlace(server, member, data, [png(1), jpeg(2)]);
  assert.equal(server.storedFiles().length, files.length + 2);
  assert.deepEqual(Object.keys(item).sort(), ['address', 'category', 'content', 'createdAt', 'mapImgUrl', 'mapNo', 'modifiedAt', 'reviewCount', 'star', 'title', 'view', 'wishCount']);
  assert.deepEqual({ ...item, mapNo: 0, mapImgUrl: '', createdAt: '', modifiedAt: '' }, {
    mapNo: 0, category: 'hospital', title: data.title, address: data.address, content: data.content, star: 0,
    mapImgUrl: '', reviewCount: 0, wishCount: 0, view: 0, createdAt: '', modifiedAt: '',
  });
  assert.match(item.createdAt, KOREAN_DATE);
  assert.match(item.modifiedAt, KOREAN_DATE);

  const d = await detail(server, item.mapNo);
  assert.deepEqual(Object.keys(d).sort(), ['imgResponseDtoList', 'mapDetailSubResponseDto', 'mapReviewList', 'reviewResponseDtoList']);
  const sub = d.mapDetailSubResponseDto;
  assert.deepEqual(Object.keys(sub).sort(), ['address', 'category', 'content', 'createdAt', 'mapNo', 'mapStar', 'modifiedAt', 'nick', 'title', 'view']);
  assert.deepEqual({ ...sub, createdAt: '', modifiedAt: '' }, {
    mapNo: item.mapNo, nick: member.nick, title: data.title, address: data.address, category: 'hospital',
    content: data.content, mapStar: 0, view: 1, createdAt: '', modifiedAt: '',
  });
  assert.match(sub.createdAt, SHORT_DATE);
  assert.equal(d.imgResponseDtoList.length, 2);
  assert.deepEqual(Object.keys(d.imgResponseDtoList[0]), ['mapImgUrl']);
  assert.equal(d.imgResponseDtoList[0].mapImgUrl, item.mapImgUrl, 'the list shows the first image');
  const first = await fetchImage(d.imgResponseDtoList[0].mapImgUrl);
  assert.equal(first.status, 200);
  assert.equal(first.type, 'image/png');
  assert.equal((await fetchImage(d.imgResponseDtoList[1].mapImgUrl)).type, 'image/jpeg');
  assert.deepEqual(d.reviewResponseDtoList, []);
  assert.deepEqual(d.mapReviewList, []);
});

test('a place without images lists mapImgUrl null; /room/create with category room lists under /room only', async (server) => {
  const member = await newMember(server);
  const data = place({ category: 'room', title: uniqueWord('호텔') });
  const item = await createPlace(server, member, data);
  assert.equal(item.mapImgUrl, null);
  assert.equal(item.category, 'room');
  const inRoom = await list(server, `/room/search?title=${data.title}&content=&nick=&address=&pagenum=0&pagesize=4&sort=popular`);
  assert.deepEqual(inRoom.map((p) => p.mapNo), [item.mapNo]);
  assert.deepEqual(await list(server, `/hospital/search?title=${data.title}&content=&nick=&address=&pagenum=0&pagesize=4&sort=popular`), []);
  assert.deepEqual((await list(server, `/room?address=&sort=new&pagenum=0&pagesize=100`)).filter((p) => p.mapNo === item.mapNo).length, 1);
  assert.deepEqual((await list(server, `/hospital?address=&sort=new&pagenum=0&pagesize=100`)).filter((p) => p.mapNo === item.mapNo).length, 0);
  // The detail works under any prefix, as the frontend always calls /hospital/{id}.
  for (const prefix of ['hospital', 'room', 'shop']) {
    const res = await call(server, 'GET', `/${prefix}/${item.mapNo}?pagenum=0&pagesize=5`);
    assert.equal(res.body.data.mapDetailSubResponseDto.category, 'room');
  }
});

// ---- filters, sort, paging ---------------------------------------------------------------------------

test('filters: title/content/address substrings case-insensitively with % and _ literal, nick and category exact', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const tag = uniqueWord('Tag');
  const a = await createPlace(server, alice, place({ title: `${tag} Alpha 100%`, content: `content ${tag} HAPPY`, address: `부산 해운대구 ${tag}, 1층` }));
  const b = await createPlace(server, bob, place({ title: `${tag} beta_x`, content: `other ${tag}`, address: `서울 마포구 ${tag}, 3층`, category: 'room' }));
  const ids = (rows) => rows.map((p) => p.mapNo);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag }))), [b.mapNo, a.mapNo], 'no sort: newest id first');
  assert.deepEqual(ids(await list(server, queryPath({ title: tag.toUpperCase() }))), [b.mapNo, a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag} ALPHA` }))), [a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag}`, content: 'happy' }))), [a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, address: '부산' }))), [a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, address: ' ' }))), [b.mapNo, a.mapNo], 'a single space matches addresses with a space');
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, nick: bob.nick }))), [b.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, nick: bob.nick.slice(0, -1) }))), [], 'nick is exact');
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, category: 'room' }))), [b.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, category: 'hospital' }))), [a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, category: 'nothing' }))), []);
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag} Alpha 100%` }))), [a.mapNo]);
  assert.deepEqual(ids(await list(server, queryPath({ title: '100%' }))).includes(a.mapNo), true);
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag}%beta` }))), [], '% is literal');
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag} _lpha` }))), [], '_ is literal');
  assert.deepEqual(ids(await list(server, queryPath({ title: 'beta_x' }))).includes(b.mapNo), true);
  assert.deepEqual(ids(await list(server, queryPath({ title: `${tag}!` }))), [], 'the escape character is literal too');
  assert.deepEqual(ids(await list(server, `/hospital/search?title=${tag}&content=&nick=${alice.nick}&address=&pagenum=0&pagesize=4&sort=popular`)), [a.mapNo]);
  assert.deepEqual(ids(await list(server, `/hospital?address=${encodeURIComponent('해운대')}&sort=&pagenum=0&pagesize=100`)).includes(a.mapNo), true);
});

test('paging pages through; sort=new and sort=popular order as the contract says', async (server) => {
  const member = await newMember(server);
  const viewer = await newMember(server);
  const tag = uniqueWord('page');
  const made = [];
  for (let i = 0; i < 5; i++) made.push(await createPlace(server, member, place({ title: `${tag} ${i}` })));
  const ids = (rows) => rows.map((p) => p.mapNo);
  const newestFirst = made.map((p) => p.mapNo).reverse();
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, sort: 'new' }))), newestFirst);
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, pagesize: 2, pagenum: 0 }))), newestFirst.slice(0, 2));
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, pagesize: 2, pagenum: 2 }))), newestFirst.slice(4));
  assert.deepEqual(ids(await list(server, queryPath({ title: tag, pagesize: 2, pagenum: 3 }))), []);
  // Views: made[1] by two members, made[3] by one.
  await detail(server, made[1].mapNo, { token: member.token });
  await detail(server, made[1].mapNo, { token: viewer.token });
  await detail(server, made[3].mapNo, { token: viewer.token });
  const popular = await list(server, `/hospital/search?title=${tag}&content=&nick=&address=&pagenum=0&pagesize=4&sort=popular`);
  assert.deepEqual(ids(popular), [made[1].mapNo, made[3].mapNo, made[4].mapNo, made[2].mapNo]);
  assert.deepEqual(popular.map((p) => p.view), [2, 1, 0, 0]);
});

test('views count once per member per day and once per anonymous client', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const item = await createPlace(server, author);
  assert.equal((await detail(server, item.mapNo, { token: author.token })).mapDetailSubResponseDto.view, 1);
  assert.equal((await detail(server, item.mapNo, { token: author.token })).mapDetailSubResponseDto.view, 1, 'same member again: no count');
  assert.equal((await detail(server, item.mapNo, { token: other.token })).mapDetailSubResponseDto.view, 2, 'another member: +1');
  assert.equal((await detail(server, item.mapNo)).mapDetailSubResponseDto.view, 3, 'anonymous from 127.0.0.1: +1');
  assert.equal((await detail(server, item.mapNo, { token: 'null' })).mapDetailSubResponseDto.view, 3, 'same client again: no count');
  assert.equal((await snapshot(server, item.title))[0].view, 3);
});

// ---- reviews and stars ----------------------------------------------------------------------------

test('reviews: create/update/delete keep mapStar and the list star at the rounded average; aliases carry the dog image', async (server) => {
  const author = await newMember(server);
  const r1 = await newMember(server);
  const r2 = await newMember(server);
  const dogRes = await call(server, 'POST', '/mypage/dogs', { token: r1.token, form: multipart({ name: '초코', breed: '푸들', gender: '암컷', weight: '5' }, { image: png(9) }) });
  assert.equal(dogRes.status, 200, dogRes.text);
  const dogImage = (await call(server, 'GET', '/mypage/info', { token: r1.token })).body.data.dogs[0].image;
  const item = await createPlace(server, author);
  const a = await review(server, r1, item.mapNo, { content: '좋아요', star: 5 });
  assert.deepEqual(Object.keys(a).sort(), ['content', 'image', 'nick', 'reviewNo', 'star']);
  assert.deepEqual({ ...a, reviewNo: 0 }, { reviewNo: 0, nick: r1.nick, content: '좋아요', image: dogImage, star: 5 });
  const b = await review(server, r2, item.mapNo, { content: '보통', star: '4' });
  const c = await review(server, r2, item.mapNo, { content: '별로', star: 4 });
  const stars = async () => [(await detail(server, item.mapNo)).mapDetailSubResponseDto.mapStar, (await snapshot(server, item.title))[0].star];
  assert.deepEqual(await stars(), [4.333, 4.333]);
  assert.equal((await snapshot(server, item.title))[0].reviewCount, 3);

  const d = await detail(server, item.mapNo, { pagesize: 2 });
  assert.deepEqual(d.reviewResponseDtoList.map((x) => x.reviewNo), [c.reviewNo, b.reviewNo], 'newest first, one page');
  assert.deepEqual(d.mapReviewList, d.reviewResponseDtoList.map(({ image, ...rest }) => ({ ...rest, memberImgUrl: image })));
  const all = await detail(server, item.mapNo, { pagesize: 10 });
  assert.deepEqual(all.mapReviewList.at(-1), { reviewNo: a.reviewNo, nick: r1.nick, content: '좋아요', memberImgUrl: dogImage, star: 5 });
  assert.equal(all.mapReviewList[0].memberImgUrl, null, 'a reviewer without a dog has no image');

  const updated = await call(server, 'PATCH', `/hospital/review/${item.mapNo}/${c.reviewNo}`, { token: r2.token, form: multipart({ content: '다시 보니 좋음', star: 1 }) });
  assert.equal(updated.status, 200, updated.text);
  assert.equal(updated.body.message, '수정 성공');
  assert.deepEqual(updated.body.data, { reviewNo: c.reviewNo, nick: r2.nick, content: '다시 보니 좋음', image: null, star: 1 });
  assert.deepEqual(await stars(), [3.333, 3.333]);

  assertOkMessage(await call(server, 'DELETE', `/room/review/${item.mapNo}/${b.reviewNo}`, { token: r2.token }), '삭제 성공');
  assert.deepEqual(await stars(), [3, 3]);
  assertOkMessage(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/${c.reviewNo}`, { token: r2.token }), '삭제 성공');
  assertOkMessage(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/${a.reviewNo}`, { token: r1.token }), '삭제 성공');
  assert.deepEqual(await stars(), [0, 0]);
  assert.equal((await snapshot(server, item.title))[0].reviewCount, 0);
});

test('reviews: bad star or content is NOT_VALIDCONTENT; wrong place, review or author is rejected; nothing changes', async (server) => {
  const author = await newMember(server);
  const reviewer = await newMember(server);
  const stranger = await newMember(server);
  const item = await createPlace(server, author);
  const other = await createPlace(server, author);
  const r = await review(server, reviewer, item.mapNo, { content: '좋아요', star: 3 });
  await unchanged(server, item.title, async () => {
    for (const data of [{ content: 'x', star: 0 }, { content: 'x', star: 6 }, { content: 'x', star: 'x' }, { content: 'x', star: 2.5 }, { content: 'x' }, { star: 3 }, { content: '  ', star: 3 }, { content: ['x'], star: 3 }, { content: 'x'.repeat(3001), star: 3 }]) {
      assertError(await call(server, 'POST', `/hospital/review/create/${item.mapNo}`, { token: reviewer.token, form: multipart(data) }), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'PATCH', `/hospital/review/${item.mapNo}/${r.reviewNo}`, { token: reviewer.token, form: multipart(data) }), ERR.NOT_VALIDCONTENT);
    }
    const good = multipart({ content: '남의 리뷰', star: 1 });
    assertError(await call(server, 'POST', '/hospital/review/create/999999', { token: reviewer.token, form: good }), NOT_FOUND);
    assertError(await call(server, 'PATCH', `/hospital/review/${item.mapNo}/${r.reviewNo}`, { token: stranger.token, form: multipart({ content: '남의 리뷰', star: 1 }) }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/${r.reviewNo}`, { token: stranger.token }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/${r.reviewNo}`, { token: author.token }), ERR.MAP_WRONG_ACCESS, 'the place author is not the review author');
    assertError(await call(server, 'PATCH', `/hospital/review/${other.mapNo}/${r.reviewNo}`, { token: reviewer.token, form: multipart({ content: 'x', star: 1 }) }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/hospital/review/${other.mapNo}/${r.reviewNo}`, { token: reviewer.token }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/hospital/review/999999/${r.reviewNo}`, { token: reviewer.token }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/999999`, { token: reviewer.token }), NOT_FOUND);
    assertError(await call(server, 'POST', `/hospital/review/create/${item.mapNo}`, { form: multipart({ content: 'x', star: 1 }) }), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'DELETE', `/hospital/review/${item.mapNo}/abc`, { token: reviewer.token }), 400);
    assertFrameworkError(await call(server, 'POST', `/hospital/review/create/${item.mapNo}`, { token: reviewer.token, form: multipart(undefined, { imgUrl: png(1) }) }), 400);
  });
  const d = await detail(server, item.mapNo);
  assert.deepEqual(d.reviewResponseDtoList.map((x) => [x.reviewNo, x.content, x.star]), [[r.reviewNo, '좋아요', 3]]);
  assert.equal(d.mapDetailSubResponseDto.mapStar, 3);
});

// ---- update and delete ---------------------------------------------------------------------------

test('PATCH keeps the images without new files and replaces them (old files deleted) with new ones', async (server) => {
  const member = await newMember(server);
  const item = await createPlace(server, member, place(), [png(21), png(22)]);
  const before = server.storedFiles();
  const oldUrls = (await detail(server, item.mapNo)).imgResponseDtoList.map((i) => i.mapImgUrl);
  const edited = place({ title: uniqueWord('수정'), category: 'room', content: '바뀐 내용', address: '부산 해운대구 우동, 1층' });
  assertOkMessage(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: member.token, form: multipart(edited) }), '수정 성공');
  let d = await detail(server, item.mapNo);
  assert.deepEqual(d.imgResponseDtoList.map((i) => i.mapImgUrl), oldUrls, 'images kept');
  assert.deepEqual(server.storedFiles(), before);
  const sub = d.mapDetailSubResponseDto;
  assert.deepEqual([sub.title, sub.category, sub.content, sub.address], [edited.title, 'room', edited.content, edited.address]);

  assertOkMessage(await call(server, 'PATCH', `/room/${item.mapNo}`, { token: member.token, form: multipart(edited, { imgUrl: [jpeg(23)] }) }), '수정 성공');
  d = await detail(server, item.mapNo);
  assert.equal(d.imgResponseDtoList.length, 1);
  assert.equal((await fetchImage(d.imgResponseDtoList[0].mapImgUrl)).type, 'image/jpeg');
  for (const url of oldUrls) assert.equal((await fetchImage(url)).status, 404, 'old image deleted');
  assert.equal(server.storedFiles().length, before.length - 1);
  assert.equal((await snapshot(server, edited.title))[0].mapImgUrl, d.imgResponseDtoList[0].mapImgUrl);
});

test('DELETE cascades reviews, images (files too) and wishes; only the author may update or delete', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const files = server.storedFiles();
  const item = await createPlace(server, author, place(), [png(31), jpeg(32)]);
  await review(server, other, item.mapNo, { content: '좋아요', star: 5 });
  const wished = await call(server, 'POST', `/map/${item.mapNo}/wish`, { token: other.token });
  assert.equal(wished.status, 200, wished.text);
  assert.equal((await snapshot(server, item.title))[0].wishCount, 1);
  await detail(server, item.mapNo, { token: other.token });

  await unchanged(server, item.title, async () => {
    assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: other.token, form: multipart(place(), { imgUrl: png(33) }) }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/hospital/${item.mapNo}`, { token: other.token }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/hospital/${item.mapNo}`), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { form: multipart(place()) }), ERR.INVAILID_TOKEN);
  });
  assertOkMessage(await call(server, 'DELETE', `/shop/${item.mapNo}`, { token: author.token }), '삭제 완료');
  assert.deepEqual(server.storedFiles(), files, 'stored images deleted with the place');
  assert.deepEqual(await snapshot(server, item.title), []);
  assertError(await call(server, 'GET', `/hospital/${item.mapNo}?pagenum=0&pagesize=5`), NOT_FOUND);
  assertError(await call(server, 'DELETE', `/hospital/${item.mapNo}`, { token: author.token }), NOT_FOUND);
  assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: author.token, form: multipart(place()) }), NOT_FOUND);
  assertError(await call(server, 'POST', `/map/${item.mapNo}/wish`, { token: other.token }), NOT_FOUND);
});

test('POST /map/{mapNo}/wish toggles: add (ids null), remove (mapNo set); counted in wishCount', async (server) => {
  const author = await newMember(server);
  const fan = await newMember(server);
  const item = await createPlace(server, author);
  let res = await call(server, 'POST', `/map/${item.mapNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: null, comNo: null, tradeNo: null }, message: '좋아요가 추가되었습니다.' });
  await call(server, 'POST', `/map/${item.mapNo}/wish`, { token: author.token });
  assert.equal((await snapshot(server, item.title))[0].wishCount, 2);
  res = await call(server, 'POST', `/map/${item.mapNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: item.mapNo, comNo: null, tradeNo: null }, message: '좋아요가 삭제되었습니다.' });
  assert.equal((await snapshot(server, item.title))[0].wishCount, 1);
  assertError(await call(server, 'POST', `/map/${item.mapNo}/wish`), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'POST', '/map/999999/wish', { token: fan.token }), NOT_FOUND);
  assertFrameworkError(await call(server, 'POST', '/map/x/wish', { token: fan.token }), 400);
});

// ---- bad input -----------------------------------------------------------------------------------

test('create/update with bad content, category, images or parts is rejected and stores nothing', async (server) => {
  const member = await newMember(server);
  const item = await createPlace(server, member);
  const tag = uniqueWord('bad');
  await unchanged(server, item.title, async () => {
    const bad = [
      place({ title: tag, category: 'cafe' }),
      place({ title: tag, category: '' }),
      place({ title: '' }),
      place({ title: `${tag}${'가'.repeat(101)}` }),
      place({ title: tag, content: 'x'.repeat(15001) }),
      place({ title: tag, address: '' }),
      place({ title: tag, address: '가'.repeat(201) }),
      { ...place({ title: tag }), title: { x: 1 } },
    ];
    for (const data of bad) {
      assertError(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(data, { imgUrl: png(41) }) }), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: member.token, form: multipart(data, { imgUrl: png(41) }) }), ERR.NOT_VALIDCONTENT);
    }
    const eleven = Array.from({ length: 11 }, (_, i) => png(50 + i));
    assertError(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(place({ title: tag }), { imgUrl: eleven }) }), ERR.NOT_VALIDCONTENT);
    assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: member.token, form: multipart(place({ title: tag }), { imgUrl: eleven }) }), ERR.NOT_VALIDCONTENT);
    const fake = { bytes: Buffer.from('just text'), name: 'fake.png', type: 'image/png' };
    assertError(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(place({ title: tag }), { imgUrl: [png(61), fake] }) }), ERR.WRONG_IMAGE_FORMAT);
    assertError(await call(server, 'PATCH', `/hospital/${item.mapNo}`, { token: member.token, form: multipart(place({ title: tag }), { imgUrl: [fake] }) }), ERR.WRONG_IMAGE_FORMAT);
    assertFrameworkError(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(undefined, { imgUrl: png(62) }) }), 400, '/hospital/create');
    assertFrameworkError(await call(server, 'POST', '/hospital/create', { token: member.token, json: place({ title: tag }) }), 415, '/hospital/create');
    assertError(await call(server, 'POST', '/hospital/create', { form: multipart(place({ title: tag })) }), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'PATCH', '/hospital/abc', { token: member.token, form: multipart(place()) }), 400);
    assertError(await call(server, 'PATCH', '/hospital/999999', { token: member.token, form: multipart(place()) }), NOT_FOUND);
  });
  assert.deepEqual(await snapshot(server, tag), []);
  const eleven = Array.from({ length: 10 }, (_, i) => png(70 + i));
  const ten = await createPlace(server, member, place({ title: uniqueWord('ten') }), eleven);
  assert.equal((await detail(server, ten.mapNo)).imgResponseDtoList.length, 10, 'ten images are fine');
});

test('list and detail paging parameters: bad values are NOT_VALIDCONTENT, missing or non-numeric a framework 400; no view counted', async (server) => {
  const member = await newMember(server);
  const item = await createPlace(server, member);
  await unchanged(server, item.title, async () => {
    for (const [pagenum, pagesize] of [[-1, 4], [0, 0], [0, -5], [0, 101], [1000001, 4], [0, 1000000000]]) {
      assertError(await call(server, 'GET', queryPath({ pagenum, pagesize })), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', `/hospital/search?title=&content=&nick=&address=&pagenum=${pagenum}&pagesize=${pagesize}&sort=popular`), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', `/hospital?address=&sort=&pagenum=${pagenum}&pagesize=${pagesize}`), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', `/hospital/${item.mapNo}?pagenum=${pagenum}&pagesize=${pagesize}`), ERR.NOT_VALIDCONTENT);
    }
    for (const path of [
      '/hospital/search?title=&content=&nick=&address=&pagenum=x&pagesize=4&sort=',
      '/hospital/search?title=&content=&nick=&address=&pagenum=99999999999999999999&pagesize=4&sort=',
      '/hospital/search?content=&nick=&address=&pagenum=0&pagesize=4&sort=',
      '/query?title=&content=&nick=&address=&pagenum=0&pagesize=4&sort=',
      `/hospital/${item.mapNo}?pagenum=0`,
      '/hospital/abc?pagenum=0&pagesize=5',
      '/hospital/1.5?pagenum=0&pagesize=5',
    ]) {
      assertFrameworkError(await call(server, 'GET', path), 400);
    }
    assertError(await call(server, 'GET', '/hospital/999999?pagenum=0&pagesize=5'), NOT_FOUND);
  });
  assert.equal((await snapshot(server, item.title))[0].view, 0, 'rejected detail requests counted no view');
});

test.stops();
