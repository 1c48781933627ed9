// An engine pass that fails between committing attempts and recording their results (here: the
// carrier's ledger cannot be written, so the carrier throws before it dials) must not leave those
// attempts holding their callees and lines until a restart, nor fail silently: the next pass
// records them as call loss (D8), the engine reports itself degraded while passes fail, retries on
// its own, and the API shows what the failed pass wrote.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { ConfigFlags } from '../../src/config.js';
import { EngineHarness, HOUR } from '../support/engine.js';

/**
 * A server whose carrier ledger is swapped for a directory once it runs (a ledger that cannot be
 * written is refused at start), so every dial fails (EISDIR) until `repair()`.
 */
async function withBrokenLedger(
  fn: (h: EngineHarness, ledger: string, repair: () => void) => Promise<void>, flags: ConfigFlags = {},
): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-failed-pass-'));
  const ledger = path.join(dir, 'ledger.jsonl');
  const h = await EngineHarness.start({ carrierLedger: ledger, ...flags });
  rmSync(ledger);
  mkdirSync(ledger);
  try {
    await fn(h, ledger, () => rmSync(ledger, { recursive: true }));
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function probe(h: EngineHarness, route: string): Promise<{ status: number; json: { status: string; engine: { state: string; reason?: string } } }> {
  const r = await fetch(`http://127.0.0.1:${h.s.port}/_robotcall/${route}`);
  return { status: r.status, json: await r.json() as { status: string; engine: { state: string; reason?: string } } };
}

test('an attempt a failed pass committed is recorded as call loss by a later pass, and the task finishes', async () => {
  await withBrokenLedger(async (h, ledger, repair) => {
    const id = await h.task(['13800200000'], { RetryType: 0 });
    await h.admin('POST', 'clock/advance', { ms: HOUR }); // the pass fails: its answer is the next test's concern
    repair();
    await h.advance(HOUR);
    // Whichever later pass picked it up (the engine retries on its own), the one attempt ends the same way.
    assert.deepEqual((await h.calls(id)).map((c) => [c.attempt, c.code]), [[1, '200012']], 'committed, never dialed: call loss');
    assert.deepEqual((await h.callees(id)).map((c) => c.state), ['done']);
    assert.equal(await h.status(id), 'FINISH');
    assert.equal(existsSync(ledger), false, 'the carrier never dialed it');
  });
});

test('while passes fail the engine is degraded (health says why, ready is 503, advance is 503), then recovers by itself', async () => {
  await withBrokenLedger(async (h, ledger, repair) => {
    const numbers = Array.from({ length: 30 }, (_, i) => `139${String(10_000_000 + i * 7919).padStart(8, '0')}`);
    const id = await h.task(numbers, { RetryType: 0 });
    const advance = await h.admin('POST', 'clock/advance', { ms: HOUR });
    assert.equal(advance.status, 503, JSON.stringify(advance.json));
    assert.match(String(advance.json.error), /could not catch up.*EISDIR/);
    const health = await probe(h, 'health');
    assert.equal(health.status, 200, 'health is liveness: the process serves');
    assert.deepEqual([health.json.status, health.json.engine.state], ['degraded', 'degraded']);
    assert.match(String(health.json.engine.reason), /EISDIR/);
    assert.equal((await probe(h, 'ready')).status, 503);
    // The failed pass moved the task to EXCUTING in SQL: the API says so too, not its stale READY.
    assert.equal(await h.status(id), 'EXCUTING');

    repair();
    await h.advance(HOUR);
    assert.equal((await probe(h, 'health')).json.engine.state, 'ok');
    assert.equal((await probe(h, 'ready')).status, 200);
    assert.equal(await h.status(id), 'FINISH');
    const calls = await h.calls(id);
    assert.equal(calls.length, numbers.length, 'one attempt each (RetryType 0)');
    const dialed = readFileSync(ledger, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { attemptId: number }).attemptId);
    assert.equal(new Set(dialed).size, dialed.length, 'no attempt dialed twice');
    assert.deepEqual(calls.filter((c) => c.code !== '200012').map((c) => c.callId).sort(), [...dialed].sort(),
      'every call the carrier never dialed is call loss, every other one was dialed once');
    assert.ok(calls.some((c) => c.code === '200012'), 'the failed passes left some');
  // One call every 10 s: a failing pass gets no further than its first dial, so whichever passes
  // run before the advance's (on PostgreSQL a Start's NOTIFY also wakes the engine) leave it work.
  }, { callsPerSecond: 0.1 });
});
