import assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, templateDir, usePostgres } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

test('a data dir of 150+ characters: served, refused to a second process, reached by keys, left clean', { skip: (usePostgres || process.platform !== 'linux') && 'embedded, Linux' }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-long-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const parent = path.join(root, 'p'.repeat(100));
  const dir = path.join(parent, 'data'.padEnd(60, '-'));
  assert.ok(dir.length > 150);
  mkdirSync(parent);
  cpSync(await templateDir(), dir, { recursive: true });
  const args = ['serve', '--port', '0', '--data-dir', dir];

  const first = robotcall(args, KEY_ENV);
  cleanups.push(() => { first.child.kill('SIGKILL'); });
  const url = await first.ready();
  const second = await runCli(args, KEY_ENV);
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`in use by robotcall pid ${first.child.pid} serving ${url.replace(/\./g, '\\.')}`));
  const keys = await runCli(['keys', 'list', '--json', '--data-dir', dir]);
  assert.equal(keys.code, 0, keys.stderr);
  assert.ok((JSON.parse(keys.stdout) as Array<{ AccessKeyId: string }>).some((k) => k.AccessKeyId === TEST_KEY.accessKeyId));
  assert.ok(lstatSync(path.join(dir, 'robotcall.lock')).isSocket(), 'the lock socket is in the data dir');
  const nothingBeside = () => {
    assert.deepEqual(readdirSync(root), [path.basename(parent)], 'nothing beside the data dir or its parent');
    assert.deepEqual(readdirSync(parent), [path.basename(dir)], 'nothing beside the data dir or its parent');
  };
  nothingBeside();

  first.child.kill('SIGTERM');
  assert.equal(await first.exited(), 0);
  assert.equal(existsSync(path.join(dir, 'robotcall.lock')), false, 'no socket after stop');
  nothingBeside();
});
