import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { test } from 'node:test';
import { FingerprintSet, randomSlotSeed } from './fingerprint-set.js';

test('a fingerprint set finds every fingerprint added, and only those, at 16-32 bytes each', () => {
  const set = new FingerprintSet(randomSlotSeed());
  const added = randomFillSync(new Uint32Array(2 * 100_000));
  const others = randomFillSync(new Uint32Array(2 * 100_000));
  for (let i = 0; i < added.length; i += 2) {
    assert.equal(set.add(added[i]!, added[i + 1]!), true);
    if (set.size >= 1024) assert.ok(set.bytes / set.size >= 16 && set.bytes / set.size <= 32, `${set.bytes / set.size} B each`);
  }
  assert.equal(set.size, 100_000);
  for (let i = 0; i < added.length; i += 2) assert.equal(set.has(added[i]!, added[i + 1]!), true);
  for (let i = 0; i < others.length; i += 2) assert.equal(set.has(others[i]!, others[i + 1]!), false);
  assert.equal(set.add(added[0]!, added[1]!), false, 'a second add is refused');
  assert.equal(set.size, 100_000);
});

test('fingerprints alike in all but a few bits, as a client could grind them, are still all found', () => {
  const set = new FingerprintSet(randomSlotSeed());
  for (let i = 0; i < 4096; i++) set.add(0x12345678, (i << 20) | 0xabc);
  for (let i = 0; i < 4096; i++) assert.equal(set.has(0x12345678, (i << 20) | 0xabc), true);
  assert.equal(set.has(0x12345678, 0xabd), false);
});
