// Images on an S3 bucket (s3rver, signature checking on): path-style and virtual-hosted addressing, images
// served through the app or from the bucket's public URL, and a wrong secret that fails visibly (a framework
// 500, nothing stored, the server still up) instead of crashing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';

import { assertFrameworkError, call, fetchImage, jpeg, jpegBytes, multipart, newMember, png, pngBytes, uniqueWord } from '../lib/api.mjs';
import { startS3rver } from '../lib/s3rver.mjs';
import { startServer } from '../lib/server.mjs';

const disposers = [];
after(async () => {
  for (const dispose of disposers.reverse()) await dispose();
});

// A Daengtionary server on its own s3rver bucket: { pathStyle, secret } as s3.env takes them, publicBucket: link
// images at the bucket's public URL.
async function serverOnS3({ publicBucket = false, ...options } = {}) {
  const s3 = await startS3rver();
  disposers.push(() => s3.stop());
  const server = await startServer({ env: s3.env('DAENGTIONARY', { ...options, publicUrl: publicBucket ? s3.publicUrl : '' }) });
  disposers.push(() => server.dispose());
  return { s3, server };
}

async function createPost(server, member, files) {
  const word = uniqueWord('s3');
  const res = await call(server, 'POST', '/community/create', {
    token: member.token,
    form: multipart({ category: '자유', title: word, content: '산책' }, { imgUrl: files }),
  });
  return { res, word };
}

const imageUrls = (server, word) => {
  const text = server.scalar(
    `SELECT i.community_img_url FROM community_img i JOIN community c ON c.community_no = i.community_no WHERE c.title = '${word}' ORDER BY 1`,
  );
  return text === '' ? [] : text.split('\n');
};

async function roundTrip(s3, server, urlPrefix) {
  const member = await newMember(server);
  const { res, word } = await createPost(server, member, [png(1), jpeg(2)]);
  assert.equal(res.status, 200, res.text);
  const urls = imageUrls(server, word);
  assert.equal(urls.length, 2);
  const keys = urls.map((url) => url.split('/').at(-1));
  for (const url of urls) assert.ok(url.startsWith(urlPrefix), `${url} starts with ${urlPrefix}`);
  assert.deepEqual(s3.keys(), [...keys].sort(), 'the objects are in the bucket');
  assert.ok(!fs.existsSync(server.storageRoot) || fs.readdirSync(server.storageRoot).length === 0, 'nothing on local disk');

  const served = await Promise.all(urls.map(fetchImage));
  assert.deepEqual(served.map((s) => s.status), [200, 200]);
  const expected = new Map([['image/png', pngBytes({ seed: 1 })], ['image/jpeg', jpegBytes(2)]]);
  for (const image of served) assert.ok(image.bytes.equals(expected.get(image.type)), `served bytes of ${image.type}`);

  const id = server.scalar(`SELECT community_no FROM community WHERE title = '${word}'`);
  const deleted = await call(server, 'DELETE', `/community/${id}`, { token: member.token });
  assert.equal(deleted.status, 200, deleted.text);
  assert.deepEqual(s3.keys(), [], 'the objects are deleted with the post');
  assert.deepEqual(s3.rejected, [], 'every request was signed correctly');
}

test('path-style addressing, images served through the app at the usual /images URL', async () => {
  const { s3, server } = await serverOnS3();
  try {
    await roundTrip(s3, server, `${server.url}/images/`);
    assert.equal((await fetch(`${server.url}/images/missing.png`)).status, 404);
  } catch (e) {
    server.dumpLog('path-style');
    throw e;
  }
});

test('virtual-hosted addressing (<bucket>.s3.localhost)', async () => {
  const { s3, server } = await serverOnS3({ pathStyle: false });
  try {
    await roundTrip(s3, server, `${server.url}/images/`);
  } catch (e) {
    server.dumpLog('virtual-hosted');
    throw e;
  }
});

test('storage.public_url: image URLs point at the bucket, which serves them', async () => {
  const { s3, server } = await serverOnS3({ publicBucket: true });
  try {
    await roundTrip(s3, server, `${s3.publicUrl}/`);
  } catch (e) {
    server.dumpLog('public URL');
    throw e;
  }
});

test('a wrong secret fails the upload with a framework 500 and stores nothing; the server stays up', async () => {
  const { s3, server } = await serverOnS3({ secret: 'not-the-secret' });
  try {
    const member = await newMember(server);
    const { res, word } = await createPost(server, member, [png(3)]);
    assertFrameworkError(res, 500, '/community/create');
    assert.equal(server.scalar(`SELECT count(*) FROM community WHERE title = '${word}'`), '0', 'no row without its object');
    assert.deepEqual(s3.keys(), []);
    assert.ok(s3.rejected.length > 0, 'the stand-in refused the signature');
    assert.match(server.log(), /S3 PUT \S+: HTTP 403 SignatureDoesNotMatch/);
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
  } catch (e) {
    server.dumpLog('wrong secret');
    throw e;
  }
});
