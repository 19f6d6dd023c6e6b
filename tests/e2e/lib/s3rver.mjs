// A throw-away S3 stand-in (s3rver from npm) for the S3 variants of the image suites: one bucket, its own
// access key, objects in a temp directory the tests can read. s3rver's signature check (on by default) covers
// only SigV2, so a middleware put in front of its own checks every SigV4 signature (sigv4_check.mjs) and
// answers 403 SignatureDoesNotMatch, as S3 does, for a wrong one. A truncated listing needs node's
// --openssl-legacy-provider (s3rver encrypts continuation tokens with DES); the e2e suites never list that many.
//
//   const s3 = await startS3rver();           // s3.endpoint, s3.bucket, s3.env('DAENGTIONARY'), s3.keys()
//   ... await s3.stop();
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import S3rver from 's3rver';

import { sigv4Mismatch } from './sigv4_check.mjs';

// s3rver accepts only this key pair (its default account): any other secret fails SigV4 with 403.
export const S3RVER_ACCESS_KEY_ID = 'S3RVER';
export const S3RVER_SECRET_ACCESS_KEY = 'S3RVER';
// s3rver stores each object as "<key>._S3rver_object" (plus metadata files) under <directory>/<bucket>/.
const OBJECT_SUFFIX = '._S3rver_object';

// directory: where s3rver keeps the objects (default: a fresh temp directory, removed by stop()).
export async function startS3rver({ bucket = 'daengtionary', directory = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-s3rver-')) } = {}) {
  // serviceEndpoint "localhost": Host "<bucket>.s3.localhost" is virtual-hosted addressing of <bucket>.
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    serviceEndpoint: 'localhost',
    configureBuckets: [{ name: bucket }],
  });
  const rejected = [];
  // Koa composes its middleware when run() starts listening: this one runs before all of s3rver's.
  server.middleware.unshift(async (ctx, next) => {
    const mismatch = sigv4Mismatch(ctx.req, { [S3RVER_ACCESS_KEY_ID]: S3RVER_SECRET_ACCESS_KEY });
    if (mismatch === null) return next();
    rejected.push(`${ctx.method} ${ctx.url}: ${mismatch}`);
    ctx.status = 403;
    ctx.type = 'application/xml';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
      '<Message>The request signature we calculated does not match the signature you provided.</Message></Error>';
  });
  const { port } = await server.run();
  const bucketDir = path.join(directory, bucket);
  const s3 = {
    bucket,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    // Virtual-hosted addressing: <bucket>.s3.localhost, which libcurl resolves to loopback by itself.
    virtualHostEndpoint: `http://s3.localhost:${port}`,
    // Anonymous reads of the bucket, as a public bucket URL serves them.
    publicUrl: `http://127.0.0.1:${port}/${bucket}`,
    directory,
    rejected, // "<method> <url>: <why>" for each request whose signature failed
    // The app's storage settings for this bucket (path-style unless told otherwise).
    env(prefix, { pathStyle = true, secret = S3RVER_SECRET_ACCESS_KEY, publicUrl = '' } = {}) {
      return {
        [`${prefix}_STORAGE_URL`]: `s3://${bucket}`,
        [`${prefix}_STORAGE_S3_ENDPOINT`]: pathStyle ? s3.endpoint : s3.virtualHostEndpoint,
        [`${prefix}_STORAGE_S3_PATH_STYLE`]: String(pathStyle),
        [`${prefix}_STORAGE_PUBLIC_URL`]: publicUrl,
        AWS_ACCESS_KEY_ID: S3RVER_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: secret,
      };
    },
    // The keys in the bucket, sorted, read from s3rver's directory (synchronously, like the disk variant).
    keys() {
      if (!fs.existsSync(bucketDir)) return [];
      return fs.readdirSync(bucketDir).filter((f) => f.endsWith(OBJECT_SUFFIX)).map((f) => f.slice(0, -OBJECT_SUFFIX.length)).sort();
    },
    // An object written behind the app's back (what a put whose row never committed leaves), dated `ageMs` ago.
    plant(key, bytes, ageMs = 0) {
      const file = path.join(bucketDir, key + OBJECT_SUFFIX);
      fs.writeFileSync(file, bytes);
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(file, when, when);
    },
    async stop() {
      await server.close();
      if (!process.env.E2E_KEEP_TMP) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
  return s3;
}
