// An engine pass that fails between committing attempts and recording their results (here: the
// carrier's ledger cannot be written, so the carrier throws before it dials) must not leave those
// attempts holding their callees and lines until a restart: the next pass records them as call
// loss (D8) and the task runs on.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EngineHarness, HOUR } from '../support/engine.js';

let h: EngineHarness;
let dir: string;
let ledger: string;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-failed-pass-'));
  ledger = path.join(dir, 'ledger.jsonl');
  mkdirSync(ledger); // a directory where the ledger file should be: every append fails (EISDIR)
  h = await EngineHarness.start({ carrierLedger: ledger });
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

test('an attempt a failed pass committed is recorded as call loss by a later pass, and the task finishes', async () => {
  const id = await h.task(['13800200000'], { RetryType: 0 });
  await h.admin('POST', 'clock/advance', { ms: HOUR }); // the pass fails: its answer does not matter here
  rmSync(ledger, { recursive: true }); // the carrier could write its ledger again
  await h.advance(HOUR);
  // Whichever later pass picked it up (the idle poll runs passes too), the one attempt ends the same way.
  assert.deepEqual((await h.calls(id)).map((c) => [c.attempt, c.code]), [[1, '200012']], 'committed, never dialed: call loss');
  assert.deepEqual((await h.callees(id)).map((c) => c.state), ['done']);
  assert.equal(await h.status(id), 'FINISH');
  assert.equal(existsSync(ledger), false, 'the carrier never dialed it');
});
