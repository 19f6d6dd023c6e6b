// Checks the SigV4 Authorization header of requests to the S3 stand-in. s3rver 3.7.1 verifies only V2
// signatures (for V4 it checks that the access key exists), so without this a wrong secret would pass. This is
// an independent implementation of the algorithm in Node's crypto, applied to the request as it arrived on the
// wire: the path exactly as sent, the query decoded and re-encoded, the signed headers as received.
import { createHash, createHmac } from 'node:crypto';

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

// RFC 3986: encodeURIComponent leaves !'()* alone, SigV4 does not.
const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(raw) {
  if (!raw) return '';
  return raw
    .split('&')
    .map((pair) => {
      const [name, value = ''] = pair.split('=');
      const decode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
      return [encode(decode(name)), encode(decode(value))];
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

// Why a request's signature is wrong, or null when it is right (or the request is anonymous).
export function sigv4Mismatch(req, secrets) {
  const header = req.headers.authorization;
  if (header === undefined) return null; // anonymous: a public read
  const match = AUTHORIZATION.exec(header);
  if (!match) return 'Authorization is not AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature';
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  const secret = secrets[accessKeyId];
  if (secret === undefined) return `unknown access key ${accessKeyId}`;
  const amzDate = req.headers['x-amz-date'] ?? '';
  if (!amzDate.startsWith(date)) return 'x-amz-date does not match the credential date';
  const [path, query = ''] = req.url.split('?', 2);
  const names = signedHeaders.split(';');
  const headers = names.map((name) => `${name}:${String(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, path, canonicalQuery(query), headers, signedHeaders, req.headers['x-amz-content-sha256'] ?? ''].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex') === signature ? null : `signature mismatch; canonical request:\n${canonical}`;
}
