// A stand-in for Kakao's token endpoint (POST /oauth/token) and user-info endpoint (POST or GET
// /v2/user/me). Each test sets the answers; every request is recorded.
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
    reset() {
      this.requests = [];
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
      else answer = { status: 404, body: { msg: 'unknown path' } };
      if (typeof answer === 'function') answer = answer(record);
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
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
