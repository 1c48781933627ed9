import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
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
