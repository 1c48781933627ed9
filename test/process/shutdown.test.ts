import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { robotcall, type CliProcess } from '../support/process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

async function storeArgs(): Promise<{ args: string[]; dir: string | null }> {
  if (usePostgres) {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    return { args: ['--database-url', db.url], dir: null };
  }
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { args: ['--data-dir', dir], dir };
}

function serve(args: string[]): CliProcess {
  const p = robotcall(['serve', '--port', '0', '--engine', 'off', ...args], KEY_ENV);
  cleanups.push(() => { p.child.kill('SIGKILL'); });
  return p;
}

const stateOf = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'robotcall.state.json'), 'utf8')) as { state: string }).state;

async function connected(port: number): Promise<net.Socket> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('error', () => {});
  cleanups.push(() => { socket.destroy(); });
  await new Promise((resolve) => socket.on('connect', resolve));
  return socket;
}

test('SIGTERM with idle keep-alive connections exits 0 at once, and the store can be reopened at once', async () => {
  const { args, dir } = await storeArgs();
  const first = serve(args);
  const port = Number(new URL(await first.ready()).port);
  const agent = new http.Agent({ keepAlive: true });
  cleanups.push(() => agent.destroy());
  await new Promise<void>((resolve, reject) => http.get({ port, host: '127.0.0.1', path: '/_robotcall/health', agent }, (res) => {
    res.resume().on('end', resolve);
  }).on('error', reject));
  await connected(port); // connected, never sent a request (a browser's preconnect)

  const started = Date.now();
  first.child.kill('SIGTERM');
  assert.equal(await first.exited(), 0, first.stderr());
  assert.ok(Date.now() - started < 3000, `exited after ${Date.now() - started} ms`);
  if (dir) assert.equal(stateOf(dir), 'closed');
  const again = serve(args);
  await again.ready();
  again.child.kill('SIGTERM');
  assert.equal(await again.exited(), 0);
});

test('a request still running past the drain limit is cut, and the store is still closed and the lock released', { skip: usePostgres && 'embedded only' }, async () => {
  const { args, dir } = await storeArgs();
  const first = serve(args);
  const port = Number(new URL(await first.ready()).port);
  const slow = await connected(port);
  const cut = new Promise((resolve) => slow.on('close', resolve));
  // One whole request first, so the server is warm and surely reads the next at once.
  const answered = new Promise((resolve) => slow.once('data', resolve));
  slow.write('GET /?Action=QueryRobotTaskList HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await answered;
  // Then a body announced and never finished: the request stays in flight.
  slow.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=');
  await new Promise((r) => setTimeout(r, 300));

  const started = Date.now();
  first.child.kill('SIGTERM');
  assert.equal(await first.exited(), 0, first.stderr());
  const took = Date.now() - started;
  assert.ok(took >= 9_500 && took < 14_000, `exited after ${took} ms`);
  await cut;
  assert.match(first.stderr(), /cut 1 connection still busy after 10 s/);
  assert.equal(stateOf(dir!), 'closed', 'the store was closed cleanly');
  const again = serve(args);
  await again.ready();
  again.child.kill('SIGTERM');
  assert.equal(await again.exited(), 0);
});
