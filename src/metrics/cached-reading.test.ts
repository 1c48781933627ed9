import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedReading } from './cached-reading.js';

function reader(opts: { fails?: boolean; takesMs?: number } = {}) {
  let clock = 0;
  let reads = 0;
  const errors: unknown[] = [];
  const read = cachedReading(async () => {
    reads++;
    clock += opts.takesMs ?? 0;
    if (opts.fails) throw new Error('store away');
    return reads * 10;
  }, { minAgeMs: 5_000, ageFactor: 20, timeoutMs: 1_000, now: () => clock, onError: (err) => errors.push(err) });
  return { read, reads: () => reads, errors, at: (ms: number) => { clock = ms; } };
}

test('a value is reused for 5 s, then read again', async () => {
  const r = reader();
  assert.equal(await r.read(), 10);
  r.at(4_999);
  assert.equal(await r.read(), 10);
  r.at(5_000);
  assert.equal(await r.read(), 20);
  assert.equal(r.reads(), 2);
});

test('a slow read is reused for 20 times as long as it took', async () => {
  const r = reader({ takesMs: 1_000 });
  assert.equal(await r.read(), 10); // read from 0 to 1,000: fresh until 21,000
  r.at(20_999);
  assert.equal(await r.read(), 10);
  r.at(21_000);
  assert.equal(await r.read(), 20);
});

test('scrapes asking together share one read', async () => {
  const r = reader();
  assert.deepEqual(await Promise.all([r.read(), r.read(), r.read()]), [10, 10, 10]);
  assert.equal(r.reads(), 1);
});

test('a failing store gives NaN, said once until a read succeeds', async () => {
  const r = reader({ fails: true });
  assert.ok(Number.isNaN(await r.read()));
  assert.ok(Number.isNaN(await r.read()));
  assert.equal(r.reads(), 2, 'a failure is not reused');
  assert.equal(r.errors.length, 1);
});

test('a store that does not answer in time gives NaN without a second read meanwhile', async () => {
  let answer: (n: number) => void = () => {};
  let reads = 0;
  const read = cachedReading(() => { reads++; return new Promise<number>((resolve) => { answer = resolve; }); },
    { minAgeMs: 5_000, ageFactor: 20, timeoutMs: 20, now: () => 0, onError: () => {} });
  assert.ok(Number.isNaN(await read()));
  assert.ok(Number.isNaN(await read()));
  assert.equal(reads, 1);
  answer(7);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await read(), 7, 'the late answer is kept');
});
