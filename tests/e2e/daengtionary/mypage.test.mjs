// /mypage/*: the info shape and dates, nick changes, and the five dog routes with ownership, images
// and bad input; after every rejected request the data (and the image store) is unchanged.
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
  info,
  jpeg,
  login,
  multipart,
  newMember,
  parseKoreanDate,
  png,
  uniqueNick,
} from '../lib/api.mjs';

const { test } = serverSuite();

const DOG = { name: '초코', breed: '푸들', gender: '암컷', weight: '5' };

// Adds a dog through POST /mypage/dogs and returns its entry from /mypage/info.
async function addDog(server, member, data = DOG, image = png(Math.floor(Math.random() * 1000))) {
  const res = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(data, image ? { image } : {}) });
  assertOkMessage(res, `${data.name} 프로필이 작성되었습니다 :)`);
  const dogs = (await info(server, member.token)).dogs;
  return dogs.reduce((a, b) => (a.dogNo > b.dogNo ? a : b));
}

// Runs `action` and checks that it left the member's info and the image store as they were.
const unchanged = (server, member, action) => {
  const read = async () => (await call(server, 'GET', '/mypage/info', { token: member.token })).body;
  return assertNothingChanged(server, read, action, 'GET /mypage/info');
};

// ---- info ------------------------------------------------------------------------------------------

test('GET /mypage/info answers the member, no dogs, Korean dates of now and the message', async (server) => {
  const member = await newMember(server);
  const res = await call(server, 'GET', '/mypage/info', { token: member.token });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['data', 'message', 'state']);
  assert.equal(res.body.state, 200);
  assert.equal(res.body.message, `${member.nick}님의 정보가 조회되었습니다 :)`);
  const data = res.body.data;
  assert.deepEqual(Object.keys(data).sort(), ['createdAt', 'dogs', 'email', 'memberNo', 'modifiedAt', 'nick']);
  assert.deepEqual({ ...data, createdAt: '', modifiedAt: '' }, { memberNo: member.memberNo, email: member.email, nick: member.nick, dogs: [], createdAt: '', modifiedAt: '' });
  for (const key of ['createdAt', 'modifiedAt']) {
    assert.match(data[key], KOREAN_DATE);
    const ms = parseKoreanDate(data[key]); // Asia/Seoul wall clock
    assert.ok(Math.abs(ms - Date.now()) < 120_000, `${key} ${data[key]} is not now in Asia/Seoul`);
  }
});

test('every /mypage route is 401 INVAILID_TOKEN without a token (Bearer null) and changes nothing', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  await unchanged(server, member, async () => {
    const routes = [
      ['GET', '/mypage/info', undefined],
      ['PATCH', '/mypage/nick', { json: { nick: uniqueNick() } }],
      ['POST', '/mypage/dogs', { form: multipart(DOG, { image: png(1) }) }],
      ['PATCH', `/mypage/dogs/${dog.dogNo}`, { form: multipart({ ...DOG, name: '도둑' }, { image: png(2) }) }],
      ['PATCH', `/mypage/dogs/image/${dog.dogNo}`, { form: multipart(undefined, { multipartFile: png(3) }) }],
      ['DELETE', `/mypage/dogs/${dog.dogNo}`, undefined],
      ['DELETE', `/mypage/dogs/image/${dog.dogNo}`, undefined],
    ];
    for (const [method, path, options] of routes) {
      for (const token of [undefined, 'null']) {
        const res = await call(server, method, path, { ...options, token });
        assert.equal(res.status, 401, `${method} ${path} token=${token}: ${res.text}`);
        assertError(res, ERR.INVAILID_TOKEN);
      }
    }
  });
});

// ---- nick ------------------------------------------------------------------------------------------

test('PATCH /mypage/nick changes the nick: info, login and the duplicate checks follow', async (server) => {
  const member = await newMember(server);
  const nick = `새${uniqueNick('').slice(-5)}`;
  assertOkMessage(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: { nick } }), '닉네임이 수정되었습니다 :)');
  const me = await info(server, member.token);
  assert.equal(me.nick, nick);
  assert.match(me.modifiedAt, KOREAN_DATE);
  assert.equal((await call(server, 'GET', '/mypage/info', { token: member.token })).body.message, `${nick}님의 정보가 조회되었습니다 :)`);
  assert.equal((await login(server, member.email)).body.data.nick, nick);
  assert.equal((await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`)).status, 400);
  assert.equal((await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(member.nick)}`)).status, 200, 'old nick is free again');
  // Setting the nick one already has is fine.
  assertOkMessage(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: { nick } }), '닉네임이 수정되었습니다 :)');
});

test('PATCH /mypage/nick with an invalid nick is 400 NOT_VALIDCONTENT and changes nothing', async (server) => {
  const member = await newMember(server);
  await unchanged(server, member, async () => {
    for (const nick of ['a', 'abcdefghi', 'Upper', 'ab cd', 'ab-cd', '', 'ㅋㅋㅋ', '가나다라마바사아자', { n: 1 }, ['ab']]) {
      const res = await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: { nick } });
      assertError(res, ERR.NOT_VALIDCONTENT);
    }
    assertError(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: {} }), ERR.NOT_VALIDCONTENT);
  });
});

test('PATCH /mypage/nick to a taken nick is 400 DUPLICATE_NICK; an unreadable body is a framework 400', async (server) => {
  const member = await newMember(server);
  const other = await newMember(server);
  await unchanged(server, member, async () => {
    assertError(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: { nick: other.nick } }), ERR.DUPLICATE_NICK);
    for (const body of ['{"nick":', 'nick=abc', '']) {
      assertFrameworkError(await call(server, 'PATCH', '/mypage/nick', { token: member.token, json: body }), 400, '/mypage/nick');
    }
  });
  assert.equal((await info(server, other.token)).nick, other.nick);
});

// ---- adding dogs -----------------------------------------------------------------------------------

test('POST /mypage/dogs stores the PNG, serves it at the image URL and lists the dog', async (server) => {
  const member = await newMember(server);
  const image = png(11);
  const files = server.storedFiles();
  const res = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(DOG, { image }) });
  assertOkMessage(res, '초코 프로필이 작성되었습니다 :)');
  const me = await info(server, member.token);
  assert.equal(me.dogs.length, 1);
  const dog = me.dogs[0];
  assert.deepEqual(Object.keys(dog).sort(), ['breed', 'dogNo', 'gender', 'image', 'name', 'weight']);
  assert.ok(Number.isInteger(dog.dogNo) && dog.dogNo > 0);
  assert.deepEqual({ ...dog, dogNo: 0, image: '' }, { dogNo: 0, name: '초코', breed: '푸들', gender: '암컷', weight: 5, image: '' });
  assert.match(dog.image, new RegExp(`^${server.url}/images/[A-Za-z0-9_-]+\\.png$`));
  const served = await fetchImage(dog.image);
  assert.equal(served.status, 200);
  assert.equal(served.type, 'image/png');
  assert.ok(served.bytes.equals(image.bytes), 'served bytes are the uploaded bytes');
  assert.equal(server.storedFiles().length, files.length + 1);
});

test('POST /mypage/dogs accepts a JPEG with an upper-case .JPG name and serves it as image/jpeg', async (server) => {
  const member = await newMember(server);
  const image = jpeg(12, 'PHOTO.JPG');
  const dog = await addDog(server, member, { name: '보리', breed: '진돗개', gender: '수컷', weight: 12.5 }, image);
  assert.deepEqual({ ...dog, dogNo: 0, image: '' }, { dogNo: 0, name: '보리', breed: '진돗개', gender: '수컷', weight: 12.5, image: '' });
  assert.match(dog.image, /\.jpg$/);
  const served = await fetchImage(dog.image);
  assert.deepEqual([served.status, served.type], [200, 'image/jpeg']);
  assert.ok(served.bytes.equals(image.bytes));
  for (const name of ['a.jpeg', 'b.JPEG', 'c.Png', 'd.pNg', 'e.Jpg']) {
    const file = name.toLowerCase().includes('png') ? png(13, name) : jpeg(13, name);
    await addDog(server, member, { ...DOG, name: name.slice(0, 1) + '멍' }, file);
  }
  assert.equal((await info(server, member.token)).dogs.length, 6);
});

test('POST /mypage/dogs without an image part gives image null; weight takes numbers, numeric strings and ""', async (server) => {
  const member = await newMember(server);
  const files = server.storedFiles();
  const cases = [
    [{ ...DOG, weight: 7 }, 7],
    [{ ...DOG, weight: '15' }, 15],
    [{ ...DOG, weight: ' 3.25 ' }, 3.25],
    [{ ...DOG, weight: '' }, 0],
    [{ ...DOG, weight: 0 }, 0],
    [{ name: DOG.name, breed: DOG.breed, gender: '수컷' }, 0],
    [{ ...DOG, image: 'ignored-string', weight: '9999' }, 9999],
  ];
  for (const [data, weight] of cases) {
    const dog = await addDog(server, member, data, null);
    assert.equal(dog.image, null, JSON.stringify(data));
    assert.equal(dog.weight, weight, JSON.stringify(data));
    assert.equal(dog.gender, data.gender);
  }
  assert.deepEqual(server.storedFiles(), files, 'no image stored for image-less dogs');
});

test('a member sees only their own dogs', async (server) => {
  const a = await newMember(server);
  const b = await newMember(server);
  const dogA = await addDog(server, a, { ...DOG, name: '에이' });
  const dogB = await addDog(server, b, { ...DOG, name: '비' });
  assert.deepEqual((await info(server, a.token)).dogs.map((d) => d.dogNo), [dogA.dogNo]);
  assert.deepEqual((await info(server, b.token)).dogs.map((d) => d.dogNo), [dogB.dogNo]);
});

const BAD_DOG_DATA = [
  ['gender not 수컷/암컷', { ...DOG, gender: 'male' }],
  ['empty gender', { ...DOG, gender: '' }],
  ['missing gender', { name: '초코', breed: '푸들', weight: '5' }],
  ['empty name', { ...DOG, name: '' }],
  ['blank name', { ...DOG, name: '   ' }],
  ['missing name', { breed: '푸들', gender: '암컷', weight: '5' }],
  ['missing breed', { name: '초코', gender: '암컷', weight: '5' }],
  ['weight not a number', { ...DOG, weight: 'five' }],
  ['weight "5kg"', { ...DOG, weight: '5kg' }],
  ['weight true', { ...DOG, weight: true }],
  ['weight an array', { ...DOG, weight: [5] }],
  ['weight an object', { ...DOG, weight: { kg: 5 } }],
  ['name an object', { ...DOG, name: { first: '초코' } }],
  ['breed an array', { ...DOG, breed: ['푸들'] }],
];

for (const [what, data] of BAD_DOG_DATA) {
  test(`POST and PATCH /mypage/dogs with ${what} are 400 NOT_VALIDCONTENT and change nothing`, async (server) => {
    const member = await newMember(server);
    const dog = await addDog(server, member);
    await unchanged(server, member, async () => {
      assertError(await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(data, { image: png(21) }) }), ERR.NOT_VALIDCONTENT);
      assertError(await call(server, 'PATCH', `/mypage/dogs/${dog.dogNo}`, { token: member.token, form: multipart(data, { image: png(22) }) }), ERR.NOT_VALIDCONTENT);
    });
  });
}

test('dog images must be real JPEG/PNG with a .jpg/.jpeg/.png name, else 400 WRONG_IMAGE_FORMAT and nothing changes', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  const bad = [
    ['a text file named .png', { bytes: Buffer.from('hello, I am not a picture'), name: 'fake.png', type: 'image/png' }],
    ['a text file named .jpg', { bytes: Buffer.from('GIF89a not really'), name: 'fake.jpg', type: 'image/jpeg' }],
    ['a GIF named .gif', { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), name: 'dog.gif', type: 'image/gif' }],
    ['a PNG named .gif', { ...png(31), name: 'dog.gif' }],
    ['a PNG named .txt', { ...png(32), name: 'dog.txt' }],
    ['a PNG without extension', { ...png(33), name: 'dog' }],
    ['a PNG named .png.exe', { ...png(34), name: 'dog.png.exe' }],
    ['a truncated PNG signature', { bytes: png(35).bytes.subarray(0, 6), name: 'dog.png', type: 'image/png' }],
  ];
  await unchanged(server, member, async () => {
    for (const [what, file] of bad) {
      const add = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(DOG, { image: file }) });
      assert.equal(add.status, 400, `POST ${what}: ${add.text}`);
      assertError(add, ERR.WRONG_IMAGE_FORMAT);
      const update = await call(server, 'PATCH', `/mypage/dogs/${dog.dogNo}`, { token: member.token, form: multipart({ ...DOG, name: '바뀜' }, { image: file }) });
      assertError(update, ERR.WRONG_IMAGE_FORMAT);
      const replace = await call(server, 'PATCH', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token, form: multipart(undefined, { multipartFile: file }) });
      assertError(replace, ERR.WRONG_IMAGE_FORMAT);
    }
  });
  assert.equal((await fetchImage(dog.image)).status, 200);
});

test('malformed dog requests are framework errors: missing data part 400, non-JSON data 400, not multipart 415, broken multipart 400', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  await unchanged(server, member, async () => {
    for (const [method, path] of [['POST', '/mypage/dogs'], ['PATCH', `/mypage/dogs/${dog.dogNo}`]]) {
      // No `data` part at all (only the image).
      assertFrameworkError(await call(server, method, path, { token: member.token, form: multipart(undefined, { image: png(41) }) }), 400, path, /data/);
      // `data` that is not JSON, or JSON that is not an object.
      for (const data of ['name=초코', '{"name":"초코"', '["초코"]', new Blob(['not json'], { type: 'text/plain' })]) {
        assertFrameworkError(await call(server, method, path, { token: member.token, form: multipart(data, { image: png(42) }) }), 400, path);
      }
      // A JSON body instead of multipart.
      assertFrameworkError(await call(server, method, path, { token: member.token, json: DOG }), 415, path);
      assertFrameworkError(await call(server, method, path, { token: member.token }), 415, path);
      // A multipart content type whose body is not multipart.
      const broken = await call(server, method, path, {
        token: member.token,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        body: 'this is not a multipart body',
      });
      assertFrameworkError(broken, 400, path);
      const truncated = await call(server, method, path, {
        token: member.token,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        body: '--XyZ\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n{"name":"초코"}',
      });
      assertFrameworkError(truncated, 400, path);
    }
    // The image route: not multipart is 415 too.
    assertFrameworkError(await call(server, 'PATCH', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token, json: {} }), 415, `/mypage/dogs/image/${dog.dogNo}`);
  });
});

// ---- updating dogs -----------------------------------------------------------------------------------

test('PATCH /mypage/dogs/{id} with a new image replaces fields and image; the old image is deleted', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  const files = server.storedFiles();
  const image = jpeg(51);
  const res = await call(server, 'PATCH', `/mypage/dogs/${dog.dogNo}`, {
    token: member.token,
    form: multipart({ name: '두부', breed: '말티즈', gender: '수컷', weight: '3' }, { image }),
  });
  assertOkMessage(res, '두부 정보가 수정되었습니다 :)');
  const [updated] = (await info(server, member.token)).dogs;
  assert.deepEqual({ ...updated, image: '' }, { dogNo: dog.dogNo, name: '두부', breed: '말티즈', gender: '수컷', weight: 3, image: '' });
  assert.notEqual(updated.image, dog.image);
  assert.match(updated.image, /\.jpg$/);
  const served = await fetchImage(updated.image);
  assert.equal(served.status, 200);
  assert.ok(served.bytes.equals(image.bytes));
  assert.equal((await fetchImage(dog.image)).status, 404, 'the replaced image is gone');
  assert.equal(server.storedFiles().length, files.length, 'one image in, one out');
});

test('PATCH /mypage/dogs/{id} without a new image keeps the old image', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  const res = await call(server, 'PATCH', `/mypage/dogs/${dog.dogNo}`, {
    token: member.token,
    form: multipart({ name: '콩이', breed: '비숑', gender: '암컷', weight: '' }),
  });
  assertOkMessage(res, '콩이 정보가 수정되었습니다 :)');
  const [updated] = (await info(server, member.token)).dogs;
  assert.deepEqual(updated, { dogNo: dog.dogNo, name: '콩이', breed: '비숑', gender: '암컷', weight: 0, image: dog.image });
  assert.equal((await fetchImage(dog.image)).status, 200);
});

test('PATCH /mypage/dogs/image/{id} replaces the image, deletes the old one, keeps the fields', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member, { ...DOG, name: '망고' });
  const image = png(61);
  const res = await call(server, 'PATCH', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token, form: multipart(undefined, { multipartFile: image }) });
  assertOkMessage(res, '망고 정보가 수정되었습니다 :)');
  const [updated] = (await info(server, member.token)).dogs;
  assert.deepEqual({ ...updated, image: '' }, { ...dog, image: '' });
  assert.notEqual(updated.image, dog.image);
  assert.ok((await fetchImage(updated.image)).bytes.equals(image.bytes));
  assert.equal((await fetchImage(dog.image)).status, 404);

  // A dog without an image gets one the same way.
  const bare = await addDog(server, member, { ...DOG, name: '무사진' }, null);
  assertOkMessage(await call(server, 'PATCH', `/mypage/dogs/image/${bare.dogNo}`, { token: member.token, form: multipart(undefined, { multipartFile: jpeg(62) }) }), '무사진 정보가 수정되었습니다 :)');
  const withImage = (await info(server, member.token)).dogs.find((d) => d.dogNo === bare.dogNo);
  assert.equal((await fetchImage(withImage.image)).status, 200);
});

test('PATCH /mypage/dogs/image/{id} without a multipartFile is 415 WRONG_INPUT_CONTENT and changes nothing', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member);
  await unchanged(server, member, async () => {
    for (const form of [
      multipart(undefined, { image: png(71) }), // wrong part name
      multipart({ name: 'x' }), // only a data part
      (() => {
        const fd = new FormData();
        fd.append('multipartFile', 'not a file, a text field');
        return fd;
      })(),
      multipart(undefined, { multipartFile: { bytes: Buffer.alloc(0), name: 'empty.png', type: 'image/png' } }), // empty file
    ]) {
      assertError(await call(server, 'PATCH', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token, form }), ERR.WRONG_INPUT_CONTENT);
    }
  });
});

// ---- deleting --------------------------------------------------------------------------------------

test('DELETE /mypage/dogs/image/{id} clears the image and deletes the stored file', async (server) => {
  const member = await newMember(server);
  const dog = await addDog(server, member, { ...DOG, name: '호두' });
  assertOkMessage(await call(server, 'DELETE', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token }), '호두이미지가 삭제되었습니다 :)');
  const [after] = (await info(server, member.token)).dogs;
  assert.deepEqual(after, { ...dog, image: null });
  assert.equal((await fetchImage(dog.image)).status, 404);
  // Again on an image-less dog: still fine.
  assertOkMessage(await call(server, 'DELETE', `/mypage/dogs/image/${dog.dogNo}`, { token: member.token }), '호두이미지가 삭제되었습니다 :)');
});

test('DELETE /mypage/dogs/{id} deletes the dog and its image; a second delete is 400 NOT_FOUND_DOG_INFO', async (server) => {
  const member = await newMember(server);
  const keep = await addDog(server, member, { ...DOG, name: '남는개' });
  const dog = await addDog(server, member, { ...DOG, name: '떠나는개' });
  const files = server.storedFiles();
  assertOkMessage(await call(server, 'DELETE', `/mypage/dogs/${dog.dogNo}`, { token: member.token }), '떠나는개정보가 삭제되었습니다 :)');
  assert.deepEqual((await info(server, member.token)).dogs, [keep]);
  assert.equal((await fetchImage(dog.image)).status, 404);
  assert.equal(server.storedFiles().length, files.length - 1);
  assertError(await call(server, 'DELETE', `/mypage/dogs/${dog.dogNo}`, { token: member.token }), ERR.NOT_FOUND_DOG_INFO);
});

// ---- ids and ownership --------------------------------------------------------------------------------

test('unknown dog ids are 400 NOT_FOUND_DOG_INFO on all four dog routes and nothing is stored', async (server) => {
  const member = await newMember(server);
  await addDog(server, member);
  await unchanged(server, member, async () => {
    for (const id of [987654321, 0, -1]) {
      assertError(await call(server, 'PATCH', `/mypage/dogs/${id}`, { token: member.token, form: multipart(DOG, { image: png(81) }) }), ERR.NOT_FOUND_DOG_INFO);
      assertError(await call(server, 'PATCH', `/mypage/dogs/${id}`, { token: member.token, form: multipart(DOG) }), ERR.NOT_FOUND_DOG_INFO);
      assertError(await call(server, 'PATCH', `/mypage/dogs/image/${id}`, { token: member.token, form: multipart(undefined, { multipartFile: png(82) }) }), ERR.NOT_FOUND_DOG_INFO);
      assertError(await call(server, 'DELETE', `/mypage/dogs/${id}`, { token: member.token }), ERR.NOT_FOUND_DOG_INFO);
      assertError(await call(server, 'DELETE', `/mypage/dogs/image/${id}`, { token: member.token }), ERR.NOT_FOUND_DOG_INFO);
    }
  });
});

test("someone else's dog is 400 MAP_WRONG_ACCESS on all four dog routes, and the owner's dog and image stay", async (server) => {
  const owner = await newMember(server);
  const intruder = await newMember(server);
  const dog = await addDog(server, owner, { ...DOG, name: '내개' });
  const intruderBefore = await info(server, intruder.token);
  await unchanged(server, owner, async () => {
    const attempts = [
      ['PATCH', `/mypage/dogs/${dog.dogNo}`, { form: multipart({ ...DOG, name: '뺏은개' }, { image: png(91) }) }],
      ['PATCH', `/mypage/dogs/${dog.dogNo}`, { form: multipart({ ...DOG, name: '뺏은개' }) }],
      ['PATCH', `/mypage/dogs/image/${dog.dogNo}`, { form: multipart(undefined, { multipartFile: jpeg(92) }) }],
      ['DELETE', `/mypage/dogs/image/${dog.dogNo}`, {}],
      ['DELETE', `/mypage/dogs/${dog.dogNo}`, {}],
    ];
    for (const [method, path, options] of attempts) {
      const res = await call(server, method, path, { ...options, token: intruder.token });
      assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
      assertError(res, ERR.MAP_WRONG_ACCESS);
    }
  });
  assert.deepEqual(await info(server, intruder.token), intruderBefore);
  assert.equal((await fetchImage(dog.image)).status, 200);
});

test('non-numeric dog ids are framework 400s on all four dog routes', async (server) => {
  const member = await newMember(server);
  await addDog(server, member);
  await unchanged(server, member, async () => {
    for (const id of ['abc', '1.5', '1e3', '99999999999999999999', '%201', '0x10']) {
      for (const [method, path, options] of [
        ['PATCH', `/mypage/dogs/${id}`, { form: multipart(DOG) }],
        ['PATCH', `/mypage/dogs/image/${id}`, { form: multipart(undefined, { multipartFile: png(95) }) }],
        ['DELETE', `/mypage/dogs/${id}`, {}],
        ['DELETE', `/mypage/dogs/image/${id}`, {}],
      ]) {
        const res = await call(server, method, path, { ...options, token: member.token });
        assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
        assertFrameworkError(res, 400, undefined, /dogNo/);
      }
    }
  });
});

test.stops();
