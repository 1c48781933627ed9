import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Short limits, so the test waits half a second where a real server waits 20.
const TIMEOUTS = { headersMs: 500, requestMs: 1000, checkIntervalMs: 100 };
const CLIENTS = 200;

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off' }, start: { httpTimeouts: TIMEOUTS } }); });
after(async () => { await s.close(); });

/** Descriptors this process holds: the server's sockets and, here, the clients' too. */
const openFds = () => readdirSync('/proc/self/fd').length;
/**
 * What the store may open meanwhile (on PostgreSQL its pool adds a connection when a background query
 * finds none free): a few, where sockets the server held would be hundreds.
 */
const SLACK = 5;

interface Client { socket: net.Socket; answer: string; ended: Promise<void> }

/** A client that never closes its side, as a slowloris tool does (a default socket closes once it reads the server's end). */
async function stubbornClient(firstBytes: string): Promise<Client> {
  const socket = net.connect({ port: s.port, host: '127.0.0.1', allowHalfOpen: true });
  const client: Client = { socket, answer: '', ended: new Promise((resolve) => socket.on('end', resolve).on('close', resolve)) };
  socket.setEncoding('utf8').on('data', (d: string) => { client.answer += d; });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write(firstBytes);
  return client;
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

test('200 clients dribbling their headers are answered 408 and their sockets closed, not held', { skip: process.platform !== 'linux' && 'counts /proc/self/fd' }, async () => {
  const before = openFds();
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => stubbornClient('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')));
  await Promise.all(clients.map((c) => c.ended));
  for (const c of clients) assert.match(c.answer, /^HTTP\/1\.1 408 /);
  // The server's ends are gone; only the stubborn clients' own remain.
  await waitFor(() => openFds() <= before + CLIENTS + SLACK, 2000);
  assert.ok(openFds() <= before + CLIENTS + SLACK, `${openFds() - before} descriptors over the ${before} before, for ${CLIENTS} clients`);
  for (const c of clients) c.socket.destroy();
});

test('a client sending garbage gets 400 and a closed socket; the server serves on', { skip: process.platform !== 'linux' && 'counts /proc/self/fd' }, async () => {
  const before = openFds();
  const clients = await Promise.all(Array.from({ length: 50 }, () => stubbornClient('NOT HTTP AT ALL\r\n\r\n')));
  await Promise.all(clients.map((c) => c.ended));
  for (const c of clients) assert.match(c.answer, /^HTTP\/1\.1 400 /);
  await waitFor(() => openFds() <= before + 50 + SLACK, 2000);
  assert.ok(openFds() <= before + 50 + SLACK, `${openFds() - before} descriptors over the ${before} before, for 50 clients`);
  for (const c of clients) c.socket.destroy();
  assert.equal((await fetch(`http://127.0.0.1:${s.port}/_robotcall/health`)).status, 200);
});
