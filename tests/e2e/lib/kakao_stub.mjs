// A stand-in for Kakao's token endpoint (POST /oauth/token), user-info endpoint (POST or GET /v2/user/me)
// and unlink endpoint (POST /v1/user/unlink, which checks `Authorization: KakaoAK <adminKey>` and answers
// like Kakao; unlinkFailures > 0 makes that many next calls answer 500). Each test sets the answers; every
// request is recorded.
//
//   const kakao = await startKakaoStub();
//   kakao.token = { status: 200, body: { access_token: 'kat-1', token_type: 'bearer' } };
//   kakao.user = { status: 200, body: { id: 1, properties: { nickname: '홍길동' } } };
//   ... kakao.requests -> [{ method, path, headers, body, form }]
//
// An answer may also be a function (request) => answer, or { drop: true } to cut the connection.
import http from 'node:http';

export async function startKakaoStub() {
  const stub = {
    url: '',
    requests: [],
    token: { status: 200, body: { access_token: 'kakao-access-token', token_type: 'bearer', expires_in: 21599 } },
    user: { status: 500, body: { msg: 'no user set by the test' } },
    adminKey: 'e2e-admin-key',
    unlinkFailures: 0,
    unlink(record) {
      if (record.headers.authorization !== `KakaoAK ${this.adminKey}`) return { status: 401, body: { msg: 'wrong app admin key', code: -401 } };
      if (this.unlinkFailures > 0) {
        this.unlinkFailures -= 1;
        return { status: 500, body: { msg: 'internal error', code: -1 } };
      }
      if (record.form.target_id_type !== 'user_id' || !/^[1-9][0-9]*$/.test(record.form.target_id ?? '')) {
        return { status: 400, body: { msg: 'bad target', code: -2 } };
      }
      return { status: 200, body: { id: Number(record.form.target_id) } };
    },
    reset() {
      this.requests = [];
    },
    // The unlink calls Kakao accepted, as their target ids.
    unlinked() {
      return this.requests.filter((r) => r.path === '/v1/user/unlink' && r.answered === 200).map((r) => Number(r.form.target_id));
    },
    unlinkRequests() {
      return this.requests.filter((r) => r.path === '/v1/user/unlink');
    },
    tokenRequests() {
      return this.requests.filter((r) => r.path === '/oauth/token');
    },
    userRequests() {
      return this.requests.filter((r) => r.path === '/v2/user/me');
    },
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record = {
        method: req.method,
        path: req.url.split('?')[0],
        query: req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
        headers: req.headers,
        body,
        form: Object.fromEntries(new URLSearchParams(body)),
      };
      stub.requests.push(record);
      let answer;
      if (record.path === '/oauth/token') answer = stub.token;
      else if (record.path === '/v2/user/me') answer = stub.user;
      else if (record.path === '/v1/user/unlink') answer = (r) => stub.unlink(r);
      else answer = { status: 404, body: { msg: 'unknown path' } };
      if (typeof answer === 'function') answer = answer(record);
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      record.answered = answer.status;
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${server.address().port}`;
  stub.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return stub;
}
