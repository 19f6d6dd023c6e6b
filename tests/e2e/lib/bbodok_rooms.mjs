// Bbodok's study rooms as the frontend drives them: @stomp/stompjs 7 over plain WebSocket at /bbodok-websocket,
// groups and memberships made directly in the database (the group routes are another feature's), and naive
// Seoul datetimes computed the way the frontend's dayjs formats them.
import { Client } from 'stompjs7';
import WebSocket from 'ws';

let groups = 0;
// A live group; returns its id.
export function addGroup(server, name = `그룹${++groups}`) {
  const now = Date.now() * 1000;
  return parseInt(
    server.scalar(
      `INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) ` +
        `VALUES (NULL, '${name}', 0, 'p-${process.pid}-${groups}-${now}', 0, ${now}, ${now}) RETURNING group_id`,
    ),
    10,
  );
}

export function join(server, member, groupId) {
  server.scalar(`INSERT INTO membership (member_id, group_id, joined_at) VALUES (${member.memberId}, ${groupId}, ${Date.now() * 1000})`);
}

const SEOUL_MS = 9 * 3600 * 1000;
// "YYYY-MM-DDTHH:mm:ss" in Seoul for an epoch-millisecond instant.
export const seoul = (ms) => new Date(ms + SEOUL_MS).toISOString().slice(0, 19);
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
// 00:00 today in Seoul, as epoch milliseconds.
export const seoulMidnight = () => {
  const now = Date.now() + SEOUL_MS;
  return now - (now % DAY) - SEOUL_MS;
};

let slots = 0;
// A fresh 25-minute slot in the future (each call another one, on the frontend's 30-minute grid).
export function futureSlot() {
  const start = seoulMidnight() + 2 * DAY + 30 * MINUTE * ++slots;
  return { start, startTime: seoul(start), endTime: seoul(start + 25 * MINUTE) };
}

// A STOMP session: resolves once CONNECTED, rejects with the ERROR frame's message when CONNECT is refused.
// `errors` collects later ERROR frames; subscribe() resolves once the server has confirmed the subscription.
export function connectStomp(server, token) {
  const url = `${server.url.replace(/^http/, 'ws')}/bbodok-websocket`;
  const errors = [];
  let closed;
  const closedPromise = new Promise((resolve) => {
    closed = resolve;
  });
  return new Promise((resolve, reject) => {
    let connected = false;
    const client = new Client({
      brokerURL: url,
      webSocketFactory: () => new WebSocket(url),
      connectHeaders: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      reconnectDelay: 0,
      debug: () => {},
      onConnect: () => {
        connected = true;
        resolve(session);
      },
      onStompError: (frame) => {
        if (!connected) reject(new Error(frame.headers.message));
        errors.push(frame.headers.message);
      },
      onWebSocketClose: () => {
        closed();
        if (!connected) reject(new Error('closed before CONNECTED'));
      },
    });
    let receipts = 0;
    const session = {
      client,
      errors,
      closed: closedPromise,
      subscribe(destination) {
        const inbox = { messages: [], next: (n, ms = 5_000) => waitFor(() => inbox.messages.length >= n, ms, `${n} message(s) on ${destination}`).then(() => inbox.messages.slice(0, n)) };
        const receipt = `r${++receipts}`;
        return new Promise((done) => {
          client.watchForReceipt(receipt, () => done(inbox));
          client.subscribe(destination, (m) => inbox.messages.push(JSON.parse(m.body)), { receipt });
        });
      },
      send(destination, body) {
        client.publish({ destination, body: typeof body === 'string' ? body : JSON.stringify(body) });
      },
      // The next ERROR frame's message (the server closes the connection after it).
      error: (ms = 5_000) => waitFor(() => errors.length > 0, ms, 'an ERROR frame').then(() => errors[0]),
      close: () => client.deactivate(),
    };
    client.activate();
  });
}

export async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Nothing arrives for a while (for "nobody else sees it").
export const quiet = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

// A live room of the group starting at `startMs` (epoch ms) reserved by `members`, written directly (rooms in
// the past cannot be made through /app/add); returns the room id.
export function addRoom(server, groupId, startMs, members) {
  const now = Date.now() * 1000;
  const start = startMs * 1000;
  const end = start + 25 * 60 * 1_000_000;
  const roomId = parseInt(
    server.scalar(
      `INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) ` +
        `VALUES (${groupId}, ${members[0].memberId}, ${start}, ${end}, ${now}, ${now}) RETURNING room_id`,
    ),
    10,
  );
  for (const m of members) {
    server.scalar(
      `INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) ` +
        `VALUES (${m.memberId}, ${roomId}, ${start}, ${end}, ${now}, ${now})`,
    );
  }
  return roomId;
}
