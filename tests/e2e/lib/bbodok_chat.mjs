// Bbodok's study-room chat as the frontend speaks it over socket.io-client: a connected socket that records every
// `showMessage`, and the message body the frontend emits as `sentMessage`.
import { io } from 'socket.io-client';

// Connects to server.url (options as socket.io-client takes them, e.g. { transports: ['polling'] }); rejects on
// connect_error. `heard` collects the `showMessage` payloads in order.
export async function chatClient(server, options = {}) {
  const socket = io(server.url, { reconnection: false, forceNew: true, ...options });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const heard = [];
  socket.on('showMessage', (data) => heard.push(data));
  return { socket, heard };
}

// A chat message as the frontend sends it; `extra` adds fields (a timestamp for latency measurements).
export const chatData = (content, extra = {}) => ({
  userData: { name: '민지', profile: 'https://k.kakaocdn.net/p.jpg' },
  videoNickname: '민지',
  content,
  time: '오후 03:12',
  id: crypto.randomUUID(),
  ...extra,
});
