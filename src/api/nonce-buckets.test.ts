import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUCKET_MS, NonceBuckets } from './nonce-buckets.js';

const WINDOW = 15 * 60_000;
const T0 = 1_800_000_000_000 + 30_000; // 30 s into a minute

test('a fingerprint is refused while its signed minute is in the window, whatever timestamp a reuse carries', () => {
  const b = new NonceBuckets({ windowMs: WINDOW, maxEntries: 100 });
  assert.equal(b.claim(1, 2, T0, T0), 'claimed');
  assert.equal(b.claim(1, 2, T0, T0 + WINDOW), 'used', 'the last moment its replay passes the timestamp check');
  assert.equal(b.claim(1, 2, T0 + 10 * 60_000, T0 + 10 * 60_000), 'used', 'a reuse signed later');
  assert.equal(b.claim(1, 2, T0 - 10 * 60_000, T0), 'used', 'a reuse signed earlier');
  const expiry = b.expiryOf(Math.floor(T0 / BUCKET_MS));
  assert.equal(expiry, T0 + 30_000 + WINDOW);
  assert.equal(b.claim(1, 2, expiry - 1, expiry - 1), 'used');
  assert.equal(b.claim(1, 2, expiry, expiry), 'claimed', 'forgotten once no timestamp of its minute passes');
  assert.deepEqual(b.stats().entries, 1);
});

test('memory stays flat over two windows of steady load', () => {
  const b = new NonceBuckets({ windowMs: WINDOW, maxEntries: 10_000_000 });
  const perSecond = 50;
  let n = 0;
  const samples: Array<{ minute: number } & ReturnType<NonceBuckets['stats']>> = [];
  for (let now = T0; now < T0 + 40 * 60_000; now += 1000) {
    for (let i = 0; i < perSecond; i++, n++) {
      // Clients' clocks differ: signed up to 5 s in the past or the future.
      assert.equal(b.claim(n, n ^ 0x5bd1e995, now + ((n % 11) - 5) * 1000, now), 'claimed');
    }
    if ((now - T0) % 60_000 === 0) samples.push({ minute: (now - T0) / 60_000, ...b.stats() });
  }
  const steady = samples.filter((s) => s.minute >= 17);
  const bytes = steady.map((s) => s.bytes);
  for (const s of steady) {
    assert.ok(s.entries >= 15 * 60 * perSecond && s.entries <= 17 * 60 * perSecond, `minute ${s.minute}: ${s.entries} entries`);
    assert.ok(s.buckets <= 18, `minute ${s.minute}: ${s.buckets} buckets`);
  }
  // A full minute's table is 8,192 slots (64 KiB); the live set differs by at most the edge buckets.
  assert.ok(Math.max(...bytes) - Math.min(...bytes) <= 2 * 65_536, bytes.join(' '));
  assert.ok(samples.at(-1)!.bytes <= Math.max(...steady.filter((s) => s.minute < 25).map((s) => s.bytes)), 'no growth in the second window');
  assert.ok(samples.at(-1)!.bytes / samples.at(-1)!.entries <= 32);
});

test('at the cap a claim waits for the oldest bucket; a replay is still a replay', () => {
  const b = new NonceBuckets({ windowMs: WINDOW, maxEntries: 3 });
  assert.equal(b.claim(1, 1, T0 - 60_000, T0), 'claimed');
  assert.equal(b.claim(1, 2, T0, T0), 'claimed');
  assert.equal(b.claim(1, 3, T0 + 60_000, T0), 'claimed');
  const oldest = b.expiryOf(Math.floor((T0 - 60_000) / BUCKET_MS));
  assert.deepEqual(b.claim(1, 4, T0, T0), { retryAfterMs: oldest - T0 });
  assert.equal(b.claim(1, 2, T0, T0), 'used');
  assert.equal(b.claim(1, 4, oldest, oldest), 'claimed');
  assert.equal(b.stats().entries, 3);
});
