import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FRAME_MS, MediaClock } from './media-clock.js';

const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end) { /* the event loop is held */ } };

async function run(blockMs: number): Promise<{ seen: number[]; elapsed: number }> {
  const clock = new MediaClock();
  const seen: number[] = [];
  const t0 = performance.now();
  const stop = clock.subscribe((n) => seen.push(n));
  await new Promise((resolve) => setTimeout(resolve, 200));
  busy(blockMs);
  await new Promise((resolve) => setTimeout(resolve, 200));
  stop();
  return { seen, elapsed: performance.now() - t0 };
}

test('a stall shorter than the catch-up: every frame is ticked once, in order, the late ones at once', async () => {
  const { seen, elapsed } = await run(3.5 * FRAME_MS);
  seen.forEach((n, i) => { if (i > 0) assert.equal(n, seen[i - 1]! + 1, `frame ${n} after ${seen[i - 1]}`); });
  assert.ok(Math.abs(seen.length - elapsed / FRAME_MS) <= 2, `${seen.length} frames in ${elapsed} ms`);
});

test('a stall longer than the catch-up: five late frames go, the rest are skipped, and the numbering keeps to the wall clock', async () => {
  const { seen } = await run(12 * FRAME_MS);
  const jumps = seen.slice(1).map((n, i) => n - seen[i]!).filter((d) => d !== 1);
  assert.equal(jumps.length, 1, `one skip: ${jumps}`);
  assert.ok(jumps[0]! >= 5 && jumps[0]! <= 8, `skipped ${jumps[0]! - 1} frames of a ~12-frame stall, sent 5`);
});
