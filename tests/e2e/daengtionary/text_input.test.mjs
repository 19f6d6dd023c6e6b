// Text with NUL and other control characters, sent the way the frontend sends text (query strings, JSON
// bodies, JSON `data` Blobs and text parts): refused with the framework 400 on both databases, nothing
// stored and no image left behind; Korean, emoji, tabs and line breaks still stored unchanged.
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import {
  PASSWORD,
  assertFrameworkError,
  assertNothingChanged,
  assertOkMessage,
  call,
  info,
  jsonBlob,
  login,
  multipart,
  newMember,
  png,
  uniqueEmail,
  uniqueNick,
  uniqueWord,
} from '../lib/api.mjs';

const { test } = serverSuite();

const NUL = '\u0000';
// Every kind of refused character: NUL, another C0 control, DEL and a C1 control (NEL).
const CONTROLS = [NUL, '\u0007', '\u007f', '\u0085'];
// What must still pass: Hangul, an emoji outside the BMP, a tab, line breaks.
const ORDINARY = '댕댕이와 산책 🐶🐾\t탭\n둘째 줄\r\n셋째 줄';

const refused = (res) => assertFrameworkError(res, 400);

// The frontend's list and search calls, with `filter` percent-encoded into one parameter.
const searches = (filter) => {
  const v = encodeURIComponent(filter);
  return [
    `/hospital/search?title=${v}&content=&nick=&address=&pagenum=0&pagesize=4&sort=popular`,
    `/community/search?category&title=&content=${v}&nick=&sort=&pagenum=0&pagesize=100`,
    `/trade/search?title&content&nick&address=${v}&postStatus&sort&pagenum=0&pagesize=100`,
    `/friend/?category&address&content&title=${v}&pagenum=0&pagesize=6`,
    `/friend?category&address&content&title=${v}&pagenum=0&pagesize=6`,
    `/query?category=${v}&title=&content=&nick=&address=&pagenum=0&pagesize=100&sort=`,
    `/member/checknick?nick=${v}`,
  ];
};

async function listed(server, path) {
  const res = await call(server, 'GET', path);
  assert.equal(res.status, 200, `GET ${path}: ${res.text}`);
  return res.body.data;
}

const placeList = (server, title) =>
  listed(server, `/query?category&title=${encodeURIComponent(title)}&content=&nick=&address=&pagenum=0&pagesize=100&sort=`);
const tradeList = (server, title) =>
  listed(server, `/trade/search?title=${encodeURIComponent(title)}&content&nick&address&postStatus&sort&pagenum=0&pagesize=100`);
const friendList = (server, title) =>
  listed(server, `/friend/?category&address&content&title=${encodeURIComponent(title)}&pagenum=0&pagesize=6`);
const communityList = (server, title) =>
  listed(server, `/community/search?category&title=${encodeURIComponent(title)}&content=&nick=&sort=&pagenum=0&pagesize=100`);

const place = (overrides = {}) => ({ title: uniqueWord('병원'), category: 'hospital', content: '친절한 병원', address: '서울 강남구', ...overrides });
const trade = (overrides = {}) => ({
  title: uniqueWord('유모차'), address: '전국', stuffStatus: '중고', exchange: '교환불가', price: '15000', content: '없음', postStatus: '판매중', ...overrides,
});
const matching = (overrides = {}) => ({ title: uniqueWord('산책'), address: '서울 마포구', content: '같이 걸어요', category: '산책', maxCount: '3', ...overrides });
const post = (overrides = {}) => ({ category: '자유', title: uniqueWord('글'), content: '산책 후기', ...overrides });
const DOG = { name: '초코', breed: '푸들', gender: '암컷', weight: '5' };

// FormData as postingTrade and postingMatching build it: `data` as a JSON Blob, three `imgUrl` parts with
// the text "undefined" for each image not chosen.
function threeImageForm(data, files = []) {
  const fd = new FormData();
  fd.append('data', jsonBlob(data));
  for (let i = 0; i < 3; i++) {
    const file = files[i];
    if (file) fd.append('imgUrl', new Blob([file.bytes], { type: file.type }), file.name);
    else fd.append('imgUrl', 'undefined');
  }
  return fd;
}

// ---- query parameters ------------------------------------------------------------------------------

test('a %00 in every search filter and in checknick answers the framework 400, never 500 or every row', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('검색');
  const res = await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(place({ title })) });
  assertOkMessage(res, '생성 완료');
  await assertNothingChanged(server, () => placeList(server, title), async () => {
    for (const filter of [NUL, `${NUL}abc`, `a${NUL}`]) {
      for (const path of searches(filter)) refused(await call(server, 'GET', path));
    }
  }, 'the place list');
});

test('other control characters and invalid UTF-8 in a query parameter, key or path answer the framework 400', async (server) => {
  for (const control of CONTROLS.slice(1)) {
    for (const path of searches(`산책${control}`)) refused(await call(server, 'GET', path));
  }
  for (const raw of ['%FF', '%C0%AF', '%ED%A0%80', '%EB%8C']) {
    refused(await call(server, 'GET', `/member/checknick?nick=${raw}`));
  }
  refused(await call(server, 'GET', '/member/checknick?nick=ok&%00=1'));
  refused(await call(server, 'GET', '/community/%00?pagenum=0&pagesize=5'));
});

// ---- JSON bodies -----------------------------------------------------------------------------------

test('POST /member/login and /member/signup with a control character in a field answer the framework 400 and store no member', async (server) => {
  const member = await newMember(server);
  for (const control of CONTROLS) {
    refused(await login(server, `${member.email}${control}`));
    refused(await login(server, `${control}${member.email}`, PASSWORD));
    refused(await call(server, 'POST', '/member/login', { json: { email: member.email, password: `${PASSWORD}${control}` } }));
    const email = uniqueEmail();
    refused(await call(server, 'POST', '/member/signup', { json: { email, password: PASSWORD, nick: `${uniqueNick()}${control}`, role: 'USER', adminCode: '' } }));
    assert.equal((await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email)}`)).status, 200, `${email} was stored`);
  }
  assert.equal((await login(server, member.email)).status, 200, 'the member still logs in');
});

test('PATCH /mypage/nick with NUL answers the framework 400 and keeps the nick', async (server) => {
  const member = await newMember(server);
  const read = async () => (await call(server, 'GET', '/mypage/info', { token: member.token })).body;
  await assertNothingChanged(server, read, async () => {
    for (const control of CONTROLS) refused(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: { nick: `닉${control}` } }));
  }, 'GET /mypage/info');
});

// ---- multipart: JSON `data` Blobs and text parts (refused before any image is stored) ----------------

test('POST /mypage/dogs with a control character in the dog name answers the framework 400, stores no dog and no image', async (server) => {
  const member = await newMember(server);
  const read = async () => (await call(server, 'GET', '/mypage/info', { token: member.token })).body;
  await assertNothingChanged(server, read, async () => {
    for (const control of CONTROLS) {
      refused(await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart({ ...DOG, name: `초${control}코` }, { image: png(7) }) }));
    }
  }, 'GET /mypage/info');
  assert.deepEqual((await info(server, member.token)).dogs, []);
});

test('POST /hospital/create with a control character in the title answers the framework 400, stores no place and no image', async (server) => {
  const member = await newMember(server);
  const word = uniqueWord('병원');
  await assertNothingChanged(server, () => placeList(server, word), async () => {
    for (const control of CONTROLS) {
      const data = place({ title: `${word}${control}` });
      refused(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(data, { imgUrl: [png(1), png(2)] }) }));
    }
  }, 'the place list');
  assert.deepEqual(await placeList(server, word), []);
  assert.equal(Number(server.scalar(`SELECT COUNT(*) FROM map WHERE title LIKE '${word}%'`)), 0);
});

test('POST /hospital/review/create with NUL in the content answers the framework 400 and stores no review', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('병원');
  assertOkMessage(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(place({ title })) }), '생성 완료');
  const [item] = await placeList(server, title);
  const read = async () => (await call(server, 'GET', `/hospital/${item.mapNo}?pagenum=0&pagesize=5`)).body.data.mapReviewList;
  await assertNothingChanged(server, read, async () => {
    for (const control of CONTROLS) {
      refused(await call(server, 'POST', `/hospital/review/create/${item.mapNo}`, { token: member.token, form: multipart({ content: `좋아요${control}`, star: 5 }) }));
    }
  }, 'the reviews');
});

test('POST /trade/create with NUL in the content answers the framework 400, stores no trade and no image', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('유모차');
  await assertNothingChanged(server, () => tradeList(server, title), async () => {
    for (const control of CONTROLS) {
      refused(await call(server, 'POST', '/trade/create', { token: member.token, form: threeImageForm(trade({ title, content: `없음${control}` }), [png(3)]) }));
    }
  }, 'the trade list');
  assert.deepEqual(await tradeList(server, title), []);
});

test('POST /friend/create with NUL in the address answers the framework 400, stores no matching and no image', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('산책');
  await assertNothingChanged(server, () => friendList(server, title), async () => {
    for (const control of CONTROLS) {
      refused(await call(server, 'POST', '/friend/create', { token: member.token, form: threeImageForm(matching({ title, address: `서울${control}` }), [png(4), png(5)]) }));
    }
  }, 'the matching list');
  assert.deepEqual(await friendList(server, title), []);
});

test('POST /community/create with a control character answers the framework 400; a comment text part with NUL too', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('글');
  await assertNothingChanged(server, () => communityList(server, title), async () => {
    for (const control of CONTROLS) {
      refused(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title, content: `후기${control}` }), { imgUrl: [png(6)] }) }));
    }
  }, 'the community list');
  assertOkMessage(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title })) }), '커뮤니티 생성 완료');
  const [item] = await communityList(server, title);
  const read = async () => (await call(server, 'GET', `/community/${item.communityNo}?pagenum=0&pagesize=5`, { token: member.token })).body.data;
  await assertNothingChanged(server, read, async () => {
    for (const control of CONTROLS) {
      // The frontend sends the comment as the raw text of the `data` part, not as JSON.
      refused(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { token: member.token, form: multipart(`댓글${control}`) }));
    }
  }, 'the post and its comments');
});

// ---- what must still pass --------------------------------------------------------------------------

test('Korean, emoji, tabs and line breaks are accepted everywhere and stored unchanged', async (server) => {
  const member = await newMember(server);

  const placeTitle = `${uniqueWord('병원')} 🐶`;
  assertOkMessage(await call(server, 'POST', '/hospital/create', { token: member.token, form: multipart(place({ title: placeTitle, content: ORDINARY }), { imgUrl: [png(8)] }) }), '생성 완료');
  const [placeItem] = await placeList(server, placeTitle);
  assert.ok(placeItem, 'a search by a title with an emoji finds the place');
  const placeDetail = (await call(server, 'GET', `/hospital/${placeItem.mapNo}?pagenum=0&pagesize=5`)).body.data;
  assert.equal(placeDetail.mapDetailSubResponseDto.content, ORDINARY);
  const reviewed = await call(server, 'POST', `/hospital/review/create/${placeItem.mapNo}`, { token: member.token, form: multipart({ content: ORDINARY, star: 5 }) });
  assert.equal(reviewed.status, 200, reviewed.text);

  const tradeTitle = uniqueWord('유모차');
  assertOkMessage(await call(server, 'POST', '/trade/create', { token: member.token, form: threeImageForm(trade({ title: tradeTitle, content: ORDINARY })) }), '생성 완료');
  const [tradeItem] = await tradeList(server, tradeTitle);
  assert.equal((await call(server, 'GET', `/trade/${tradeItem.tradeNo}`)).body.data.content, ORDINARY);

  const friendTitle = uniqueWord('산책');
  assertOkMessage(await call(server, 'POST', '/friend/create', { token: member.token, form: threeImageForm(matching({ title: friendTitle, content: ORDINARY, address: '서울 🐾 망원동\t1층' })) }), '생성 완료');
  const [friendItem] = await friendList(server, friendTitle);
  const friendDetail = (await call(server, 'GET', `/friend/${friendItem.friendNo}`)).body.data;
  assert.equal(friendDetail.content, ORDINARY);
  assert.equal(friendDetail.address, '서울 🐾 망원동\t1층');

  const postTitle = uniqueWord('글');
  assertOkMessage(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title: postTitle, content: ORDINARY })) }), '커뮤니티 생성 완료');
  const [postItem] = await communityList(server, postTitle);
  const commented = await call(server, 'POST', `/community/review/create/${postItem.communityNo}`, { token: member.token, form: multipart(ORDINARY) });
  assert.equal(commented.status, 200, commented.text);
  const postDetail = (await call(server, 'GET', `/community/${postItem.communityNo}?pagenum=0&pagesize=5`, { token: member.token })).body.data;
  assert.ok(JSON.stringify(postDetail).includes(JSON.stringify(ORDINARY)), `the post and comment keep ${JSON.stringify(ORDINARY)}`);

  const found = await listed(server, `/community/search?category&title=&content=${encodeURIComponent('🐶🐾\t탭\n둘째')}&nick=&sort=&pagenum=0&pagesize=100`);
  assert.ok(found.some((p) => p.communityNo === postItem.communityNo), 'a search by emoji, tab and line break finds the post');
});

test.stops();
