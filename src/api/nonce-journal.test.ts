import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { memoryNonceCache } from './nonce-cache.js';

const T0 = 1_800_000_000_000 + 30_000;
const MINUTE = 60_000;
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const tmp = () => { const d = mkdtempSync(path.join(os.tmpdir(), 'robotcall-nonces-')); dirs.push(d); return path.join(d, 'nonces'); };

test('the journal carries accepted nonces across a restart, one 8-byte record each, per minute of signed time', async () => {
  const dir = tmp();
  const first = memoryNonceCache({ maxEntries: 100, journalDir: dir, now: T0 });
  assert.equal(await first.claim('LTAIa', 'n1', T0, T0), 'claimed');
  assert.equal(await first.claim('LTAIa', 'n2', T0 + MINUTE, T0), 'claimed');
  assert.equal(await first.claim('LTAIb', 'n1', T0 + MINUTE, T0), 'claimed');
  assert.equal(await first.claim('LTAIa', 'n1', T0, T0), 'used');
  // No close(): as after SIGKILL, only what was written is there.
  const bucket = Math.floor(T0 / MINUTE);
  assert.deepEqual(readdirSync(dir).sort(), [String(bucket), String(bucket + 1)]);
  assert.equal(statSync(path.join(dir, String(bucket + 1))).size, 16);

  const again = memoryNonceCache({ maxEntries: 100, journalDir: dir, now: T0 + 5 * MINUTE });
  for (const [key, nonce] of [['LTAIa', 'n1'], ['LTAIa', 'n2'], ['LTAIb', 'n1']]) {
    assert.equal(await again.claim(key!, nonce!, T0 + 5 * MINUTE, T0 + 5 * MINUTE), 'used', `${key} ${nonce}`);
  }
  assert.equal(await again.claim('LTAIb', 'n2', T0 + 5 * MINUTE, T0 + 5 * MINUTE), 'claimed');
  again.close();
  first.close();
});

test('at start, files of expired minutes are deleted and a record cut short by a crash is cut off', async () => {
  const dir = tmp();
  const first = memoryNonceCache({ maxEntries: 100, journalDir: dir, now: T0 });
  await first.claim('LTAIa', 'old', T0, T0);
  await first.claim('LTAIa', 'new', T0 + 10 * MINUTE, T0 + 10 * MINUTE);
  first.close();
  const newer = path.join(dir, String(Math.floor((T0 + 10 * MINUTE) / MINUTE)));
  appendFileSync(newer, Buffer.from([1, 2, 3]));

  const later = T0 + 17 * MINUTE;
  const again = memoryNonceCache({ maxEntries: 100, journalDir: dir, now: later });
  assert.deepEqual(readdirSync(dir), [path.basename(newer)], 'the expired minute is gone');
  assert.equal(statSync(newer).size, 8);
  assert.equal(await again.claim('LTAIa', 'new', later, later), 'used');
  assert.equal(await again.claim('LTAIa', 'old', later, later), 'claimed');
  again.close();
});

test('records of one event-loop turn are written together before any of their claims resolves; a failed write fails them', async () => {
  const dir = tmp();
  const cache = memoryNonceCache({ maxEntries: 100, journalDir: dir, now: T0 });
  const file = path.join(dir, String(Math.floor(T0 / MINUTE)));
  const claims = [cache.claim('LTAIa', 'x', T0, T0), cache.claim('LTAIa', 'y', T0, T0), cache.claim('LTAIa', 'x', T0, T0)];
  assert.equal(existsSync(file), false, 'nothing written yet, and no claim has resolved');
  assert.deepEqual(await Promise.all(claims), ['claimed', 'claimed', 'used']);
  assert.equal(statSync(file).size, 16);

  rmSync(dir, { recursive: true });
  await assert.rejects(cache.claim('LTAIa', 'z', T0 + MINUTE, T0), /ENOENT/);
  assert.equal(await cache.claim('LTAIa', 'z', T0 + MINUTE, T0), 'used', 'kept in memory all the same: a retry brings a new nonce');
  cache.close();
});
