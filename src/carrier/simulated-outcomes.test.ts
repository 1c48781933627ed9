import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANSWERED, DEFAULT_DISTRIBUTION, magicOutcome, simulatedOutcome } from './simulated-outcomes.js';

test('13800 + code ends every attempt with that code', () => {
  for (const attempt of [1, 2, 10]) assert.equal(simulatedOutcome(1, '13800200002', attempt), '200002');
  assert.equal(simulatedOutcome(7, '13800200010', 3), '200010');
});

test('139 + NN + code ends the first NN attempts with that code, then answers', () => {
  assert.deepEqual([1, 2, 3, 4].map((a) => simulatedOutcome(1, '13902200010', a)), ['200010', '200010', ANSWERED, ANSWERED]);
  assert.deepEqual([1, 2].map((a) => simulatedOutcome(1, '13900200003', a)), [ANSWERED, ANSWERED], 'NN = 00 answers at once');
});

test('a suffix that is not a final state code is not magic', () => {
  for (const n of ['13800138000', '13800200100', '13800200201', '13912345678', '1380020000', '138002000021']) assert.equal(magicOutcome(n, 1), null, n);
});

test('other numbers are deterministic in seed, number and attempt, and follow the documented shares', () => {
  assert.equal(simulatedOutcome(1, '13712345678', 1), simulatedOutcome(1, '13712345678', 1));
  const n = 100_000;
  const numbers = Array.from({ length: n }, (_, i) => `137${String(i).padStart(8, '0')}`);
  const counts = new Map<string, number>();
  for (const number of numbers) {
    const code = simulatedOutcome(1, number, 1);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  for (const [code, percent] of DEFAULT_DISTRIBUTION) {
    const share = ((counts.get(code) ?? 0) / n) * 100;
    assert.ok(Math.abs(share - percent) < 0.6, `${code}: ${share.toFixed(2)}% vs ${percent}%`);
  }
  const changed = numbers.slice(0, 2000).filter((x) => simulatedOutcome(1, x, 1) !== simulatedOutcome(2, x, 1)).length;
  assert.ok(changed > 600, `another seed changes outcomes (${changed} of 2000)`);
  const redialed = numbers.slice(0, 2000).filter((x) => simulatedOutcome(1, x, 1) !== simulatedOutcome(1, x, 2)).length;
  assert.ok(redialed > 600, `a redial draws again (${redialed} of 2000)`);
});

test('the default distribution adds up to 100%', () => {
  assert.equal(DEFAULT_DISTRIBUTION.reduce((sum, [, p]) => sum + p, 0), 100);
});
