// A stand-in for Google's OAuth token endpoint (POST /token) and FCM's HTTP v1 send (POST
// /v1/projects/{project}/messages:send), with a service-account key file made for it: an RSA key pair generated at
// start (never a committed secret) whose public half verifies the server's RS256 assertions.
//
//   const fcm = await startFcmStub();
//   ... server env: BBODOK_PUSH_SERVICE_ACCOUNT_FILE = fcm.keyFile, BBODOK_PUSH_FCM_URL = fcm.url
//   fcm.failNext(token, 2)        // the next two sends to this token answer 503
//   fcm.unregister(token)         // sends to this token answer 404 UNREGISTERED
//   fcm.revokeAccessTokens()      // sends with an access token issued so far answer 401
//   fcm.sends -> [{ token, title, body, at, status }], fcm.tokenRequests -> [{ at, ok }], fcm.refusals (assertions)
import { generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const PROJECT = 'bbodok-e2e';
const CLIENT_EMAIL = `push@${PROJECT}.iam.gserviceaccount.com`;
const KEY_ID = 'e2e-key-1';
const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

const json = (text) => JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));

// Why an assertion is refused, or null when it is what Google accepts: RS256 by the account's key, iss, scope,
// aud = the token endpoint, and an hour between iat and exp around now.
function refuse(assertion, publicKey, tokenUrl) {
  const parts = String(assertion).split('.');
  if (parts.length !== 3) return 'not a compact JWS';
  const header = json(parts[0]);
  const claims = json(parts[1]);
  if (header.alg !== 'RS256' || header.kid !== KEY_ID) return `header ${JSON.stringify(header)}`;
  if (!verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], 'base64url'))) return 'bad signature';
  if (claims.iss !== CLIENT_EMAIL || claims.scope !== SCOPE || claims.aud !== tokenUrl) return `claims ${JSON.stringify(claims)}`;
  const now = Date.now() / 1000;
  if (claims.exp - claims.iat !== 3600 || Math.abs(claims.iat - now) > 60) return `times ${claims.iat}/${claims.exp}`;
  return null;
}

export async function startFcmStub() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-fcm-'));
  const failures = new Map();
  const unregistered = new Set();
  const issued = new Set();
  const stub = {
    url: '',
    keyFile: path.join(dir, 'service-account.json'),
    sends: [],
    tokenRequests: [],
    refusals: [],
    failNext(token, times) {
      failures.set(token, times);
    },
    unregister(token) {
      unregistered.add(token);
    },
    // Every access token issued so far is refused from now on (as after a key rotation).
    revokeAccessTokens() {
      issued.clear();
    },
    sendsTo(token) {
      return this.sends.filter((s) => s.token === token);
    },
  };

  const answer = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const fcmError = (code, status, errorCode) => ({
    error: { code, message: errorCode, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] },
  });

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/token') {
        const form = new URLSearchParams(body);
        const why = form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer'
          ? `grant_type ${form.get('grant_type')}`
          : refuse(form.get('assertion'), publicKey, `${stub.url}/token`);
        stub.tokenRequests.push({ at: Date.now(), ok: why === null });
        if (why !== null) {
          stub.refusals.push(why);
          return answer(res, 400, { error: 'invalid_grant', error_description: why });
        }
        const token = `ya29.e2e-${stub.tokenRequests.length}`;
        issued.add(token);
        return answer(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      }
      if (req.method === 'POST' && req.url === `/v1/projects/${PROJECT}/messages:send`) {
        const bearer = (req.headers.authorization || '').replace(/^Bearer /, '');
        const { message } = JSON.parse(body);
        const record = { token: message.token, title: message.notification?.title, body: message.notification?.body, at: Date.now() };
        stub.sends.push(record);
        if (!issued.has(bearer)) {
          record.status = 401;
          return answer(res, 401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
        }
        if ((failures.get(message.token) ?? 0) > 0) {
          failures.set(message.token, failures.get(message.token) - 1);
          record.status = 503;
          return answer(res, 503, fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE'));
        }
        if (unregistered.has(message.token)) {
          record.status = 404;
          return answer(res, 404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED'));
        }
        record.status = 200;
        return answer(res, 200, { name: `projects/${PROJECT}/messages/${stub.sends.length}` });
      }
      answer(res, 404, { error: { code: 404, status: 'NOT_FOUND' } });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${server.address().port}`;
  fs.writeFileSync(
    stub.keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: PROJECT,
      private_key_id: KEY_ID,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: CLIENT_EMAIL,
      client_id: '100000000000000000001',
      token_uri: `${stub.url}/token`,
    }),
    { mode: 0o600 },
  );
  stub.close = () =>
    new Promise((resolve) => {
      fs.rmSync(dir, { recursive: true, force: true });
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return stub;
}
