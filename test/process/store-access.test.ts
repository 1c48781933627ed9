// The store commands (`keys`, `robots put`, `reset`) never create a store by mistake: a data dir that
// does not exist or holds no store is refused by its absolute path, and a server whose admin API
// refuses them is an error, not an empty answer.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const robot = path.join(dir, 'robot.json');
  writeFileSync(robot, JSON.stringify({ account: TEST_KEY.accessKeyId, robotId: 1000000099402, name: 'r' }));
  return dir;
}

const commands = (robotFile: string): string[][] => [
  ['keys', 'list'], ['keys', 'create'], ['keys', 'disable', TEST_KEY.accessKeyId],
  ['robots', 'put', robotFile], ['reset', '--yes'], ['reset', '--clock', '--yes'],
];

test('store commands refuse a data dir that does not exist, naming its absolute path, and create nothing', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = scratch();
  const missing = path.join(dir, 'data-typo');
  // Given relative, as a newcomer types it: resolved against the working directory (the repository here).
  const relative = path.relative(ROOT, missing);
  for (const args of commands(path.join(dir, 'robot.json'))) {
    const r = await runCli([...args, '--data-dir', relative]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.ok(r.stderr.includes(`no robotcall data dir at ${missing}`), `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /robotcall serve --data-dir/);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(missing), false, `${args.join(' ')} created ${missing}`);
  }
});

test('store commands refuse a dir that holds no robotcall store', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = scratch();
  const empty = path.join(dir, 'empty');
  mkdirSync(empty);
  for (const args of commands(path.join(dir, 'robot.json'))) {
    const r = await runCli([...args, '--data-dir', empty]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.ok(r.stderr.includes(`${empty} holds no robotcall store`), `${args.join(' ')}: ${r.stderr}`);
    assert.deepEqual(readdirSync(empty), [], `${args.join(' ')} wrote into ${empty}`);
  }
  // serve would refuse a non-empty dir that is not a store, so it is not offered as the way out.
  const other = path.join(dir, 'other');
  mkdirSync(other);
  writeFileSync(path.join(other, 'notes.txt'), 'mine');
  const r = await runCli(['keys', 'list', '--data-dir', other]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /holds no robotcall store: .*a new or empty dir/);
  assert.doesNotMatch(r.stderr, /once to create it/);
});

test('store commands refuse a database that holds no robotcall store', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const dir = scratch();
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  for (const args of commands(path.join(dir, 'robot.json'))) {
    const r = await runCli([...args, '--database-url', db.url]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, /holds no robotcall store/, args.join(' '));
  }
});

test('an admin API that refuses the store commands is an error, not an empty answer', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = scratch();
  const data = await freshDataDir();
  cleanups.push(() => rmSync(data, { recursive: true, force: true }));
  // Bound beyond loopback with no token: the server's admin API is off (403).
  const server = robotcall(['serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', data], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  const url = await server.ready();
  for (const args of commands(path.join(dir, 'robot.json'))) {
    const r = await runCli([...args, '--data-dir', data]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.ok(r.stderr.includes(`the server at ${url} (pid ${server.child.pid}) holds ${data}`), `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /admin API refused .*403.*--admin-token/, args.join(' '));
    assert.equal(r.stdout, '');
  }
});
