// Loading benchmark data through a test server's SQL shell, shared by the Node benchmark scripts.

// Runs statements in chunks small enough for one command-line argument.
export function runChunked(server, statements) {
  let chunk = '';
  for (const statement of statements) {
    if (chunk.length + statement.length > 100_000) {
      server.scalar(chunk);
      chunk = '';
    }
    chunk += `${statement};\n`;
  }
  if (chunk) server.scalar(chunk);
}
