// The store commands (`keys`, `robots put`, `callers`, `reset`) reach a server by address too: `--url`
// (or ROBOTCALL_URL) with `--admin-token` (or ROBOTCALL_ADMIN_TOKEN), as for a server in a container.
// A refused token, an unreachable server and a target named twice are errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, freshStoreArgs } from '../support/test-server.js';

const TOKEN = 'server-url-token';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

let port = 0;
let url = '';

before(async () => {
  const storeArgs = await freshStoreArgs(cleanups);
  // Bound beyond loopback, as in a container: the admin API needs the token.
  const server = robotcall(['serve', '--port', '0', '--host', '0.0.0.0', '--admin-token', TOKEN, ...storeArgs], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  port = Number(new URL(await server.ready()).port);
  url = `http://127.0.0.1:${port}`;
});

test('keys, callers, robots put and reset go through the server named by --url, with its token', async () => {
  const byUrl = ['--url', url, '--admin-token', TOKEN];
  const created = await runCli(['keys', 'create', '--account', 'by-url', '--json', ...byUrl]);
  assert.equal(created.code, 0, created.stderr);
  assert.ok(created.stderr.includes(`robotcall: the server at ${url}`), created.stderr);
  const key = JSON.parse(created.stdout) as { AccountId: number; AccessKeyId: string };
  const keys = (await admin(port, 'GET', 'keys', undefined, TOKEN)).json.keys as Array<{ AccessKeyId: string }>;
  assert.ok(keys.some((k) => k.AccessKeyId === key.AccessKeyId), 'the server holds the new key');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-url-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'robot.json'), JSON.stringify({ name: 'by url' }));
  const [listed, callers, robot] = await Promise.all([
    runCli(['keys', 'list', '--json'], { ROBOTCALL_URL: url, ROBOTCALL_ADMIN_TOKEN: TOKEN }),
    runCli(['callers', 'add', '02112345678', '--account', 'by-url', ...byUrl]),
    runCli(['robots', 'put', path.join(dir, 'robot.json'), '--account', 'by-url', ...byUrl]),
  ]);
  assert.ok((JSON.parse(listed.stdout) as Array<{ AccessKeyId: string }>).some((k) => k.AccessKeyId === key.AccessKeyId), listed.stderr);
  assert.ok(callers.stdout.split('\n').includes('02112345678'), callers.stderr);
  assert.equal((JSON.parse(robot.stdout) as { name: string }).name, 'by url', robot.stderr);

  const reset = await runCli(['reset', '--yes', ...byUrl]);
  assert.equal(reset.code, 0, reset.stderr);
  const after = (await admin(port, 'GET', `accounts/${key.AccountId}/callers`, undefined, TOKEN)).json.callers as string[];
  assert.ok(!after.includes('02112345678'), 'reset took the account back to the seed callers');
});

test('a refused token, an unreachable server and a target named twice are errors that change nothing', async () => {
  const before = (await admin(port, 'GET', 'keys', undefined, TOKEN)).json.keys as unknown[];
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as { port: number }).port;
  await new Promise((resolve) => closed.close(resolve));

  const [wrong, none, unreachable, twice, badUrl] = await Promise.all([
    runCli(['keys', 'create', '--url', url, '--admin-token', 'wrong-token']),
    runCli(['reset', '--yes', '--url', url], { ROBOTCALL_ADMIN_TOKEN: '' }),
    runCli(['keys', 'list', '--url', `http://127.0.0.1:${closedPort}`]),
    runCli(['keys', 'list', '--url', url, '--data-dir', './data']),
    runCli(['keys', 'list', '--url', 'ftp://example.com']),
  ]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /its admin API refused the command \(401: admin token required.*check the token/);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /refused the command \(401.*give its admin token with --admin-token or ROBOTCALL_ADMIN_TOKEN/);
  assert.equal(unreachable.code, 1);
  assert.ok(unreachable.stderr.includes(`the server at http://127.0.0.1:${closedPort} but cannot be reached (ECONNREFUSED)`), unreachable.stderr);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /--url names a server and --data-dir a store: give one of them/);
  assert.equal(badUrl.code, 1);
  assert.match(badUrl.stderr, /invalid url \(--url \/ ROBOTCALL_URL\): must be an http:\/\/ or https:\/\/ URL/);
  for (const r of [wrong, none, unreachable, twice, badUrl]) assert.equal(r.stdout, '');
  assert.deepEqual((await admin(port, 'GET', 'keys', undefined, TOKEN)).json.keys, before);
});
