// On a scaled clock the engine sees an API change at its next pass; it still never acts before the
// request: fireTime and the first dials are at or after the Start's engine time (D6).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatTime } from '../../src/domain/zoned-time.js';
import { EngineHarness, ZONE } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start({ clock: 'scaled:3600' }); });
after(async () => { await h.close(); });

test('a task started on a scaled clock fires and dials no earlier than the Start request', async () => {
  const id = await h.task(['13800200000', '13800200002'], { start: false });
  // An idle engine sleeps up to a second of wall time: an engine hour at scaled:3600.
  await new Promise((r) => setTimeout(r, 700));
  const before = await h.now();
  await h.ok('StartRobotTask', { TaskId: id });
  const deadline = Date.now() + 20_000;
  while ((await h.status(id)) !== 'FINISH' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await h.status(id), 'FINISH');
  const d = await h.detail(id);
  assert.ok(d.fireTime >= formatTime(before, ZONE), `fireTime ${d.fireTime} is before the Start (${formatTime(before, ZONE)})`);
  const calls = await h.calls(id);
  assert.ok(calls.every((c) => c.startedAt >= before), 'no dial before the Start');
});
