import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassTimer } from './pass-timer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Far beyond any wait below: a pass that only a poll would bring never comes within a test. */
const POLL_MS = 60_000;

/** Waits until `done()` holds, failing after 5 s (well below a poll, so a lost wake fails the test). */
async function until(done: () => boolean, what: string): Promise<void> {
  const t0 = performance.now();
  while (!done()) {
    assert.ok(performance.now() - t0 < 5_000, what);
    await sleep(5);
  }
}

/** A timer whose passes are counted, resting a poll after each; `during(n)` runs inside pass n. */
function counted(during: (n: number, timer: PassTimer) => void = () => {}) {
  let passes = 0;
  const timer: PassTimer = new PassTimer({
    run: async () => { passes++; during(passes, timer); },
    restMs: () => POLL_MS,
    holdWakes: () => false,
  });
  return { timer, passes: () => passes };
}

test('a wake during a pass that ends before the wake\'s turn still gets its pass, and later wakes theirs', async () => {
  // Pass 1 is woken again from inside and ends at once, before the timer turn that wake asked for:
  // its rest must not replace the queued pass with a poll's wait.
  const { timer, passes } = counted((n, t) => { if (n === 1) t.wake(); });
  timer.wake();
  await until(() => passes() === 2, 'the wake that came during pass 1 ran pass 2');
  timer.wake();
  await until(() => passes() === 3, 'a wake after that is not dropped as already queued');
  timer.stop();
});

test('wakes before the pass they asked for runs add no pass of their own', async () => {
  const { timer, passes } = counted();
  for (let i = 0; i < 5; i++) timer.wake();
  await until(() => passes() === 1, 'the wakes ran a pass');
  await sleep(100);
  assert.equal(passes(), 1);
  timer.stop();
});

test('after a pass the engine rests as long as it asks, then runs one', async () => {
  let rest = 1_000;
  let passes = 0;
  const timer = new PassTimer({ run: async () => { passes++; }, restMs: () => rest, holdWakes: () => false });
  timer.rest();
  await sleep(10);
  assert.equal(passes, 0, 'still resting');
  rest = POLL_MS;
  await until(() => passes === 1, 'the rest ended in a pass');
  timer.stop();
});

test('while passes fail, wakes wait for the backoff; one that came then runs once a pass succeeds', async () => {
  let passes = 0;
  let failing = true;
  const timer = new PassTimer({
    run: async () => {
      passes++;
      if (passes === 1) throw new Error('database away');
      if (passes === 2) {
        // The database is back: this pass succeeds, and a task started meanwhile wakes the engine.
        timer.wake();
        failing = false;
      }
    },
    restMs: () => (failing ? 20 : POLL_MS), holdWakes: () => failing,
  });
  timer.wake();
  await sleep(50);
  assert.equal(passes, 0, 'a held wake runs nothing by itself');
  timer.rest();
  // Pass 3 follows pass 2 at once, so a poll of `passes` may never see 2: at least, then exactly 3.
  await until(() => passes >= 2, 'the backoff ran a failing pass, then retried');
  await until(() => passes >= 3, 'the wake that came during the recovering pass ran, not a poll later');
  await sleep(50);
  assert.equal(passes, 3, 'and nothing more');
  timer.stop();
});

test('a held wake that a pass has served since adds no pass of its own', async () => {
  let passes = 0;
  let failing = true;
  const timer = new PassTimer({
    run: async () => { passes++; failing = false; },
    restMs: () => (failing ? 100 : POLL_MS), holdWakes: () => failing,
  });
  timer.rest();
  await sleep(20);
  timer.wake(); // held: the backoff's pass, still to come, serves it
  await until(() => passes === 1, 'the backoff ran its pass');
  await sleep(100);
  assert.equal(passes, 1, 'no second pass for the wake the first one served');
  timer.stop();
});

test('after stop no wake and no rest runs a pass', async () => {
  const { timer, passes } = counted();
  timer.rest();
  timer.stop();
  timer.wake();
  timer.rest();
  await sleep(50);
  assert.equal(passes(), 0);
});
