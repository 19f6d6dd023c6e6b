// /community, /community/search, /community/{id}, comments under /community/review, /community/{id}/wish and
// /mypage/mypost/community: shapes, the email the delete icon needs, the author's dog, comments oldest first, views
// once per viewer and day, ownership, cascades (rows and stored files) and bad input (after every rejected
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
  decodeJwt,
  fetchImage,
  info,
  jpeg,
  multipart,
  newMember,
  png,
  uniqueWord,
} from '../lib/api.mjs';

const { test } = serverSuite();

const NOT_FOUND = { status: 404, code: 'NOT_FOUND', message: '해당 게시물을 찾을 수 없습니다.' };
const LIST_KEYS = ['breed', 'category', 'communityImg', 'communityNo', 'createdAt', 'email', 'image', 'modifiedAt', 'nick', 'reviewCount', 'title', 'view', 'wishCount'];

function post(overrides = {}) {
  return { category: '자유', title: `${uniqueWord('글')} 산책 후기`, content: '오늘 한강 산책을 했어요', ...overrides };
}

// GET /community/search; category undefined sends the valueless key, as the frontend does on other lists.
function searchPath({ category, title = '', content = '', nick = '', sort = '', pagenum = 0, pagesize = 100 } = {}) {
  const cat = category === undefined ? 'category' : `category=${encodeURIComponent(category)}`;
  return `/community/search?${cat}&title=${encodeURIComponent(title)}&content=${encodeURIComponent(content)}&nick=${encodeURIComponent(nick)}&sort=${sort}&pagenum=${pagenum}&pagesize=${pagesize}`;
}

async function list(server, path, token) {
  const res = await call(server, 'GET', path, { token });
  assert.equal(res.status, 200, `GET ${path}: ${res.text}`);
  assert.equal(res.body.message, '조회 성공');
  assert.ok(Array.isArray(res.body.data));
  return res.body.data;
}

// The post's list item as anonymous readers see it, without counting a view (search by its unique title).
async function snapshot(server, title, token) {
  return list(server, searchPath({ title }), token);
}

// Creates a post through POST /community/create as the frontend does and returns its list item.
async function createPost(server, member, data = post(), files = []) {
  const res = await call(server, 'POST', '/community/create', { token: member.token, form: multipart(data, files.length ? { imgUrl: files } : {}) });
  assertOkMessage(res, '커뮤니티 생성 완료');
  const found = await snapshot(server, data.title);
  assert.equal(found.length, 1, `created post "${data.title}" not listed exactly once`);
  return found[0];
}

async function detail(server, communityNo, { token, pagenum = 0, pagesize = 5 } = {}) {
  const res = await call(server, 'GET', `/community/${communityNo}?pagenum=${pagenum}&pagesize=${pagesize}`, { token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '조회성공');
  return res.body.data;
}

// POST /community/review/create/{id} with the raw comment text as the `data` part.
async function comment(server, member, communityNo, text) {
  const res = await call(server, 'POST', `/community/review/create/${communityNo}`, { token: member.token, form: multipart(text) });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '리뷰 생성 완료');
  return res.body.data;
}

async function addDog(server, member, breed, image) {
  const res = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart({ name: '초코', breed, gender: '암컷', weight: '5' }, image ? { image } : {}) });
  assert.equal(res.status, 200, res.text);
  return (await info(server, member.token)).dogs.at(-1);
}

// Runs `action` and checks that the post (list item and detail without a view) and the image store did not change.
const unchanged = (server, title, action) =>
  assertNothingChanged(server, () => snapshot(server, title), action, 'the post');

const rows = (server, table, where) => Number(server.scalar(`SELECT COUNT(*) FROM ${table} WHERE ${where}`));

// ---- create, list, detail --------------------------------------------------------------------------

test('POST /community/create stores the post and images; list item and detail have exactly the contract keys', async (server) => {
  const member = await newMember(server);
  const data = post({ category: '병원' });
  const files = server.storedFiles();
  const item = await createPost(server, member, data, [png(1), jpeg(2)]);
  assert.equal(server.storedFiles().length, files.length + 2);
  assert.deepEqual(Object.keys(item).sort(), LIST_KEYS);
  assert.deepEqual({ ...item, communityNo: 0, communityImg: '', createdAt: '', modifiedAt: '' }, {
    communityNo: 0, nick: member.nick, breed: null, email: member.email, image: null, title: data.title, category: '병원',
    view: 0, communityImg: '', reviewCount: 0, wishCount: 0, createdAt: '', modifiedAt: '',
  });
  assert.match(item.createdAt, KOREAN_DATE);
  assert.match(item.modifiedAt, KOREAN_DATE);

  const d = await detail(server, item.communityNo);
  assert.deepEqual(Object.keys(d).sort(), ['communityDetatilResponseDto', 'imgResponseDtoList', 'reviewList', 'reviewResponseDtos']);
  const sub = d.communityDetatilResponseDto;
  assert.deepEqual(Object.keys(sub).sort(), ['breed', 'category', 'communityNo', 'content', 'createdAt', 'image', 'modifiedAt', 'nick', 'title', 'view']);
  assert.deepEqual({ ...sub, createdAt: '', modifiedAt: '' }, {
    communityNo: item.communityNo, nick: member.nick, title: data.title, category: '병원', breed: null, image: null,
    content: data.content, view: 1, createdAt: '', modifiedAt: '',
  });
  // The detail page prints tokens 0, 1, 2, -2 and -1 of createdAt.split(" ").
  const tokens = sub.createdAt.split(' ');
  assert.equal(tokens.length, 6);
  assert.match(`${tokens[0]} ${tokens[1]} ${tokens[2]} ${tokens.at(-2)} ${tokens.at(-1)}`, /^\d{4}년 \d{2}월 \d{2}일 (오전|오후) \d{2}:\d{2}:\d{2}$/);
  assert.equal(d.imgResponseDtoList.length, 2);
  assert.deepEqual(Object.keys(d.imgResponseDtoList[0]), ['mapImgUrl']);
  assert.equal(d.imgResponseDtoList[0].mapImgUrl, item.communityImg, 'the list shows the first image');
  assert.equal((await fetchImage(d.imgResponseDtoList[0].mapImgUrl)).type, 'image/png');
  assert.equal((await fetchImage(d.imgResponseDtoList[1].mapImgUrl)).type, 'image/jpeg');
  assert.deepEqual(d.reviewResponseDtos, []);
  assert.deepEqual(d.reviewList, []);
});

test('email is the author\'s on every card, also for anonymous callers: the frontend compares it with its JWT sub', async (server) => {
  const author = await newMember(server);
  const item = await createPost(server, author);
  assert.equal((await snapshot(server, item.title))[0].email, author.email, 'the frontend lists anonymously');
  const me = decodeJwt(author.token).payload.sub;
  assert.equal((await snapshot(server, item.title))[0].email, me, 'so the delete icon shows on the author\'s card');
});

test('GET /community as the frontend pages it: newest first, pages of 5, end on a short page; trailing slash works', async (server) => {
  const member = await newMember(server);
  const made = [];
  for (let i = 0; i < 7; i++) made.push(await createPost(server, member, post({ title: `${uniqueWord('page')} ${i}` })));
  const newest = made.map((p) => p.communityNo).reverse();
  const page0 = await list(server, '/community?sort=new&pagenum=0&pagesize=5');
  assert.equal(page0.length, 5);
  assert.deepEqual(page0.map((p) => p.communityNo), newest.slice(0, 5));
  for (const p of page0) assert.deepEqual(Object.keys(p).sort(), LIST_KEYS);
  const page1 = await list(server, '/community/?sort=new&pagenum=1&pagesize=5');
  assert.deepEqual(page1.slice(0, 2).map((p) => p.communityNo), newest.slice(5));
  // Everything on the server, page after page, until a short page: each post once.
  const seen = [];
  for (let n = 0; ; n++) {
    const rows = await list(server, `/community?sort=new&pagenum=${n}&pagesize=5`);
    seen.push(...rows.map((p) => p.communityNo));
    if (rows.length < 5) break;
  }
  assert.equal(new Set(seen).size, seen.length);
  for (const id of newest) assert.ok(seen.includes(id));
  // The frontend's unreachable main-tab call uses page/size: a framework 400, as the original.
  assertFrameworkError(await call(server, 'GET', '/community?direction=dasc&page=0&size=4&sort=popular'), 400, '/community');
});

test('breed and image come from the author\'s first dog (image: first dog that has one); two dogs are fine', async (server) => {
  const author = await newMember(server);
  const noImage = await addDog(server, author, '푸들', null);
  assert.equal(noImage.image, null);
  const withImage = await addDog(server, author, '말티즈', png(5));
  await addDog(server, author, '진돗개', png(6));
  const item = await createPost(server, author);
  assert.equal(item.breed, '푸들');
  assert.equal(item.image, withImage.image);
  const sub = (await detail(server, item.communityNo)).communityDetatilResponseDto;
  assert.equal(sub.breed, '푸들');
  assert.equal(sub.image, withImage.image);
});

// ---- comments ---------------------------------------------------------------------------------------

test('comments: raw text in any content type, no dog needed, star 0; oldest first in pages; reviewList alias; counts follow', async (server) => {
  const author = await newMember(server);
  const withDog = await newMember(server);
  const dog = await addDog(server, withDog, '푸들', png(7));
  const noDog = await newMember(server);
  const item = await createPost(server, author);

  const a = await comment(server, noDog, item.communityNo, '첫 댓글입니다');
  assert.deepEqual(Object.keys(a).sort(), ['content', 'image', 'nick', 'reviewNo', 'star']);
  assert.deepEqual({ ...a, reviewNo: 0 }, { reviewNo: 0, nick: noDog.nick, content: '첫 댓글입니다', image: null, star: 0 });
  const b = await comment(server, withDog, item.communityNo, '  두 번째\t댓글  ');
  assert.deepEqual({ ...b, reviewNo: 0 }, { reviewNo: 0, nick: withDog.nick, content: '  두 번째\t댓글  ', image: dog.image, star: 0 });
  // A JSON Blob is just text here: the original bound `data` as a String whatever its type.
  const jsonText = JSON.stringify({ content: '제이슨' });
  const c = await comment(server, author, item.communityNo, new Blob([jsonText], { type: 'application/json;charset=UTF-8' }));
  assert.equal(c.content, jsonText);
  assert.ok(a.reviewNo < b.reviewNo && b.reviewNo < c.reviewNo);
  assert.equal((await snapshot(server, item.title))[0].reviewCount, 3);

  const first = await detail(server, item.communityNo, { pagesize: 2 });
  assert.deepEqual(first.reviewResponseDtos, [
    { reviewNo: a.reviewNo, nick: noDog.nick, content: '첫 댓글입니다', image: null },
    { reviewNo: b.reviewNo, nick: withDog.nick, content: '  두 번째\t댓글  ', image: dog.image },
  ], 'oldest first, one page');
  assert.deepEqual(first.reviewList, first.reviewResponseDtos.map(({ image, ...rest }) => ({ ...rest, imgUrl: image })));
  const second = await detail(server, item.communityNo, { pagenum: 1, pagesize: 2 });
  assert.deepEqual(second.reviewList.map((x) => x.reviewNo), [c.reviewNo]);
  assert.deepEqual((await detail(server, item.communityNo, { pagenum: 2, pagesize: 2 })).reviewList, []);

  const updated = await call(server, 'PATCH', `/community/review/${item.communityNo}/${b.reviewNo}`, { token: withDog.token, form: multipart('고친 댓글') });
  assert.equal(updated.status, 200, updated.text);
  assert.deepEqual(updated.body, { state: 200, data: { reviewNo: b.reviewNo, nick: withDog.nick, content: '고친 댓글', image: dog.image, star: 0 }, message: '수정 성공' });
  assert.equal((await detail(server, item.communityNo)).reviewList[1].content, '고친 댓글');

  assertOkMessage(await call(server, 'DELETE', `/community/review/${item.communityNo}/${a.reviewNo}`, { token: noDog.token }), '삭제 성공');
  assert.equal((await snapshot(server, item.title))[0].reviewCount, 2);
  assert.deepEqual((await detail(server, item.communityNo)).reviewList.map((x) => x.reviewNo), [b.reviewNo, c.reviewNo]);
});

test('comments: bad text, wrong post, comment or author are rejected with the contract\'s envelopes; nothing changes', async (server) => {
  const author = await newMember(server);
  const commenter = await newMember(server);
  const stranger = await newMember(server);
  const item = await createPost(server, author);
  const other = await createPost(server, author);
  const c = await comment(server, commenter, item.communityNo, '원래 댓글');
  const invalidUtf8 = new Blob([Buffer.from([0x61, 0xff, 0xfe, 0x62])], { type: 'text/plain' });
  await unchanged(server, item.title, async () => {
    for (const text of ['', '   ', '\n\t', '가'.repeat(1001), 'x'.repeat(3001)]) {
      assertError(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { token: commenter.token, form: multipart(text) }), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'PATCH', `/community/review/${item.communityNo}/${c.reviewNo}`, { token: commenter.token, form: multipart(text) }), ERR.NOT_VALIDCONTENT);
    }
    // Text the platform refuses at the edge (docs/architecture.md) is a framework 400.
    assertFrameworkError(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { token: commenter.token, form: multipart(invalidUtf8) }), 400);
    assertFrameworkError(await call(server, 'PATCH', `/community/review/${item.communityNo}/${c.reviewNo}`, { token: commenter.token, form: multipart(invalidUtf8) }), 400);
    assertError(await call(server, 'POST', '/community/review/create/999999', { token: commenter.token, form: multipart('댓글') }), NOT_FOUND);
    assertError(await call(server, 'PATCH', `/community/review/${item.communityNo}/${c.reviewNo}`, { token: stranger.token, form: multipart('남의 댓글') }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/community/review/${item.communityNo}/${c.reviewNo}`, { token: stranger.token }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/community/review/${item.communityNo}/${c.reviewNo}`, { token: author.token }), ERR.MAP_WRONG_ACCESS, 'the post author is not the comment author');
    assertError(await call(server, 'PATCH', `/community/review/${other.communityNo}/${c.reviewNo}`, { token: commenter.token, form: multipart('x') }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/community/review/${other.communityNo}/${c.reviewNo}`, { token: commenter.token }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/community/review/999999/${c.reviewNo}`, { token: commenter.token }), NOT_FOUND);
    assertError(await call(server, 'DELETE', `/community/review/${item.communityNo}/999999`, { token: commenter.token }), NOT_FOUND);
    assertError(await call(server, 'PATCH', `/community/review/${item.communityNo}/999999`, { token: commenter.token, form: multipart('x') }), NOT_FOUND);
    assertError(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { form: multipart('익명') }), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'PATCH', `/community/review/${item.communityNo}/${c.reviewNo}`, { form: multipart('익명') }), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'DELETE', `/community/review/${item.communityNo}/${c.reviewNo}`), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { token: commenter.token, form: multipart(undefined, { imgUrl: png(1) }) }), 400);
    assertFrameworkError(await call(server, 'POST', `/community/review/create/${item.communityNo}`, { token: commenter.token, json: { data: '댓글' } }), 415);
    assertFrameworkError(await call(server, 'POST', '/community/review/create/abc', { token: commenter.token, form: multipart('x') }), 400);
    assertFrameworkError(await call(server, 'DELETE', `/community/review/${item.communityNo}/abc`, { token: commenter.token }), 400);
    assertFrameworkError(await call(server, 'PATCH', `/community/review/x/${c.reviewNo}`, { token: commenter.token, form: multipart('x') }), 400);
  });
  const d = await detail(server, item.communityNo);
  assert.deepEqual(d.reviewList.map((x) => [x.reviewNo, x.content]), [[c.reviewNo, '원래 댓글']]);
  const longest = await comment(server, commenter, item.communityNo, '가'.repeat(1000));
  assert.equal(longest.content.length, 1000, '1000 syllables are fine');
});

// ---- filters, sort, paging, views -------------------------------------------------------------------

test('search: title and content substrings case-insensitively with % _ ! literal; category and nick exact; ANDed', async (server) => {
  const alice = await newMember(server);
  const bob = await newMember(server);
  const tag = uniqueWord('Tag');
  const a = await createPost(server, alice, post({ title: `${tag} Alpha 100%`, content: `본문 ${tag} HAPPY`, category: '장터' }));
  const b = await createPost(server, bob, post({ title: `${tag} beta_x`, content: `other ${tag}`, category: '호텔' }));
  const c = await createPost(server, bob, post({ title: `${tag} 없음`, content: 'plain', category: '' }));
  const ids = (found) => found.map((p) => p.communityNo);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag }))), [c.communityNo, b.communityNo, a.communityNo], 'no sort: newest id first; valueless category = all');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, category: '' }))), [c.communityNo, b.communityNo, a.communityNo], 'empty category = all');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag.toUpperCase() }))), [c.communityNo, b.communityNo, a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} ALPHA` }))), [a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, content: 'happy' }))), [a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ content: `${tag} happy` }))), [a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, category: '호텔' }))), [b.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, category: '병원' }))), []);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, category: '카페' }))), [], 'unknown category: no rows');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, nick: bob.nick }))), [c.communityNo, b.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, nick: bob.nick.slice(0, -1) }))), [], 'nick is exact');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} Alpha 100%` }))), [a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag}%beta` }))), [], '% is literal');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} _lpha` }))), [], '_ is literal');
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag} beta_x` }))), [b.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: `${tag}!` }))), [], 'the escape character is literal too');
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, content: 'happy', nick: alice.nick, category: '장터' }))), [a.communityNo]);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, content: 'happy', nick: bob.nick }))), [], 'filters are ANDed');
});

test('sort=new, sort=popular and no sort order as the contract says; views count once per member per day and once per client', async (server) => {
  const member = await newMember(server);
  const viewer = await newMember(server);
  const tag = uniqueWord('sort');
  const made = [];
  for (let i = 0; i < 4; i++) made.push(await createPost(server, member, post({ title: `${tag} ${i}` })));
  const ids = (found) => found.map((p) => p.communityNo);
  const newest = made.map((p) => p.communityNo).reverse();
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, sort: 'new' }))), newest);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, sort: 'whatever' }))), newest);
  assert.deepEqual(ids(await list(server, searchPath({ title: tag, pagesize: 3, pagenum: 1 }))), newest.slice(3));

  const target = made[1].communityNo;
  assert.equal((await detail(server, target, { token: member.token })).communityDetatilResponseDto.view, 1);
  assert.equal((await detail(server, target, { token: member.token })).communityDetatilResponseDto.view, 1, 'same member again: no count');
  assert.equal((await detail(server, target, { token: viewer.token })).communityDetatilResponseDto.view, 2, 'another member: +1');
  assert.equal((await detail(server, target)).communityDetatilResponseDto.view, 3, 'anonymous from 127.0.0.1: +1');
  assert.equal((await detail(server, target, { token: 'null' })).communityDetatilResponseDto.view, 3, '"Bearer null" is the same anonymous client');
  await detail(server, made[3].communityNo, { token: viewer.token });
  const popular = await list(server, searchPath({ title: tag, sort: 'popular' }));
  assert.deepEqual(ids(popular), [made[1].communityNo, made[3].communityNo, made[2].communityNo, made[0].communityNo]);
  assert.deepEqual(popular.map((p) => p.view), [3, 1, 0, 0]);
});

test('paging parameters: bad values are NOT_VALIDCONTENT, missing or non-numeric a framework 400; unknown post 404; no view counted', async (server) => {
  const member = await newMember(server);
  const item = await createPost(server, member);
  await unchanged(server, item.title, async () => {
    for (const [pagenum, pagesize] of [[-1, 5], [0, 0], [0, -5], [0, 101], [1000001, 5], [0, 1000000000]]) {
      assertError(await call(server, 'GET', `/community?sort=new&pagenum=${pagenum}&pagesize=${pagesize}`), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', searchPath({ title: item.title, pagenum, pagesize })), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'GET', `/community/${item.communityNo}?pagenum=${pagenum}&pagesize=${pagesize}`), ERR.NOT_VALIDCONTENT);
    }
    for (const path of [
      '/community?sort=new&pagenum=x&pagesize=5',
      '/community?sort=new&pagenum=99999999999999999999&pagesize=5',
      '/community?pagenum=0&pagesize=5',
      '/community?sort=new&pagesize=5',
      '/community/search?title=&content=&nick=&sort=&pagenum=0&pagesize=5',
      '/community/search?category&content=&nick=&sort=&pagenum=0&pagesize=5',
      `/community/${item.communityNo}?pagenum=0`,
      `/community/${item.communityNo}`,
      '/community/abc?pagenum=0&pagesize=5',
      '/community/1.5?pagenum=0&pagesize=5',
    ]) {
      assertFrameworkError(await call(server, 'GET', path), 400);
    }
    assertError(await call(server, 'GET', '/community/999999?pagenum=0&pagesize=5'), NOT_FOUND);
  });
  assert.equal((await snapshot(server, item.title))[0].view, 0, 'rejected detail requests counted no view');
});

// ---- update and delete ------------------------------------------------------------------------------

test('PATCH keeps the images without new files and replaces them (old files deleted) with new ones', async (server) => {
  const member = await newMember(server);
  const item = await createPost(server, member, post(), [png(21), png(22)]);
  const before = server.storedFiles();
  const oldUrls = (await detail(server, item.communityNo)).imgResponseDtoList.map((i) => i.mapImgUrl);
  const edited = post({ title: uniqueWord('수정'), category: '장터', content: '바뀐 내용' });
  assertOkMessage(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form: multipart(edited) }), '수정 성공');
  let d = await detail(server, item.communityNo);
  assert.deepEqual(d.imgResponseDtoList.map((i) => i.mapImgUrl), oldUrls, 'images kept');
  assert.deepEqual(server.storedFiles(), before);
  const sub = d.communityDetatilResponseDto;
  assert.deepEqual([sub.title, sub.category, sub.content], [edited.title, '장터', edited.content]);
  const listed = (await snapshot(server, edited.title))[0];
  assert.deepEqual([listed.communityNo, listed.category, listed.communityImg], [item.communityNo, '장터', oldUrls[0]]);

  const form = multipart(edited, { imgUrl: [jpeg(23)] });
  form.append('imgUrl', 'undefined'); // a text part, as the frontend appends for missing images elsewhere: ignored
  assertOkMessage(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form }), '수정 성공');
  d = await detail(server, item.communityNo);
  assert.equal(d.imgResponseDtoList.length, 1);
  assert.equal((await fetchImage(d.imgResponseDtoList[0].mapImgUrl)).type, 'image/jpeg');
  for (const url of oldUrls) assert.equal((await fetchImage(url)).status, 404, 'old image deleted');
  assert.equal(server.storedFiles().length, before.length - 1);
  assert.equal((await snapshot(server, edited.title))[0].communityImg, d.imgResponseDtoList[0].mapImgUrl);
});

test('DELETE cascades comments, wishes, views, image rows and files; only the author may update or delete', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const files = server.storedFiles();
  const item = await createPost(server, author, post(), [png(31), jpeg(32)]);
  const id = item.communityNo;
  await comment(server, other, id, '댓글');
  await comment(server, author, id, '작성자 댓글');
  assert.equal((await call(server, 'POST', `/community/${id}/wish`, { token: other.token })).status, 200);
  await detail(server, id, { token: other.token });
  assert.deepEqual((await snapshot(server, item.title))[0].wishCount, 1);

  await unchanged(server, item.title, async () => {
    assertError(await call(server, 'PATCH', `/community/${id}`, { token: other.token, form: multipart(post(), { imgUrl: png(33) }) }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/community/${id}`, { token: other.token }), ERR.MAP_WRONG_ACCESS);
    assertError(await call(server, 'DELETE', `/community/${id}`), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'PATCH', `/community/${id}`, { form: multipart(post()) }), ERR.INVAILID_TOKEN);
    // The frontend's update thunk sends no body at all.
    assertFrameworkError(await call(server, 'PATCH', `/community/${id}`, { token: author.token }), 415, `/community/${id}`);
  });
  const where = `community_no = ${id}`;
  for (const table of ['community_review', 'wish', 'community_view', 'community_img']) assert.ok(rows(server, table, where) > 0, table);

  assertOkMessage(await call(server, 'DELETE', `/community/${id}`, { token: author.token }), '삭제 성공');
  assert.deepEqual(server.storedFiles(), files, 'stored images deleted with the post');
  for (const table of ['community', 'community_review', 'wish', 'community_view', 'community_img']) assert.equal(rows(server, table, where), 0, `no ${table} row left`);
  assert.deepEqual(await snapshot(server, item.title), []);
  assertError(await call(server, 'GET', `/community/${id}?pagenum=0&pagesize=5`), NOT_FOUND);
  assertError(await call(server, 'DELETE', `/community/${id}`, { token: author.token }), NOT_FOUND);
  assertError(await call(server, 'PATCH', `/community/${id}`, { token: author.token, form: multipart(post()) }), NOT_FOUND);
  assertError(await call(server, 'POST', `/community/${id}/wish`, { token: other.token }), NOT_FOUND);
  assertError(await call(server, 'POST', `/community/review/create/${id}`, { token: other.token, form: multipart('늦은 댓글') }), NOT_FOUND);
});

// ---- wishes -------------------------------------------------------------------------------------------

test('POST /community/{comNo}/wish toggles: add (ids null), remove (comNo set); wishCount follows; place wishes unaffected', async (server) => {
  const author = await newMember(server);
  const fan = await newMember(server);
  const item = await createPost(server, author);
  let res = await call(server, 'POST', `/community/${item.communityNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: null, comNo: null, tradeNo: null }, message: '좋아요가 추가되었습니다.' });
  await call(server, 'POST', `/community/${item.communityNo}/wish`, { token: author.token });
  assert.equal((await snapshot(server, item.title))[0].wishCount, 2);

  // The same member likes a place too: both wishes live side by side in the one table.
  const placeTitle = uniqueWord('병원');
  assertOkMessage(await call(server, 'POST', '/hospital/create', { token: author.token, form: multipart({ title: placeTitle, category: 'hospital', content: '', address: '서울 강남구, 1층' }) }), '생성 완료');
  const places = await list(server, `/hospital/search?title=${placeTitle}&content=&nick=&address=&pagenum=0&pagesize=4&sort=`);
  const mapNo = places[0].mapNo;
  res = await call(server, 'POST', `/map/${mapNo}/wish`, { token: fan.token });
  assert.equal(res.body.message, '좋아요가 추가되었습니다.');

  res = await call(server, 'POST', `/community/${item.communityNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo: null, comNo: item.communityNo, tradeNo: null }, message: '좋아요가 삭제되었습니다.' });
  assert.equal((await snapshot(server, item.title))[0].wishCount, 1);
  res = await call(server, 'POST', `/map/${mapNo}/wish`, { token: fan.token });
  assert.deepEqual(res.body, { state: 200, data: { mapNo, comNo: null, tradeNo: null }, message: '좋아요가 삭제되었습니다.' });
  assertError(await call(server, 'POST', `/community/${item.communityNo}/wish`), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'POST', '/community/999999/wish', { token: fan.token }), NOT_FOUND);
  assertFrameworkError(await call(server, 'POST', '/community/x/wish', { token: fan.token }), 400);
});

// ---- bad input ----------------------------------------------------------------------------------------

test('create/update with bad content, category, types, images or parts is rejected and stores nothing', async (server) => {
  const member = await newMember(server);
  const item = await createPost(server, member);
  const tag = uniqueWord('bad');
  await unchanged(server, item.title, async () => {
    const bad = [
      post({ title: tag, category: '카페' }),
      post({ title: tag, category: 'free' }),
      post({ title: tag, category: ['자유'] }),
      post({ title: '' }),
      post({ title: '   ' }),
      post({ title: `${tag}${'가'.repeat(101)}` }),
      post({ title: tag, content: '가'.repeat(5001) }),
      post({ title: tag, content: { text: '객체' } }),
      { ...post({ title: tag }), title: { x: 1 } },
    ];
    for (const data of bad) {
      assertError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(data, { imgUrl: png(41) }) }), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form: multipart(data, { imgUrl: png(41) }) }), ERR.NOT_VALIDCONTENT);
    }
    // Text the platform refuses at the edge (docs/architecture.md) is a framework 400.
    assertFrameworkError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title: `${tag}\u0000` }), { imgUrl: png(41) }) }), 400);
    assertFrameworkError(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form: multipart(post({ title: `${tag}\u0000` }), { imgUrl: png(41) }) }), 400);
    const eleven = Array.from({ length: 11 }, (_, i) => png(50 + i));
    assertError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title: tag }), { imgUrl: eleven }) }), ERR.NOT_VALIDCONTENT);
    assertError(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form: multipart(post({ title: tag }), { imgUrl: eleven }) }), ERR.NOT_VALIDCONTENT);
    const fake = { bytes: Buffer.from('just text'), name: 'fake.png', type: 'image/png' };
    assertError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(post({ title: tag }), { imgUrl: [png(61), fake] }) }), ERR.WRONG_IMAGE_FORMAT);
    assertError(await call(server, 'PATCH', `/community/${item.communityNo}`, { token: member.token, form: multipart(post({ title: tag }), { imgUrl: [fake] }) }), ERR.WRONG_IMAGE_FORMAT);
    assertFrameworkError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart(undefined, { imgUrl: png(62) }) }), 400, '/community/create');
    assertFrameworkError(await call(server, 'POST', '/community/create', { token: member.token, form: multipart('not json') }), 400, '/community/create');
    assertFrameworkError(await call(server, 'POST', '/community/create', { token: member.token, json: post({ title: tag }) }), 415, '/community/create');
    assertError(await call(server, 'POST', '/community/create', { form: multipart(post({ title: tag })) }), ERR.INVAILID_TOKEN);
    assertError(await call(server, 'POST', '/community/create', { token: 'null', form: multipart(post({ title: tag })) }), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'PATCH', '/community/abc', { token: member.token, form: multipart(post()) }), 400);
    assertError(await call(server, 'PATCH', '/community/999999', { token: member.token, form: multipart(post()) }), NOT_FOUND);
    assertFrameworkError(await call(server, 'DELETE', '/community/abc', { token: member.token }), 400);
  });
  assert.deepEqual(await snapshot(server, tag), []);
  // The limits themselves are accepted: no category, empty content, 100-syllable title, 5000-syllable content,
  // ten images, and a number where a string is expected (Jackson's coercion).
  const edge = await createPost(server, member, post({ category: '', title: `${tag}${'가'.repeat(90)}`, content: '가'.repeat(5000) }), Array.from({ length: 10 }, (_, i) => png(70 + i)));
  assert.equal(edge.category, '');
  assert.equal((await detail(server, edge.communityNo)).imgResponseDtoList.length, 10);
  const empty = await createPost(server, member, { title: uniqueWord('내용없음'), category: '자유' });
  assert.equal((await detail(server, empty.communityNo)).communityDetatilResponseDto.content, '', 'a missing content is empty');
  const number = 1e9 + Math.floor(Math.random() * 1e9);
  assertOkMessage(await call(server, 'POST', '/community/create', { token: member.token, form: multipart({ category: '자유', title: number, content: 678 }) }), '커뮤니티 생성 완료');
  const coerced = await list(server, searchPath({ title: String(number), content: '678' }));
  assert.equal(coerced.length, 1);
  assert.equal(coerced[0].title, String(number));
});

// ---- my page ----------------------------------------------------------------------------------------

test('GET /mypage/mypost/community lists the caller\'s posts newest first in the original shape, image-less ones too', async (server) => {
  const me = await newMember(server);
  const other = await newMember(server);
  const res0 = await call(server, 'GET', '/mypage/mypost/community', { token: me.token });
  assert.deepEqual(res0.body, { state: 200, data: [], message: '조회 성공' });
  const withImages = await createPost(server, me, post(), [png(81), png(82)]);
  await createPost(server, other, post());
  const bare = await createPost(server, me, post({ category: '호텔' }));
  await comment(server, other, bare.communityNo, '댓글');
  await detail(server, bare.communityNo, { token: other.token });

  const res = await call(server, 'GET', '/mypage/mypost/community', { token: me.token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '조회 성공');
  const posts = res.body.data;
  assert.deepEqual(posts.map((p) => p.communityNo), [bare.communityNo, withImages.communityNo]);
  for (const p of posts) assert.deepEqual(Object.keys(p).sort(), LIST_KEYS);
  assert.deepEqual({ ...posts[0], createdAt: '', modifiedAt: '' }, {
    communityNo: bare.communityNo, nick: me.nick, breed: null, email: null, image: null, title: bare.title,
    category: null, view: 1, communityImg: null, reviewCount: null, wishCount: null, createdAt: '', modifiedAt: '',
  });
  assert.equal(posts[1].communityImg, withImages.communityImg);
  assert.match(posts[1].createdAt, KOREAN_DATE);
  assertError(await call(server, 'GET', '/mypage/mypost/community'), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'GET', '/mypage/mypost/community', { token: 'null' }), ERR.INVAILID_TOKEN);
});

test.stops();
