// What `serve --data-dir` accepts: a missing or empty dir (a new store) or a robotcall store. A
// directory holding other files is refused untouched, and odd paths get one clear line and exit 1.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, usePostgres } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });
const skip = usePostgres && 'embedded only';

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-paths-'));
  cleanups.push(() => { chmodSync(dir, 0o700); rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

async function refused(dataDir: string, expected: RegExp): Promise<void> {
  const r = await runCli(['serve', '--port', '0', '--data-dir', dataDir], KEY_ENV);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0]!, expected);
  assert.doesNotMatch(r.stderr, /\bat .*\.(ts|js):\d+|E[A-Z]{3,}:/, 'no stack, no raw errno message');
}

test('a non-empty directory that is not a robotcall store is refused and left exactly as it was', { skip }, async () => {
  const home = path.join(scratch(), 'home');
  mkdirSync(home, { mode: 0o755 });
  chmodSync(home, 0o755);
  writeFileSync(path.join(home, 'notes.txt'), 'mine');
  mkdirSync(path.join(home, 'projects'));
  await refused(home, new RegExp(`data dir ${home} is not empty and holds no robotcall store \\(found notes\\.txt, projects\\).*new or empty directory`));
  assert.deepEqual(readdirSync(home).sort(), ['notes.txt', 'projects']);
  assert.equal(statSync(home).mode & 0o777, 0o755, 'mode unchanged');
});

test('an empty directory and a missing one both become a new store', { skip }, async () => {
  const root = scratch();
  const empty = path.join(root, 'empty');
  mkdirSync(empty);
  for (const dir of [empty, path.join(root, 'missing', 'deeper')]) {
    const p = robotcall(['serve', '--port', '0', '--data-dir', dir], KEY_ENV);
    cleanups.push(() => { p.child.kill('SIGKILL'); });
    await p.ready();
    p.child.kill('SIGTERM');
    await p.exited();
    assert.ok(readdirSync(dir).includes('pglite'));
  }
});

test('a regular file, a path under a file and an unwritable dir: one clear line each, exit 1', { skip }, async () => {
  const root = scratch();
  const file = path.join(root, 'a-file');
  writeFileSync(file, 'x');
  await refused(file, new RegExp(`data dir ${file} is a file, not a directory; choose another --data-dir`));
  await refused(path.join(file, 'sub'), new RegExp(`data dir ${file}/sub cannot be created: ${file} is a file, not a directory`));
  if (process.getuid?.() === 0) return; // root writes anywhere: no unwritable dir to try
  const locked = path.join(root, 'locked');
  mkdirSync(locked, { mode: 0o500 });
  await refused(path.join(locked, 'sub'), /no permission to write in data dir/);
  await refused(locked, /no permission to write in data dir/);
});
