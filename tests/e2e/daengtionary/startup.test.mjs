// Start-up and transport: configuration errors stop the process naming the key; TLS termination serves
// the same API and the chat WebSocket over https; SIGTERM drains and exits 0.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BIN, startServer } from '../lib/server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const migrations = path.resolve(here, '../../../migrations/daengtionary');

// Runs the binary with a config file and the environment; returns { status, stderr } once it exits.
function runWithConfig(toml, env = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-startup-'));
  try {
    const file = path.join(dir, 'daengtionary.toml');
    fs.writeFileSync(file, toml);
    const result = spawnSync(BIN, ['--config', file], {
      cwd: dir,
      env: { ...process.env, DAENGTIONARY_SQL_URL: `sqlite:${dir}/d.db`, DAENGTIONARY_SQL_MIGRATIONS: migrations, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const secret = { DAENGTIONARY_JWT_SECRET: Buffer.alloc(32, 7).toString('base64'), DAENGTIONARY_HTTP_PORT: '1' };

test('an unknown config key stops the process with exit 2 and names the key', () => {
  const { status, stderr } = runWithConfig('[http]\nprot = 8080\n', secret);
  assert.equal(status, 2);
  assert.match(stderr, /unknown config key 'http\.prot'/);
});

test('a wrongly typed config value stops the process naming the key', () => {
  const { status, stderr } = runWithConfig('[http]\nport = "eighty"\n', { DAENGTIONARY_JWT_SECRET: secret.DAENGTIONARY_JWT_SECRET });
  assert.equal(status, 2);
  assert.match(stderr, /config key 'http\.port': must be an integer/);
});

test('a missing or short JWT secret stops the process naming jwt.secret', () => {
  const missing = runWithConfig('', { DAENGTIONARY_JWT_SECRET: '' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /jwt\.secret/);
  const short = runWithConfig('', { DAENGTIONARY_JWT_SECRET: Buffer.alloc(16, 1).toString('base64') });
  assert.equal(short.status, 2);
  assert.match(short.stderr, /'jwt\.secret' must be Base64 of at least 32 bytes/);
});

test('a TLS certificate without its key is refused at start', () => {
  const { status, stderr } = runWithConfig('[http.tls]\ncertificate = "cert.pem"\n', secret);
  assert.equal(status, 2);
  assert.match(stderr, /'http\.tls\.certificate' and 'http\.tls\.private_key' go together/);
});

// GET over https trusting only the test's own certificate.
function httpsGet(url, ca, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

// A raw WebSocket handshake over TLS, as the frontend's wss:// chat does; collects everything the server sends.
async function tlsWebSocket(port, ca, target) {
  const socket = tls.connect({ host: '127.0.0.1', port, ca });
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  const session = { socket, data: Buffer.alloc(0) };
  socket.on('data', (chunk) => (session.data = Buffer.concat([session.data, chunk])));
  socket.on('error', () => {});  // the server ends the connection at drain
  socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  for (let i = 0; i < 100 && !session.data.includes('\r\n\r\n'); i++) await new Promise((r) => setTimeout(r, 50));
  return session;
}

test('terminates TLS with the configured certificate and serves the API over https', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const ca = fs.readFileSync(cert);
  const server = await startServer({
    env: { DAENGTIONARY_HTTP_TLS_CERTIFICATE: cert, DAENGTIONARY_HTTP_TLS_PRIVATE_KEY: key },
    scheme: 'https',
    isReady: (url) => httpsGet(`${url}/health`, ca).then((r) => r.status === 200, () => false),
  });
  try {
    const health = await httpsGet(`${server.url}/health`, ca);
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'UP' });

    const check = await httpsGet(`${server.url}/member/checkemail?email=tls%40example.com`, ca, { Origin: 'https://daengtionary.site' });
    assert.equal(check.status, 200);
    assert.deepEqual(JSON.parse(check.body), { state: 200, message: '사용 가능한 email 입니다.' });
    assert.equal(check.headers['access-control-allow-origin'], '*');

    // A plain-HTTP client on the TLS port gets no HTTP answer, and the server keeps serving.
    await assert.rejects(fetch(server.url.replace('https', 'http') + '/health'));
    assert.equal((await httpsGet(`${server.url}/health`, ca)).status, 200);

    const chat = await tlsWebSocket(server.port, ca, '/wss/chat/websocket');
    const head = chat.data.toString('latin1');
    assert.match(head, /^HTTP\/1\.1 101 /, head);
    assert.match(head, /\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/i);

    const outcome = await server.stop();
    assert.deepEqual({ code: outcome?.code, signal: outcome?.signal }, { code: 0, signal: null });
    // Draining closed the WebSocket with 1001 (going away) before the process exited.
    const frames = chat.data.subarray(chat.data.indexOf('\r\n\r\n') + 4);
    assert.equal(frames[0], 0x88, `a close frame, got ${frames.toString('hex')}`);
    assert.equal(frames.readUInt16BE(2), 1001);
    chat.socket.destroy();
  } finally {
    await server.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM lets an in-flight request finish before exiting 0', async () => {
  const server = await startServer();
  try {
    // The request is in flight for sure: its header and half its body are sent before SIGTERM, the rest after.
    const body = JSON.stringify({ email: 'drain@example.com', password: 'Passw0rd!', nick: 'drain', role: 'USER', adminCode: '' });
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`POST /member/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write(body.slice(20));
    await closed;
    const outcome = await stopping;
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(answer, /\r\nConnection: close\r\n/i);
    assert.match(answer, /가입을 축하힙니다/);
    assert.deepEqual({ code: outcome?.code, signal: outcome?.signal }, { code: 0, signal: null });
  } finally {
    await server.dispose();
  }
});
