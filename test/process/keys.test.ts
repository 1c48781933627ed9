import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { client } from '../support/clients.js';
import { runCli, serveWithTestKey } from '../support/process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

interface Issued { AccountId: number; AccessKeyId: string; AccessKeySecret: string }

async function exerciseKeys(storeArgs: string[], port: () => number) {
  const created = await runCli(['keys', 'create', '--json', ...storeArgs]);
  assert.equal(created.code, 0, created.stderr);
  const k = JSON.parse(created.stdout) as Issued;
  assert.deepEqual(Object.keys(k), ['AccountId', 'AccessKeyId', 'AccessKeySecret']);
  assert.match(k.AccessKeyId, /^LTAI[A-Za-z0-9]{20}$/);
  const call = client('openapi-v3', { port: port(), accessKeyId: k.AccessKeyId, accessKeySecret: k.AccessKeySecret });
  assert.equal((await call('QueryRobotTaskList')).body.Code, 'OK', 'the running server knows the new key at once');

  const same = JSON.parse((await runCli(['keys', 'create', '--json', '--account', 'default', ...storeArgs])).stdout) as Issued;
  const defaultKey = JSON.parse((await runCli(['keys', 'list', '--json', ...storeArgs])).stdout) as Array<{ AccessKeyId: string; AccountId: number; Active: boolean }>;
  assert.equal(defaultKey.find((x) => x.AccessKeyId === TEST_KEY.accessKeyId)!.AccountId, same.AccountId, '--account names an existing account');
  assert.notEqual(k.AccountId, same.AccountId, 'without --account, a new account');

  assert.equal((await runCli(['keys', 'disable', k.AccessKeyId, ...storeArgs])).code, 0);
  const listed = JSON.parse((await runCli(['keys', 'list', '--json', ...storeArgs])).stdout) as Array<{ AccessKeyId: string; Active: boolean }>;
  assert.equal(listed.find((x) => x.AccessKeyId === k.AccessKeyId)!.Active, false);
  assert.equal((await call('QueryRobotTaskList')).body.Code, 'InvalidAccessKeyId.Inactive');
  const unknown = await runCli(['keys', 'disable', 'LTAInosuch', ...storeArgs]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no access key LTAInosuch/);
}

test('keys commands go through the running server that holds an embedded data dir', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await serveWithTestKey(['--data-dir', dir], cleanups);
  await exerciseKeys(['--data-dir', dir], () => port);
});

test('keys commands write PostgreSQL directly, and a running server sees them', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const port = await serveWithTestKey(['--database-url', db.url], cleanups);
  await exerciseKeys(['--database-url', db.url], () => port);
});

test('keys list says which store it read and through which server; an empty listing says so', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const offline = await runCli(['keys', 'list', '--data-dir', dir]);
  assert.equal(offline.code, 0, offline.stderr);
  assert.equal(offline.stdout, '');
  assert.ok(offline.stderr.includes(`robotcall: embedded PGlite at ${dir}, opened directly (no server holds it)`), offline.stderr);
  assert.match(offline.stderr, /robotcall: no access keys/);
  const json = await runCli(['keys', 'list', '--json', '--data-dir', dir]);
  assert.equal(json.stdout.trim(), '[]');

  const port = await serveWithTestKey(['--data-dir', dir], cleanups);
  const online = await runCli(['keys', 'list', '--data-dir', dir]);
  assert.equal(online.code, 0, online.stderr);
  assert.ok(online.stderr.includes(`robotcall: embedded PGlite at ${dir}, through the server at http://127.0.0.1:${port} (pid `), online.stderr);
  assert.match(online.stdout, new RegExp(`^${TEST_KEY.accessKeyId}\\t\\d+\\tdefault\\tactive$`, 'm'));
  assert.doesNotMatch(online.stderr, /no access keys/);
});

test('keys list on PostgreSQL says which database it read', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  await serveWithTestKey(['--database-url', db.url], cleanups);
  const r = await runCli(['keys', 'list', '--database-url', db.url]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /robotcall: postgres postgres:\/\/\S+\/rc_test_/);
  assert.match(r.stdout, new RegExp(TEST_KEY.accessKeyId));
});

test('an empty --account is refused alike by keys create, robots put and callers, before any store is opened', async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = `${dir}/robot.json`;
  writeFileSync(file, JSON.stringify({ name: 'r' }));
  for (const args of [['keys', 'create'], ['robots', 'put', file], ['callers', 'list'], ['callers', 'add', '02112345678']]) {
    for (const empty of ['', ' ']) {
      const r = await runCli([...args, '--account', empty, '--data-dir', dir]);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /--account .*an account cannot be empty/, args.join(' '));
    }
  }
  const keys = JSON.parse((await runCli(['keys', 'list', '--json', '--data-dir', dir])).stdout) as unknown[];
  assert.equal(keys.length, 0, 'no key was made');
});
