/**
 * The yardstick: a bare node:http server answering every request with the same status, headers
 * and body the app gave for one page (read from a fixture file written by bench/run.ts).
 * Usage: node bench/bare-server.js <fixture.json>; prints "listening <port>".
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';

const fixture = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const body = Buffer.from(fixture.body, 'base64');
const headers = { ...fixture.headers, 'content-length': String(body.length) };

const server = http.createServer((_req, res) => {
  res.writeHead(fixture.status, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => process.exit(0));
