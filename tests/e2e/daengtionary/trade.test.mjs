// /trade/*, /trade/{id}/wish and /mypage/mypost/trade, called the way the frontend calls them: create with
// `imgUrl` padded by `undefined` text parts and the price as a string, list, search, detail with views once
// per viewer and day, update, delete with cascades, ownership, wishes and bad input (after every rejected
// request the data and the image store are unchanged).
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
  jsonBlob,
  multipart,
  newMember,
  parseKoreanDate,
  png,
  uniqueWord,
} from '../lib/api.mjs';

const { test } = serverSuite();

const NOT_FOUND = { status: 404, code: 'NOT_FOUND', message: '해당 게시물을 찾을 수 없습니다.' };
const LIST_KEYS = ['createdAt', 'modifiedAt', 'nick', 'postStatus', 'price', 'title', 'tradeImg', 'tradeNo', 'view', 'wishCount'];
const DETAIL_KEYS = [
  'address', 'content', 'createdAt', 'exchange', 'memberNo', 'modifiedAt', 'nick', 'postStatus', 'price',
  'stuffStatus', 'title', 'tradeImgUrl', 'tradeNo', 'view', 'wishCount',
];

// The `data` the posting page sends: every field, the price typed into a text input.
function trade(overrides = {}) {
  return {
    title: `${uniqueWord('유모차')} 팝니다`, address: '전국', stuffStatus: '중고', exchange: '교환불가', price: '15000',
    content: '없음', postStatus: '판매중', ...overrides,
  };
}

// FormData as postingTrade builds it: `data` as a JSON Blob, then `imgUrl` appended three times, with the
// text `undefined` for each image not chosen.
function frontendForm(data, files = []) {
  const fd = new FormData();
  fd.append('data', jsonBlob(data));
  for (let i = 0; i < 3; i++) {
    const file = files[i];
    if (file) fd.append('imgUrl', new Blob([file.bytes], { type: file.type }), file.name);
    else fd.append('imgUrl', String(undefined));
  }
  return fd;
}

// GET /trade/search with every parameter (the frontend's list code sends empty ones as valueless keys).
function searchPath({ title = '', content = '', nick = '', address = '', postStatus = '', sort = '', pagenum = 0, pagesize = 100 } = {}) {
  const q = (key, v) => (v === '' ? key : `${key}=${encodeURIComponent(v)}`);
  return `/trade/search?${q('title', title)}&${q('content', content)}&${q('nick', nick)}&${q('address', address)}&${q('postStatus', postStatus)}&${q('sort', sort)}&pagenum=${pagenum}&pagesize=${pagesize}`;
}

async function list(server, path, token) {
  const res = await call(server, 'GET', path, { token });
  assert.equal(res.status, 200, `GET ${path}: ${res.text}`);
  assert.deepEqual(Object.keys(res.body), ['state', 'data', 'message']);
  assert.equal(res.body.message, '조회 성공');
  assert.ok(Array.isArray(res.body.data));
  return res.body.data;
}

// Creates a trade as the frontend does and returns its list item (found by its unique title).
async function createTrade(server, member, data = trade(), files = []) {
  const res = await call(server, 'POST', '/trade/create', { token: member.token, form: frontendForm(data, files) });
  assertOkMessage(res, '생성 완료');
  const found = await list(server, searchPath({ title: data.title }));
  assert.equal(found.length, 1, `created trade "${data.title}" not listed exactly once`);
  return found[0];
}

async function detail(server, tradeNo, token) {
  const res = await call(server, 'GET', `/trade/${tradeNo}`, { token });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body), ['state', 'data', 'message']);
  assert.equal(res.body.message, '조회 성공');
  return res.body.data;
}

// The trade as anonymous readers see it in lists, without counting a view.
async function snapshot(server, title) {
  return list(server, searchPath({ title }));
}

// Runs `action` and checks that the listed trades (for `title`) and the image store did not change.
const unchanged = (server, title, action) =>
  assertNothingChanged(server, () => snapshot(server, title), action, 'the trade');

const ids = (rows) => rows.map((t) => t.tradeNo);

// ---- create, list, detail --------------------------------------------------------------------------

test('POST /trade/create as the frontend sends it stores the trade and its images; list item and detail have the contract keys', async (server) => {
  const member = await newMember(server);
  const data = trade();
  const files = server.storedFiles();
  const started = Date.now();
  const item = await createTrade(server, member, data, [png(1), jpeg(2)]);
  assert.equal(server.storedFiles().length, files.length + 2, 'two files stored, the `undefined` part ignored');
  assert.deepEqual(Object.keys(item).sort(), LIST_KEYS);
  assert.deepEqual({ ...item, tradeNo: 0, tradeImg: '', createdAt: '', modifiedAt: '' }, {
    tradeNo: 0, nick: member.nick, title: data.title, postStatus: '판매중', view: 0, price: 15000, tradeImg: '',
    wishCount: 0, createdAt: '', modifiedAt: '',
  });
  assert.match(item.createdAt, KOREAN_DATE);
  assert.match(item.modifiedAt, KOREAN_DATE);
  assert.ok(Math.abs(parseKoreanDate(item.createdAt) - started) < 120_000, `createdAt ${item.createdAt} is not now`);

  const d = await detail(server, item.tradeNo);
  assert.deepEqual(Object.keys(d).sort(), DETAIL_KEYS);
  assert.deepEqual({ ...d, tradeImgUrl: [], createdAt: '', modifiedAt: '' }, {
    tradeNo: item.tradeNo, nick: member.nick, memberNo: member.memberNo, title: data.title, address: '전국',
    stuffStatus: '중고', exchange: '교환불가', postStatus: '판매중', content: '없음', price: 15000, view: 1,
    wishCount: 0, tradeImgUrl: [], createdAt: '', modifiedAt: '',
  });
  assert.equal(d.createdAt, item.createdAt);
  assert.equal(d.modifiedAt, item.modifiedAt);
  assert.equal(d.tradeImgUrl.length, 2);
  assert.equal(d.tradeImgUrl[0], item.tradeImg, 'the list shows the first image');
  const first = await fetchImage(d.tradeImgUrl[0]);
  assert.equal(first.status, 200);
  assert.equal(first.type, 'image/png');
  assert.equal((await fetchImage(d.tradeImgUrl[1])).type, 'image/jpeg');
});

test('a trade without images (only `undefined` parts) lists tradeImg null and tradeImgUrl []; price may be a number, a string or ""', async (server) => {
  const member = await newMember(server);
  const files = server.storedFiles();
  const bare = await createTrade(server, member, trade({ price: '' }));
  assert.equal(bare.tradeImg, null);
  assert.equal(bare.price, 0, '"" is 0, as Jackson read it');
  assert.deepEqual((await detail(server, bare.tradeNo)).tradeImgUrl, []);
  assert.deepEqual(server.storedFiles(), files);
  for (const [price, expected] of [[15000, 15000], ['0', 0], [0, 0], [' 2500 ', 2500], ['1000000000', 1000000000], ['7.0', 7]]) {
    const item = await createTrade(server, member, trade({ price }));
    assert.equal(item.price, expected, `price ${JSON.stringify(price)}`);
  }
  // Values the frontend never sends but a seller can set: the other stuffStatus, exchange and postStatus values.
  const other = trade({ stuffStatus: '', exchange: '교환가능', postStatus: '판매완료', address: '', content: '' });
  const item = await createTrade(server, member, other);
  const d = await detail(server, item.tradeNo);
  assert.deepEqual([d.stuffStatus, d.exchange, d.postStatus, d.address, d.content], ['', '교환가능', '판매완료', '', '']);
});

test('GET /trade as the main page and the market page call it: sort, paging, trailing slash, ignored direction', async (server) => {
  const member = await newMember(server);
  const viewer = await newMember(server);
  const made = [];
  for (let i = 0; i < 3; i++) made.push(await createTrade(server, member, trade({ title: `${uniqueWord('목록')} ${i}` })));
  const newestFirst = ids(made).reverse();
  assert.deepEqual(ids(await list(server, '/trade?pagenum=0&pagesize=12&sort=new')).slice(0, 3), newestFirst);
  assert.deepEqual(ids(await list(server, '/trade/?pagenum=0&pagesize=12&sort=new')).slice(0, 3), newestFirst, 'trailing slash');
  assert.deepEqual(ids(await list(server, '/trade?pagenum=0&pagesize=12&sort')).slice(0, 3), newestFirst, 'no sort: newest id first');
  assert.deepEqual(ids(await list(server, '/trade?pagenum=0&pagesize=2&sort=new')), newestFirst.slice(0, 2));
  assert.deepEqual(ids(await list(server, '/trade?pagenum=1&pagesize=1&sort=new')), newestFirst.slice(1, 2));
  assert.deepEqual(await list(server, '/trade?pagenum=1000&pagesize=100&sort=new'), []);

  await detail(server, made[0].tradeNo, viewer.token);
  await detail(server, made[0].tradeNo, member.token);
  await detail(server, made[2].tradeNo, viewer.token);
  const popular = await list(server, '/trade?direction=dasc&pagenum=0&pagesize=100&sort=popular');
  for (let i = 1; i < popular.length; i++) {
    const [a, b] = [popular[i - 1], popular[i]];
    assert.ok(a.view > b.view || (a.view === b.view && a.tradeNo > b.tradeNo), `popular order broken at ${i}: ${JSON.stringify([a, b])}`);
  }
  const top4 = await list(server, '/trade?direction=dasc&pagenum=0&pagesize=4&sort=popular');
  assert.deepEqual(top4, popular.slice(0, 4));
  const viewsOf = Object.fromEntries(popular.map((t) => [t.tradeNo, t.view]));
  assert.deepEqual([viewsOf[made[0].tradeNo], viewsOf[made[1].tradeNo], viewsOf[made[2].tradeNo]], [2, 0, 1]);
});

// ---- search ------------------------------------------------------------------------------------------

test('search: title/content/address substrings case-insensitively with % and _ literal, nick and postStatus exact, ANDed', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const tag = uniqueWord('Tag');
  const a = await createTrade(server, alice, trade({ title: `${tag} Alpha 100%`, content: `내용 ${tag} HAPPY`, address: `부산 해운대구 ${tag}` }));
  const b = await createTrade(server, bob, trade({ title: `${tag} beta_x`, content: `other ${tag}`, address: `서울 마포구 ${tag}`, postStatus: '예약중' }));
  assert.deepEqual(ids(await list(server, searchPath({ title: tag }))), [b.tradeNo, a.tradeNo], 'no sort: newest id first');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag.toUpperCase() }))), [b.tradeNo, a.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} ALPHA` }))), [a.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, content: 'happy' }))), [a.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ content: `${tag} happy` }))), [a.tradeNo], 'content alone');
  assert.deepEqual(ids(await list(server, searchPath({ address: `해운대구 ${tag}` }))), [a.tradeNo], 'address alone');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, address: '서울' }))), [b.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, nick: bob.nick }))), [b.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, nick: bob.nick.slice(0, -1) }))), [], 'nick is exact');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, postStatus: '예약중' }))), [b.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, postStatus: '판매중' }))), [a.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, postStatus: '판매' }))), [], 'postStatus is exact');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, nick: alice.nick, postStatus: '예약중' }))), [], 'filters are ANDed');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} Alpha 100%` }))), [a.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag}%beta` }))), [], '% is literal');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} _lpha` }))), [], '_ is literal');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} beta_x` }))), [b.tradeNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag}!` }))), [], 'the escape character is literal too');
  // Every parameter given with a value, as another client would.
  const explicit = `/trade/search?title=${tag}&content=&nick=&address=&postStatus=&sort=new&pagenum=0&pagesize=1`;
  assert.deepEqual(ids(await list(server, explicit)), [b.tradeNo]);
  assert.deepEqual(ids(await list(server, explicit.replace('pagenum=0', 'pagenum=1'))), [a.tradeNo]);
});

// ---- views ---------------------------------------------------------------------------------------------

test('views count once per member per day and once per anonymous client; lists show the count', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const item = await createTrade(server, author);
  assert.equal((await detail(server, item.tradeNo, author.token)).view, 1);
  assert.equal((await detail(server, item.tradeNo, author.token)).view, 1, 'same member again: no count');
  assert.equal((await detail(server, item.tradeNo, other.token)).view, 2, 'another member: +1');
  assert.equal((await detail(server, item.tradeNo)).view, 3, 'anonymous from 127.0.0.1: +1');
  assert.equal((await detail(server, item.tradeNo, 'null')).view, 3, '`Bearer null` is the same anonymous client');
  assert.equal((await snapshot(server, item.title))[0].view, 3);
});

// ---- update and delete ---------------------------------------------------------------------------

test('PATCH rewrites all seven fields, keeps the images without new files and replaces them (old files deleted) with new ones', async (server) => {
  const member = await newMember(server);
  const item = await createTrade(server, member, trade(), [png(21), png(22)]);
  const before = server.storedFiles();
  const oldUrls = (await detail(server, item.tradeNo)).tradeImgUrl;
  const edited = trade({ title: uniqueWord('수정'), address: '서울', stuffStatus: '새 물건', exchange: '교환가능', price: 9000, content: '가격 내림', postStatus: '예약중' });
  assertOkMessage(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: frontendForm(edited) }), '수정 성공');
  let d = await detail(server, item.tradeNo);
  assert.deepEqual(d.tradeImgUrl, oldUrls, 'images kept');
  assert.deepEqual(server.storedFiles(), before);
  assert.deepEqual(
    [d.title, d.address, d.stuffStatus, d.exchange, d.price, d.content, d.postStatus],
    [edited.title, '서울', '새 물건', '교환가능', 9000, '가격 내림', '예약중'],
  );
  assert.equal(d.createdAt, item.createdAt);
  assert.match(d.modifiedAt, KOREAN_DATE);

  assertOkMessage(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: frontendForm({ ...edited, price: '' }, [jpeg(23)]) }), '수정 성공');
  d = await detail(server, item.tradeNo);
  assert.equal(d.price, 0);
  assert.equal(d.tradeImgUrl.length, 1);
  assert.equal((await fetchImage(d.tradeImgUrl[0])).type, 'image/jpeg');
  for (const url of oldUrls) assert.equal((await fetchImage(url)).status, 404, 'old image deleted');
  assert.equal(server.storedFiles().length, before.length - 1);
  const listed = (await snapshot(server, edited.title))[0];
  assert.equal(listed.tradeImg, d.tradeImgUrl[0]);
  assert.equal(listed.postStatus, '예약중');
});

test('DELETE cascades wishes, views and images (files too); only the author may update or delete', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const files = server.storedFiles();
  const item = await createTrade(server, author, trade(), [png(31), jpeg(32)]);
  const wished = await call(server, 'POST', `/trade/${item.tradeNo}/wish`, { token: other.token });
  assert.equal(wished.status, 200, wished.text);
  await detail(server, item.tradeNo, other.token);
  assert.deepEqual([(await snapshot(server, item.title))[0].wishCount, (await snapshot(server, item.title))[0].view], [1, 1]);

  await unchanged(server, item.title, async () => {
    assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: other.token, form: frontendForm(trade(), [png(33)]) }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: other.token, form: frontendForm(trade()) }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/trade/${item.tradeNo}`, { token: other.token }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/trade/${item.tradeNo}`), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'DELETE', `/trade/${item.tradeNo}`, { token: 'null' }), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { form: frontendForm(trade()) }), ERR.INVAILID_TOKEN);
  });
  assertOkMessage(await call(server, 'DELETE', `/trade/${item.tradeNo}`, { token: author.token }), '삭제 성공');
  assert.deepEqual(server.storedFiles(), files, 'stored images deleted with the trade');
  assert.deepEqual(await snapshot(server, item.title), []);
  assertError(await call(server, 'GET', `/trade/${item.tradeNo}`), NOT_FOUND);
  assertError(await call(server, 'DELETE', `/trade/${item.tradeNo}`, { token: author.token }), NOT_FOUND);
  assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: author.token, form: frontendForm(trade()) }), NOT_FOUND);
  assertError(await call(server, 'POST', `/trade/${item.tradeNo}/wish`, { token: other.token }), NOT_FOUND);
  assert.deepEqual(await list(server, '/mypage/mypost/trade', author.token), []);
});

// ---- wishes ------------------------------------------------------------------------------------------

test('POST /trade/{tradeNo}/wish toggles: add (ids null), remove (tradeNo set); counted in the list and the detail', async (server) => {
  const author = await newMember(server);
  const fan = await newMember(server);
  const item = await createTrade(server, author);
  let res = await call(server, 'POST', `/trade/${item.tradeNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: null, comNo: null, tradeNo: null }, message: '좋아요가 추가되었습니다.' });
  res = await call(server, 'POST', `/trade/${item.tradeNo}/wish`, { token: author.token });
  assert.equal(res.body.message, '좋아요가 추가되었습니다.');
  assert.equal((await snapshot(server, item.title))[0].wishCount, 2);
  assert.equal((await detail(server, item.tradeNo)).wishCount, 2);
  res = await call(server, 'POST', `/trade/${item.tradeNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: null, comNo: null, tradeNo: item.tradeNo }, message: '좋아요가 삭제되었습니다.' });
  assert.equal((await snapshot(server, item.title))[0].wishCount, 1);
  assert.equal((await detail(server, item.tradeNo)).wishCount, 1);
  assertError(await call(server, 'POST', `/trade/${item.tradeNo}/wish`), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'POST', '/trade/999999/wish', { token: fan.token }), NOT_FOUND);
  assertFrameworkError(await call(server, 'POST', '/trade/x/wish', { token: fan.token }), 400);
  assert.equal((await snapshot(server, item.title))[0].wishCount, 1);
});

// ---- my posts ------------------------------------------------------------------------------------------

test('GET /mypage/mypost/trade lists the caller\'s trades newest first in the list shape, with or without images', async (server) => {
  const seller = await newMember(server);
  const stranger = await newMember(server);
  assert.deepEqual(await list(server, '/mypage/mypost/trade', seller.token), [], 'nothing yet');
  const first = await createTrade(server, seller, trade({ price: '3000' }));
  const second = await createTrade(server, seller, trade({ postStatus: '판매완료' }), [png(81)]);
  await createTrade(server, stranger);
  await call(server, 'POST', `/trade/${second.tradeNo}/wish`, { token: stranger.token });
  const mine = await list(server, '/mypage/mypost/trade', seller.token);
  assert.deepEqual(ids(mine), [second.tradeNo, first.tradeNo]);
  for (const row of mine) assert.deepEqual(Object.keys(row).sort(), LIST_KEYS);
  assert.deepEqual(mine[0], { ...second, wishCount: 1 });
  assert.deepEqual(mine[1], first);
  assert.equal(mine[1].tradeImg, null, 'a trade without images is listed (the original answered 500)');
  assert.deepEqual(
    [mine[0].postStatus, mine[0].price, mine[1].postStatus, mine[1].price],
    ['판매완료', 15000, '판매중', 3000],
  );
  assertError(await call(server, 'GET', '/mypage/mypost/trade'), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'GET', '/mypage/mypost/trade', { token: 'null' }), ERR.INVAILID_TOKEN);
});

// ---- bad input -----------------------------------------------------------------------------------

test('create/update with a bad field, price, image or part is rejected and stores nothing', async (server) => {
  const member = await newMember(server);
  const item = await createTrade(server, member, trade(), [png(40)]);
  const tag = uniqueWord('bad');
  const withTag = (overrides) => trade({ title: tag, ...overrides });
  const without = (key) => {
    const data = withTag({});
    delete data[key];
    return data;
  };
  await unchanged(server, item.title, async () => {
    const bad = [
      withTag({ title: '' }),
      withTag({ title: '   ' }),
      withTag({ title: `${tag}${'가'.repeat(101)}` }),
      withTag({ content: '가'.repeat(5001) }),
      withTag({ address: '가'.repeat(101) }),
      withTag({ stuffStatus: '헌 것' }),
      withTag({ stuffStatus: 'used' }),
      withTag({ exchange: '' }),
      withTag({ exchange: '교환' }),
      withTag({ postStatus: '' }),
      withTag({ postStatus: '판매' }),
      withTag({ price: '1.5' }),
      withTag({ price: 1.5 }),
      withTag({ price: -1 }),
      withTag({ price: '-100' }),
      withTag({ price: 1000000001 }),
      withTag({ price: '99999999999999999999' }),
      withTag({ price: 'abc' }),
      withTag({ price: '15,000' }),
      withTag({ price: true }),
      withTag({ price: [15000] }),
      withTag({ price: null }),
      withTag({ title: { x: 1 } }),
      withTag({ content: ['x'] }),
      withTag({ postStatus: null }),
      ...['title', 'address', 'stuffStatus', 'exchange', 'price', 'content', 'postStatus'].map(without),
    ];
    for (const data of bad) {
      const what = JSON.stringify(data).slice(0, 120);
      const created = await call(server, 'POST', '/trade/create', { token: member.token, form: frontendForm(data, [png(41)]) });
      assert.equal(created.status, 400, `create ${what}: ${created.text}`);
      assertError(created, ERR.NOT_VALIDCONTENT);
      const updated = await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: frontendForm(data, [png(41)]) });
      assert.equal(updated.status, 400, `update ${what}: ${updated.text}`);
      assertError(updated, ERR.NOT_VALIDCONTENT);
    }
    const four = multipart(withTag({}), { imgUrl: [png(51), png(52), png(53), png(54)] });
    assertError(await call(server, 'POST', '/trade/create', { token: member.token, form: four }), ERR.NOT_VALIDCONTENT);
    const fourAgain = multipart(withTag({}), { imgUrl: [png(51), png(52), png(53), png(54)] });
    assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: fourAgain }), ERR.NOT_VALIDCONTENT);
    const fake = { bytes: Buffer.from('just text'), name: 'fake.png', type: 'image/png' };
    assertError(await call(server, 'POST', '/trade/create', { token: member.token, form: frontendForm(withTag({}), [png(61), fake]) }), ERR.WRONG_IMAGE_FORMAT);
    assertError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: frontendForm(withTag({}), [fake]) }), ERR.WRONG_IMAGE_FORMAT);
    const gif = { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), name: 'dog.gif', type: 'image/gif' };
    assertError(await call(server, 'POST', '/trade/create', { token: member.token, form: frontendForm(withTag({}), [gif]) }), ERR.WRONG_IMAGE_FORMAT);
    assertFrameworkError(await call(server, 'POST', '/trade/create', { token: member.token, form: multipart(undefined, { imgUrl: png(62) }) }), 400, '/trade/create');
    assertFrameworkError(await call(server, 'POST', '/trade/create', { token: member.token, form: multipart('not json') }), 400, '/trade/create');
    assertFrameworkError(await call(server, 'POST', '/trade/create', { token: member.token, form: multipart('[1,2]') }), 400, '/trade/create');
    assertFrameworkError(await call(server, 'POST', '/trade/create', { token: member.token, json: withTag({}) }), 415, '/trade/create');
    assertFrameworkError(await call(server, 'PATCH', `/trade/${item.tradeNo}`, { token: member.token, form: multipart(undefined) }), 400);
    assertError(await call(server, 'POST', '/trade/create', { form: frontendForm(withTag({})) }), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'POST', '/trade/create', { token: 'null', form: frontendForm(withTag({})) }), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'PATCH', '/trade/abc', { token: member.token, form: frontendForm(trade()) }), 400);
    assertError(await call(server, 'PATCH', '/trade/999999', { token: member.token, form: frontendForm(trade()) }), NOT_FOUND);
  });
  assert.deepEqual(await snapshot(server, tag), []);
  assert.equal((await detail(server, item.tradeNo)).tradeImgUrl.length, 1, 'the image survived every rejected update');
  // The limits themselves are fine: 100 Hangul syllables of title, 5000 of content, 100 of address, 3 images.
  const edge = trade({ title: `${'가'.repeat(89)}${uniqueWord('e')}`, content: '가'.repeat(5000), address: '가'.repeat(100), price: 1000000000 });
  const made = await createTrade(server, member, edge, [png(71), png(72), jpeg(73)]);
  const d = await detail(server, made.tradeNo);
  assert.deepEqual([d.content.length, d.address.length, d.tradeImgUrl.length, d.price], [5000, 100, 3, 1000000000]);
});

test('list, search and detail parameters: bad paging is NOT_VALIDCONTENT, missing or non-numeric a framework 400; no view counted', async (server) => {
  const member = await newMember(server);
  const item = await createTrade(server, member);
  await unchanged(server, item.title, async () => {
    for (const [pagenum, pagesize] of [[-1, 4], [0, 0], [0, -5], [0, 101], [1000001, 4], [0, 1000000000]]) {
      assertError(await call(server, 'GET', `/trade?pagenum=${pagenum}&pagesize=${pagesize}&sort=new`), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', searchPath({ pagenum, pagesize })), ERR.NOT_VALIDCONTENT);
    }
    for (const path of [
      '/trade?pagenum=x&pagesize=12&sort=new',
      '/trade?pagenum=0&pagesize=1.5&sort=new',
      '/trade?pagenum=99999999999999999999&pagesize=12&sort=new',
      '/trade?pagesize=12&sort=new',
      '/trade?pagenum=0&sort=new',
      '/trade?pagenum=0&pagesize=12',
      '/trade?page=0&size=4&sort=popular',
      '/trade/search?content&nick&address&postStatus&sort&pagenum=0&pagesize=4',
      '/trade/search?title&content&nick&address&sort&pagenum=0&pagesize=4',
      '/trade/search?title&content&nick&address&postStatus&pagenum=0&pagesize=4',
      '/trade/search?title&content&nick&address&postStatus&sort&pagenum=a&pagesize=4',
      '/trade/abc',
      '/trade/1.5',
      '/trade/-',
      '/trade/99999999999999999999',
    ]) {
      assertFrameworkError(await call(server, 'GET', path), 400, undefined);
    }
    assertError(await call(server, 'GET', '/trade/999999'), NOT_FOUND);
    assertError(await call(server, 'GET', '/trade/-1'), NOT_FOUND);
    const wrongMethod = await call(server, 'PUT', `/trade/${item.tradeNo}`, { token: member.token });
    assert.equal(wrongMethod.status, 405, wrongMethod.text);
  });
  assert.equal((await snapshot(server, item.title))[0].view, 0, 'rejected detail requests counted no view');
});

test.stops();
