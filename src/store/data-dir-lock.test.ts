import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataDirLockedError, lockDataDir, lockPath, readLockHolder } from './data-dir-lock.js';

test('the lock names its holder, refuses a second taker, survives rude clients and frees on release', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-lock-'));
  try {
    const lock = await lockDataDir(dir);
    lock.announce({ url: 'http://127.0.0.1:9', adminToken: 't' });
    assert.deepEqual(await readLockHolder(dir), { pid: process.pid, url: 'http://127.0.0.1:9', adminToken: 't' });
    await assert.rejects(lockDataDir(dir), (e: unknown) => e instanceof DataDirLockedError && /pid \d+ serving http:\/\/127\.0\.0\.1:9/.test(e.message));
    // Clients that hang up before the holder's answer is written (its write then meets EPIPE).
    await Promise.all(Array.from({ length: 20 }, () => new Promise<void>((resolve) => {
      const s = net.connect(lockPath(dir));
      s.on('connect', () => s.destroy()).on('close', () => resolve()).on('error', () => {});
    })));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await readLockHolder(dir) as { pid: number }).pid, process.pid, 'still answering after clients hung up');
    await lock.release();
    assert.equal(await readLockHolder(dir), 'stale');
    const again = await lockDataDir(dir);
    await again.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A data dir whose lock path is far past the ~107 bytes a unix socket address holds. */
function longDir(root: string, name: string): string {
  const dir = path.join(root, 'x'.repeat(100), name.padEnd(60, '-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

test('a data dir of 150+ characters is locked by a socket inside it, refused to a second taker and left clean', { skip: process.platform !== 'linux' && 'Linux only' }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-lock-'));
  try {
    const dir = longDir(root, 'one');
    assert.ok(dir.length > 150);
    const parent = path.dirname(dir);
    const lock = await lockDataDir(dir);
    lock.announce({ url: 'http://127.0.0.1:9', adminToken: null });
    assert.ok(lstatSync(lockPath(dir)).isSocket(), 'the socket is in the data dir');
    assert.deepEqual(readdirSync(parent), [path.basename(dir)], 'nothing beside the data dir');
    assert.deepEqual(await readLockHolder(dir), { pid: process.pid, url: 'http://127.0.0.1:9', adminToken: null });
    await assert.rejects(lockDataDir(dir), (e: unknown) => e instanceof DataDirLockedError && e.holder?.pid === process.pid);
    await lock.release();
    assert.equal(existsSync(lockPath(dir)), false, 'no socket left after release');
    assert.deepEqual(readdirSync(parent), [path.basename(dir)]);
    assert.equal(await readLockHolder(dir), 'stale');
    await (await lockDataDir(dir)).release();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('two long data dirs sharing a 100-character prefix do not block each other', { skip: process.platform !== 'linux' && 'Linux only' }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-lock-'));
  try {
    const a = longDir(root, 'first');
    const b = longDir(root, 'second');
    const lockA = await lockDataDir(a);
    const lockB = await lockDataDir(b);
    lockA.announce({ url: 'http://a', adminToken: null });
    lockB.announce({ url: 'http://b', adminToken: null });
    assert.equal((await readLockHolder(a) as { url: string }).url, 'http://a');
    assert.equal((await readLockHolder(b) as { url: string }).url, 'http://b');
    await lockA.release();
    await lockB.release();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** Leaves a stale lock in `dir`: a socket file whose process was killed (as after kill -9). */
async function staleLock(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(lockPath(dir))}, () => console.log('up'))`]);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(lstatSync(lockPath(dir)).isSocket());
  assert.equal(await readLockHolder(dir), 'stale');
}

test('takers racing for a stale lock: exactly one gets it, the others are told who holds it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-lock-'));
  try {
    for (let round = 0; round < 5; round++) {
      await staleLock(dir);
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => lockDataDir(dir)));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${won.length} takers hold the lock`);
      for (const r of results) {
        if (r.status === 'rejected') assert.ok(r.reason instanceof DataDirLockedError, String(r.reason));
      }
      assert.equal((await readLockHolder(dir) as { pid: number }).pid, process.pid, 'the winner answers on the lock');
      await won[0]!.value.release();
      assert.deepEqual(readdirSync(dir), [], 'no takeover files left behind');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
