// The npm clients the fleet tests use, from tests/e2e's node_modules (this folder has none of its own).
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../e2e/package.json', import.meta.url));

export const WebSocket = require('ws');
export const { io } = require('socket.io-client');
export const SockJS = require('sockjs-client');
export const { Client: StompClient } = require('stompjs7');
