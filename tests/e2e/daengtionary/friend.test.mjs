// /friend ("댕매칭") as the frontend calls it: create with its group chat room, the list exactly as the
// frontend asks for it (trailing slash, valueless keys), the detail without the author's email, joins once per
// member and never past maxCount (also concurrently), status following maxCount on update, ownership, cascading
// delete that keeps the chat room, and bad input (after every refused request nothing changed).
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
  png,
  uniqueWord,
} from '../lib/api.mjs';

const { test } = serverSuite();

const MAP_NOT_FOUND = { status: 404, code: 'NOT_FOUND', message: '해당 게시물을 찾을 수 없습니다.' };
const FRIEND_IS_NOT_MEMBER = { status: 400, code: 'BAD_REQUEST', message: '본인은 참가할수 없습니다.' };
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const LIST_KEYS = ['address', 'category', 'content', 'count', 'createdAt', 'friendNo', 'image', 'maxCount', 'modifiedAt', 'status', 'title'];

// The `data` the frontend's postingMatching sends (maxCount typed as text).
function matching(overrides = {}) {
  return { title: uniqueWord('산책'), address: '서울 마포구 망원동 123, 공원 입구', content: '같이 걸어요', category: '산책', maxCount: '3', ...overrides };
}

// FormData as the frontend builds it: `data` as a JSON Blob, then imgUrl three times with "undefined" for
// the images not picked.
function feForm(data, files = []) {
  const fd = new FormData();
  fd.append('data', jsonBlob(data));
  for (let i = 0; i < 3; i++) {
    const file = files[i];
    if (file) fd.append('imgUrl', new Blob([file.bytes], { type: file.type }), file.name);
    else fd.append('imgUrl', 'undefined');
  }
  return fd;
}

// GET /friend/ exactly as the frontend's getMatching calls it, with an optional title filter.
const fePath = (pagenum = 0, title = '') =>
  `/friend/?category&address&content&title${title ? `=${encodeURIComponent(title)}` : ''}&pagenum=${pagenum}&pagesize=6`;

async function list(server, path) {
  const res = await call(server, 'GET', path);
  assert.equal(res.status, 200, `GET ${path}: ${res.text}`);
  assert.equal(res.body.message, '조회 완료');
  assert.ok(Array.isArray(res.body.data));
  return res.body.data;
}

async function create(server, member, data = matching(), files = []) {
  const res = await call(server, 'POST', '/friend/create', { token: member.token, form: feForm(data, files) });
  assertOkMessage(res, '생성 완료');
  const found = await list(server, fePath(0, data.title));
  assert.equal(found.length, 1, `created matching "${data.title}" not listed exactly once`);
  return found[0];
}

async function detail(server, friendNo) {
  const res = await call(server, 'GET', `/friend/${friendNo}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '조회 완료');
  return res.body.data;
}

// The matching detail's "댕톡" button: POST /chat/room/into, then POST /friend/count/{id}.
async function joinLikeTheFrontend(server, member, item) {
  const d = await detail(server, item.friendNo);
  const into = await call(server, 'POST', '/chat/room/into', { json: { roomNo: d.roomNo }, headers: { Authorization: `Bearer ${member.token}` } });
  assertOkMessage(into, '참여가 완료되었습니다 :)');
  return count(server, member, item.friendNo);
}

const count = (server, member, friendNo) =>
  call(server, 'POST', `/friend/count/${friendNo}`, { headers: { Authorization: `Bearer ${member.token}` } });

async function roomsOf(server, member) {
  const res = await call(server, 'GET', '/chat/rooms', { headers: { Authorization: `Bearer ${member.token}` } });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

// Runs `action` and checks that the listed matchings (by title) and the image store did not change.
const unchanged = (server, title, action) =>
  assertNothingChanged(server, () => list(server, fePath(0, title)), action, 'the matching');

// ---- create, list, detail --------------------------------------------------------------------------

test('POST /friend/create as the frontend sends it: list item and detail have the contract keys', async (server) => {
  const member = await newMember(server);
  const dog = await call(server, 'POST', '/mypage/dogs', {
    token: member.token,
    form: multipart({ name: '초코', breed: '푸들', weight: '5', gender: '암컷' }, { image: png(9) }),
  });
  assert.equal(dog.status, 200, dog.text);
  const data = matching({ friendNo: 12345 });
  const files = server.storedFiles();
  const item = await create(server, member, data, [png(1), jpeg(2)]);
  assert.equal(server.storedFiles().length, files.length + 2, 'two files stored; the "undefined" part is ignored');

  assert.deepEqual(Object.keys(item).sort(), LIST_KEYS);
  assert.deepEqual({ ...item, friendNo: 0, image: '', createdAt: '', modifiedAt: '' }, {
    friendNo: 0, address: data.address, category: '산책', title: data.title, content: data.content, status: '진행중',
    maxCount: 3, count: 0, image: '', createdAt: '', modifiedAt: '',
  });
  assert.notEqual(item.friendNo, 12345, 'the friendNo key is ignored');
  assert.match(item.createdAt, KOREAN_DATE);
  assert.match(item.modifiedAt, KOREAN_DATE);

  const d = await detail(server, item.friendNo);
  assert.deepEqual(Object.keys(d).sort(), ['address', 'category', 'content', 'count', 'createdAt', 'friendNo', 'images', 'maxCount', 'member', 'modifiedAt', 'roomNo', 'status', 'title']);
  assert.deepEqual({ ...d, member: null, images: null, roomNo: 0, modifiedAt: '' }, {
    friendNo: item.friendNo, member: null, address: data.address, category: '산책', title: data.title, content: data.content,
    status: '진행중', maxCount: 3, count: 0, roomNo: 0, images: null, createdAt: item.createdAt, modifiedAt: '',
  });
  assert.equal(typeof d.roomNo, 'number');
  assert.deepEqual(Object.keys(d.member).sort(), ['createdAt', 'dogs', 'memberNo', 'modifiedAt', 'nick', 'role'], 'no email, no kakaoId');
  assert.equal(d.member.memberNo, member.memberNo);
  assert.equal(d.member.nick, member.nick);
  assert.equal(d.member.role, 'USER');
  assert.match(d.member.createdAt, ISO_LOCAL);
  assert.match(d.member.modifiedAt, ISO_LOCAL);
  assert.equal(d.member.dogs.length, 1);
  assert.deepEqual(Object.keys(d.member.dogs[0]).sort(), ['breed', 'dogNo', 'gender', 'image', 'name', 'weight']);
  assert.equal(d.member.dogs[0].name, '초코');
  assert.ok(!JSON.stringify(d).includes(member.email), 'the email is nowhere in the detail');

  assert.equal(d.images.length, 2);
  assert.deepEqual(Object.keys(d.images[0]), ['friendImgNo', 'friendImg']);
  assert.ok(d.images[0].friendImgNo < d.images[1].friendImgNo);
  assert.equal(d.images[0].friendImg, item.image, 'the list shows the first image');
  assert.equal((await fetchImage(d.images[0].friendImg)).type, 'image/png');
  assert.equal((await fetchImage(d.images[1].friendImg)).type, 'image/jpeg');
});

test('the group room appears in GET /chat/rooms of the creator, then of a joiner', async (server) => {
  const author = await newMember(server);
  const joiner = await newMember(server);
  const data = matching();
  const item = await create(server, author, data);
  const { roomNo } = await detail(server, item.friendNo);

  const mine = await roomsOf(server, author);
  assert.equal(mine.length, 1);
  assert.deepEqual({ ...mine[0], lastDate: '' }, {
    roomNo, type: 'group', title: data.title, chatRoomMembers: [{ memberNo: author.memberNo, nick: author.nick }],
    lastDate: '', lastMessage: '대화가 시작되었습니다 :)', unreadCnt: 1,
  });
  assert.deepEqual(await roomsOf(server, joiner), []);

  assertOkMessage(await joinLikeTheFrontend(server, joiner, item), '참가 성공');
  const theirs = await roomsOf(server, joiner);
  assert.deepEqual(theirs.map((r) => r.roomNo), [roomNo]);
  assert.deepEqual(theirs[0].chatRoomMembers.map((m) => m.memberNo), [author.memberNo, joiner.memberNo]);

  // POST /friend/count alone (without /chat/room/into first) also puts the joiner in the room.
  const other = await newMember(server);
  assertOkMessage(await count(server, other, item.friendNo), '참가 성공');
  assert.deepEqual((await roomsOf(server, other)).map((r) => r.roomNo), [roomNo]);
});

test('maxCount: a number or a numeric string; "", missing, 0, fractions, text and > 100 are refused', async (server) => {
  const member = await newMember(server);
  assert.equal((await create(server, member, matching({ maxCount: 2 }))).maxCount, 2);
  assert.equal((await create(server, member, matching({ maxCount: ' 7 ' }))).maxCount, 7);
  assert.equal((await create(server, member, matching({ maxCount: 100 }))).maxCount, 100);
  const title = uniqueWord('refused');
  await unchanged(server, title, async () => {
    for (const maxCount of ['', undefined, 0, '0', -1, 1.5, '2.5', 'abc', 101, [3], { n: 3 }, true]) {
      const data = matching({ title, maxCount });
      if (maxCount === undefined) delete data.maxCount;
      const res = await call(server, 'POST', '/friend/create', { token: member.token, form: feForm(data, [png(3)]) });
      assertError(res, ERR.NOT_VALIDCONTENT);
    }
  });
  assert.deepEqual(await roomsOf(server, member).then((r) => r.length), 3, 'refused posts open no chat room');
});

test('create refuses bad content, unknown categories, wrong types and bad images, storing nothing', async (server) => {
  const member = await newMember(server);
  const title = uniqueWord('bad');
  await unchanged(server, title, async () => {
    for (const overrides of [
      { category: '등산' },
      { category: '' },
      { title: '   ' },
      { title: { a: 1 } },
      { content: 'a'.repeat(1001) },
      { content: ['x'] },
      { address: '' },
      { address: '주'.repeat(201) },
    ]) {
      const res = await call(server, 'POST', '/friend/create', { token: member.token, form: feForm(matching({ title, ...overrides })) });
      assertError(res, ERR.NOT_VALIDCONTENT);
    }
    const gif = { bytes: Buffer.from('GIF89a....'), name: 'x.gif', type: 'image/gif' };
    assertError(await call(server, 'POST', '/friend/create', { token: member.token, form: feForm(matching({ title }), [png(1), gif]) }), ERR.WRONG_IMAGE_FORMAT);
    const fake = { bytes: Buffer.from('not a png'), name: 'x.png', type: 'image/png' };
    assertError(await call(server, 'POST', '/friend/create', { token: member.token, form: feForm(matching({ title }), [fake]) }), ERR.WRONG_IMAGE_FORMAT);
    assertError(await call(server, 'POST', '/friend/create', { form: feForm(matching({ title })) }), ERR.INVAILID_TOKEN);
    assertFrameworkError(await call(server, 'POST', '/friend/create', { token: member.token, form: new FormData() }), 400, '/friend/create');
    assertFrameworkError(await call(server, 'POST', '/friend/create', { token: member.token, json: matching({ title }) }), 415, '/friend/create');
    const notJson = new FormData();
    notJson.append('data', 'not json');
    assertFrameworkError(await call(server, 'POST', '/friend/create', { token: member.token, form: notJson }), 400, '/friend/create');
  });
  const longest = await create(server, member, matching({ content: '가'.repeat(1000), title: uniqueWord('long') }));
  assert.equal(longest.content.length, 1000, '1000 Hangul characters fit');
});

// ---- list ------------------------------------------------------------------------------------------

test('GET /friend/ with valueless keys as the frontend sends it pages newest first; filters match', async (server) => {
  const member = await newMember(server);
  const tag = uniqueWord('Tag');
  const made = [];
  for (let i = 0; i < 7; i++) made.push(await create(server, member, matching({ title: `${tag} ${i}` })));
  const ids = (rows) => rows.map((p) => p.friendNo);
  const newestFirst = made.map((p) => p.friendNo).reverse();
  const page0 = await list(server, fePath(0));
  assert.deepEqual(ids(page0), newestFirst.slice(0, 6), 'exactly the frontend call');
  assert.deepEqual(ids(await list(server, fePath(0, tag))), newestFirst.slice(0, 6));
  assert.deepEqual(ids(await list(server, fePath(1, tag))), newestFirst.slice(6));
  assert.deepEqual(ids(await list(server, fePath(2, tag))), []);
  assert.deepEqual(ids(await list(server, `/friend?category&address&content&title&pagenum=0&pagesize=6`)), ids(page0), 'no trailing slash too');

  const cafe = await create(server, member, matching({ title: `${tag} cafe_100%`, category: '애견카페', address: '부산 해운대구, 1층', content: 'Latte TIME' }));
  const q = (params) => `/friend?category=${encodeURIComponent(params.category ?? '')}&address=${encodeURIComponent(params.address ?? '')}&title=${encodeURIComponent(params.title ?? tag)}&content=${encodeURIComponent(params.content ?? '')}&pagenum=0&pagesize=100`;
  assert.deepEqual(ids(await list(server, q({ category: '애견카페' }))), [cafe.friendNo]);
  assert.deepEqual(ids(await list(server, q({ category: '애견' }))), [], 'category is exact');
  assert.deepEqual(ids(await list(server, q({ category: '없음' }))), []);
  assert.deepEqual(ids(await list(server, q({ address: '해운대' }))), [cafe.friendNo]);
  assert.deepEqual(ids(await list(server, q({ content: 'latte' }))), [cafe.friendNo], 'case-insensitive');
  assert.deepEqual(ids(await list(server, q({ title: `${tag} CAFE_100%` }))), [cafe.friendNo]);
  assert.deepEqual(ids(await list(server, q({ title: `${tag} cafe%` }))), [], '% is literal');
  assert.deepEqual(ids(await list(server, q({ category: '산책', address: '해운대' }))), [], 'filters are ANDed');
});

test('GET /friend refuses missing parameters and bad paging', async (server) => {
  for (const query of ['pagenum=-1&pagesize=6', 'pagenum=0&pagesize=0', 'pagenum=0&pagesize=101', 'pagenum=1000001&pagesize=1']) {
    assertError(await call(server, 'GET', `/friend/?category&address&content&title&${query}`), ERR.NOT_VALIDCONTENT);
  }
  for (const query of ['category&address&content&title&pagenum=abc&pagesize=6', 'category&address&content&title&pagesize=6', 'address&content&title&pagenum=0&pagesize=6', 'category&address&content&pagenum=0&pagesize=6']) {
    assertFrameworkError(await call(server, 'GET', `/friend/?${query}`), 400, '/friend');
  }
});

test('GET /friend/{friendNo}: 404 for an unknown id, 400 for a non-numeric one', async (server) => {
  assertError(await call(server, 'GET', '/friend/987654321'), MAP_NOT_FOUND);
  assertFrameworkError(await call(server, 'GET', '/friend/abc'), 400, '/friend/abc');
});

// ---- joining ---------------------------------------------------------------------------------------

test('POST /friend/count: once per member, closes at maxCount, then 참가 실패; the author gets 400', async (server) => {
  const author = await newMember(server);
  const [a, b, c] = [await newMember(server), await newMember(server), await newMember(server)];
  const item = await create(server, author, matching({ maxCount: 2 }));
  assertError(await count(server, author, item.friendNo), FRIEND_IS_NOT_MEMBER);
  assertOkMessage(await count(server, a, item.friendNo), '참가 성공');
  assertOkMessage(await count(server, a, item.friendNo), '참가 성공');
  let d = await detail(server, item.friendNo);
  assert.deepEqual([d.count, d.status], [1, '진행중'], 'joining again does not count twice');
  assertOkMessage(await count(server, b, item.friendNo), '참가 성공');
  d = await detail(server, item.friendNo);
  assert.deepEqual([d.count, d.status], [2, '마감 완료']);
  assertOkMessage(await count(server, c, item.friendNo), '참가 실패');
  assertOkMessage(await count(server, author, item.friendNo), '참가 실패');
  assertOkMessage(await count(server, a, item.friendNo), '참가 성공', 'a member who joined stays joined');
  d = await detail(server, item.friendNo);
  assert.deepEqual([d.count, d.status], [2, '마감 완료']);
  assert.deepEqual((await list(server, fePath(0, item.title)))[0].count, 2);
  assert.deepEqual(await roomsOf(server, c), [], 'a refused joiner is not put in the room');

  assertError(await count(server, a, 987654321), MAP_NOT_FOUND);
  assertFrameworkError(await count(server, a, 'abc'), 400, '/friend/count/abc');
  assertError(await call(server, 'POST', `/friend/count/${item.friendNo}`), ERR.INVAILID_TOKEN);
});

test('concurrent joins never pass maxCount', async (server) => {
  const author = await newMember(server);
  const item = await create(server, author, matching({ maxCount: 3 }));
  const members = await Promise.all(Array.from({ length: 10 }, () => newMember(server)));
  const answers = await Promise.all(members.map((m) => count(server, m, item.friendNo)));
  const messages = answers.map((r) => {
    assert.equal(r.status, 200, r.text);
    return r.body.message;
  });
  assert.equal(messages.filter((m) => m === '참가 성공').length, 3);
  assert.equal(messages.filter((m) => m === '참가 실패').length, 7);
  const d = await detail(server, item.friendNo);
  assert.deepEqual([d.count, d.status], [3, '마감 완료']);
  const room = (await roomsOf(server, author))[0];
  assert.equal(room.chatRoomMembers.length, 4, 'the author and the three who got a seat');
});

// ---- update and delete -------------------------------------------------------------------------------

test('PATCH /friend/{id}: author only, data only, images kept, status follows the new maxCount, the room its title', async (server) => {
  const author = await newMember(server);
  const other = await newMember(server);
  const item = await create(server, author, matching({ maxCount: 1 }), [png(4)]);
  assertOkMessage(await count(server, other, item.friendNo), '참가 성공');
  assert.equal((await detail(server, item.friendNo)).status, '마감 완료');

  const patch = (member, friendNo, data) => call(server, 'PATCH', `/friend/${friendNo}`, { token: member?.token, form: multipart(data) });
  const wider = matching({ title: uniqueWord('수정'), category: '자유', maxCount: '3', content: '바뀐 내용', address: '부산' });
  assertOkMessage(await patch(author, item.friendNo, wider), '수정 성공');
  let d = await detail(server, item.friendNo);
  assert.deepEqual([d.title, d.category, d.content, d.address, d.maxCount, d.count, d.status], [wider.title, '자유', '바뀐 내용', '부산', 3, 1, '진행중'], 'reopened');
  assert.equal(d.images.length, 1, 'images are kept');
  assert.equal((await roomsOf(server, author))[0].title, wider.title, 'the group room follows the title');
  assertOkMessage(await patch(author, item.friendNo, { ...wider, maxCount: 1 }), '수정 성공');
  assert.equal((await detail(server, item.friendNo)).status, '마감 완료', 'closed again');

  const before = await detail(server, item.friendNo);
  assertError(await patch(other, item.friendNo, wider), ERR.MAP_WRONG_ACCESS);
  assertError(await patch(author, item.friendNo, { ...wider, maxCount: '' }), ERR.NOT_VALIDCONTENT);
  assertError(await patch(author, item.friendNo, { ...wider, category: '등산' }), ERR.NOT_VALIDCONTENT);
  assertError(await patch(undefined, item.friendNo, wider), ERR.INVAILID_TOKEN);
  assertError(await patch(author, 987654321, wider), MAP_NOT_FOUND);
  assertFrameworkError(await patch(author, 'abc', wider), 400, '/friend/abc');
  assert.deepEqual(await detail(server, item.friendNo), before, 'refused updates changed nothing');
});

test('DELETE /friend/{id}: author only; images (rows and files) and joins go, the chat room stays usable', async (server) => {
  const author = await newMember(server);
  const joiner = await newMember(server);
  const files = server.storedFiles();
  const item = await create(server, author, matching(), [png(5), jpeg(6)]);
  const { roomNo, images } = await detail(server, item.friendNo);
  assertOkMessage(await count(server, joiner, item.friendNo), '참가 성공');

  assertError(await call(server, 'DELETE', `/friend/${item.friendNo}`, { token: joiner.token }), ERR.MAP_WRONG_ACCESS);
  assertError(await call(server, 'DELETE', `/friend/${item.friendNo}`), ERR.INVAILID_TOKEN);
  assert.equal((await detail(server, item.friendNo)).count, 1, 'refused deletes changed nothing');

  assertOkMessage(await call(server, 'DELETE', `/friend/${item.friendNo}`, { token: author.token }), '삭제 성공');
  assertError(await call(server, 'GET', `/friend/${item.friendNo}`), MAP_NOT_FOUND);
  assert.deepEqual(await list(server, fePath(0, item.title)), []);
  assert.deepEqual(server.storedFiles(), files, 'the stored files are gone');
  for (const image of images) assert.equal((await fetchImage(image.friendImg)).status, 404);
  assertError(await call(server, 'DELETE', `/friend/${item.friendNo}`, { token: author.token }), MAP_NOT_FOUND);
  assertError(await count(server, joiner, item.friendNo), MAP_NOT_FOUND);

  for (const member of [author, joiner]) {
    assert.deepEqual((await roomsOf(server, member)).map((r) => r.roomNo), [roomNo], 'the chat room stays');
    const history = await call(server, 'GET', `/chat/messages/${roomNo}`, { headers: { Authorization: `Bearer ${member.token}` } });
    assert.equal(history.status, 200, history.text);
    assert.equal(history.body.data[0].type, 'SYSTEM');
  }
});

test.stops();
