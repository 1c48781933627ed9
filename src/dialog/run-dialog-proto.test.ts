// A dialog whose node names, branch values and TTS variables are Object.prototype members runs as
// any other: nothing is looked up on the prototype (docs/architecture.md §6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDialog } from './dialog-format.js';
import { runDialog } from './run-dialog.js';

const timing = { robotMs: () => 1000, calleeMs: () => 1000 };
const silent = { reply: () => ({ silence: true as const }) };

test('branch values and variables named toString or constructor follow the dialog, not the prototype', () => {
  const dialog = validateDialog({
    start: 'constructor',
    nodes: {
      constructor: { say: 'hi ${toString}${valueOf}', branch: { var: 'toString', cases: { toString: 'yes' }, default: 'no' } },
      yes: { label: 'yes', hangup: true },
      no: { label: 'no', hangup: true },
    },
  });
  const hit = runDialog(dialog, { toString: 'toString' }, silent, timing);
  assert.deepEqual(hit.labels, ['yes']);
  assert.equal(hit.transcript[0]!.content, 'hi toString');
  // A value the cases lack goes to default even when it names a prototype member.
  assert.deepEqual(runDialog(dialog, { toString: 'hasOwnProperty' }, silent, timing).labels, ['no']);
  assert.deepEqual(runDialog(dialog, {}, silent, timing).labels, ['no']);
});
