// Chat helpers shared by the HTTP and the STOMP suites: the /chat routes as chatApi calls them, and STOMP over
// SockJS as src/components/chatRoom/ChatRoom.js uses it (sockjs-client 1.6 + @stomp/stompjs 6's Stomp.over).
import assert from 'node:assert/strict';
import SockJS from 'sockjs-client';
import stompjs from '@stomp/stompjs';

import { call, multipart } from './api.mjs';

const { Stomp } = stompjs;  // a CommonJS package: no named ESM exports

// chatApi sends `Authorization: Bearer <token>` (capitalised) and JSON.
export const chat = (server, method, path, member, json) =>
  call(server, method, path, { json, headers: member ? { Authorization: `Bearer ${member.token}` } : {} });

export async function openPersonal(server, member, memberNo) {
  const res = await chat(server, 'POST', '/chat/room/personal', member, { memberNo });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['data', 'message', 'state']);
  assert.equal(res.body.message, '채팅방 준비 완료');
  assert.deepEqual(Object.keys(res.body.data), ['roomNo']);
  assert.equal(typeof res.body.data.roomNo, 'number');
  return res.body.data.roomNo;
}

export async function rooms(server, member) {
  const res = await chat(server, 'GET', '/chat/rooms', member);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.state, 200);
  assert.equal(res.body.message, '채팅방 조회 완료');
  return res.body.data;
}

export async function messages(server, member, roomNo, query = '') {
  const res = await chat(server, 'GET', `/chat/messages/${roomNo}${query}`, member);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.message, '메세지 조회 완료');
  return res.body.data;
}

// A group room made the way the frontend makes one: by posting a matching.
export async function groupRoom(server, author, title = `산책 ${Date.now()}`) {
  const data = { title, address: '서울 마포구, 망원', content: '같이 걸어요', category: '산책', maxCount: '3' };
  const created = await call(server, 'POST', '/friend/create', { token: author.token, form: multipart(data) });
  assert.equal(created.status, 200, created.text);
  const list = await call(server, 'GET', `/friend/?category&address&content&title=${encodeURIComponent(title)}&pagenum=0&pagesize=6`);
  const detail = await call(server, 'GET', `/friend/${list.body.data[0].friendNo}`);
  return detail.body.data.roomNo;
}


export const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling'];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// A STOMP client connected the way the frontend connects (CONNECT headers {Authorization, type: "TALK"}), over
// one forced SockJS transport. Resolves once CONNECTED, or rejects with the ERROR frame's message.
// Returns { client, transport, errors, closed, subscribe(roomNo) -> Promise<inbox>, enter(roomNo, nick), talk(roomNo, text, sender), disconnect() };
// an inbox has `messages` (parsed bodies) and next(count) resolving once `count` have arrived.
export async function connectChat(server, token, transport = 'websocket') {
  const client = Stomp.over(() => new SockJS(`${server.url}/wss/chat`, null, { transports: [transport] }));
  client.reconnect_delay = 0;
  client.debug = () => {};
  const errors = [];
  let receipts = 0;
  let closedResolve;
  const closed = new Promise((resolve) => (closedResolve = resolve));
  client.onWebSocketClose = (event) => closedResolve({ code: event.code, reason: event.reason });
  await withTimeout(
    new Promise((resolve, reject) => {
      client.connect(
        { Authorization: `Bearer ${token}`, type: 'TALK' },
        resolve,
        (frame) => {
          errors.push(frame.headers?.message ?? String(frame));
          reject(new Error(`STOMP ERROR: ${frame.headers?.message}`));
        },
      );
    }),
    15_000,
    `${transport} CONNECT`,
  );
  return {
    client,
    transport,
    errors,
    closed,
    // Resolves once the server's RECEIPT confirms the subscription (SUBSCRIBE is otherwise unacknowledged, so
    // a message sent meanwhile by someone else could arrive before it), or rejects on an ERROR.
    async subscribe(roomNo) {
      const inbox = { messages: [], waiting: null };
      const receipt = `sub-${roomNo}-${++receipts}`;
      const confirmed = new Promise((resolve) => client.watchForReceipt(receipt, resolve));
      client.subscribe(`/sub/chat/room/${roomNo}`, (frame) => {
        inbox.messages.push(JSON.parse(frame.body));
        if (inbox.waiting && inbox.messages.length >= inbox.waiting.count) inbox.waiting.resolve();
      }, { Authorization: `Bearer ${token}`, receipt });
      await withTimeout(Promise.race([confirmed, closed.then((e) => Promise.reject(new Error(`closed: ${e.code}`)))]), 15_000, 'SUBSCRIBE receipt');
      inbox.next = async (count, ms = 15_000) => {
        if (inbox.messages.length < count) {
          await withTimeout(new Promise((resolve) => (inbox.waiting = { count, resolve })), ms, `${count} chat messages`);
        }
        return inbox.messages.slice(0, count);
      };
      return inbox;
    },
    enter(roomNo, nick) {
      client.send('/pub/chat/message', { nick }, JSON.stringify({ type: 'ENTER', roomNo, sender: nick }));
    },
    talk(roomNo, message, sender) {
      client.send('/pub/chat/message', { Authorization: `Bearer ${token}` }, JSON.stringify({ roomNo, message, type: 'TALK', sender }));
    },
    async disconnect() {
      await new Promise((resolve) => client.disconnect(resolve));
      await withTimeout(closed, 10_000, 'close after DISCONNECT').catch(() => {});
    },
  };
}
