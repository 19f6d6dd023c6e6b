// Starting a test-only server from tests/support (the SockJS and Socket.IO echo servers): it takes PORT 0 and
// prints "listening on PORT" once serving. Resolves to { url, child, output(), exited }.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export async function startTestServer(bin, env = {}) {
  const child = spawn(bin, ['0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const lines = readline.createInterface({ input: child.stdout });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within 30 s from ${bin}`)), 30_000);
    child.on('error', reject);
    lines.on('line', (line) => {
      output += `${line}\n`;
      const match = /^listening on (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}
