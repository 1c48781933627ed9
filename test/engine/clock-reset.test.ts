// POST /_robotcall/reset with {"clock": true} (docs/decisions.md D17): the engine clock goes back to the wall
// clock, so a store moved into the future by a fast or manual clock is usable on the wall clock again.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { formatTime } from '../../src/domain/zoned-time.js';
import { CALLERS, EngineHarness, HOUR, ZONE } from '../support/engine.js';

const DAY = 24 * HOUR;
const harnesses: EngineHarness[] = [];
after(async () => { for (const h of harnesses) await h.close(); });

async function harness(): Promise<EngineHarness> {
  const h = await EngineHarness.start();
  harnesses.push(h);
  return h;
}

async function scheduleTomorrow(h: EngineHarness): Promise<{ id: number; code: string }> {
  const id = await h.task(['13800200000'], { start: false });
  const r = await h.call('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(Date.now() + DAY, ZONE) });
  return { id, code: String(r.body.Code) };
}

test('reset {"clock": true} brings a month-ahead clock back to the wall clock; tomorrow can be scheduled and tasks run', async () => {
  const h = await harness();
  await h.advance(30 * DAY);
  const ran = await h.task(['13800200000', '13800200002', '13800200003'], { Caller: CALLERS });
  await h.advance(HOUR);
  assert.equal(await h.status(ran), 'FINISH');
  assert.equal((await scheduleTomorrow(h)).code, 'InvalidScheduleTime', 'tomorrow lies in the engine clock\'s past');

  const before = Date.now();
  const reset = await h.admin('POST', 'reset', { clock: true });
  const after = Date.now();
  assert.equal(reset.status, 200, JSON.stringify(reset.json));
  const now = await h.now();
  assert.ok(now >= before && now <= after, `engine now ${now} is the wall clock (${before}..${after})`);
  const clock = reset.json.clock as { mode: string; now: number };
  assert.deepEqual([clock.mode, clock.now], ['manual', now], 'the configured mode is kept; a manual clock stays where reset put it');

  const scheduled = await scheduleTomorrow(h);
  assert.equal(scheduled.code, 'OK');
  const detail = await h.detail(scheduled.id);
  assert.deepEqual([detail.status, detail.scheduleType], ['READY', 'ORDER']);

  // The engine starts over from the new time: a task started now is dialed now, not a month later.
  const again = await h.task(['13800200000', '13800200002', '13800200003'], { Caller: CALLERS });
  await h.advance(HOUR);
  assert.equal(await h.status(again), 'FINISH');
  const calls = await h.calls(again);
  assert.equal(calls.length, 3);
  for (const c of calls) assert.ok(c.startedAt >= clock.now && c.startedAt < clock.now + HOUR, `call at ${c.startedAt}, reset at ${clock.now}`);
});

test('a plain reset keeps the clock; a clock value other than true or false is refused and resets nothing', async () => {
  const h = await harness();
  const now = await h.advance(30 * DAY);
  assert.equal((await h.admin('POST', 'reset')).status, 200);
  assert.equal(await h.now(), now);
  const plain = await h.admin('POST', 'reset', { clock: false });
  assert.equal(plain.status, 200);
  assert.equal((plain.json.clock as { now: number }).now, now);

  const kept = await h.task(['13800200000'], { start: false });
  const bad = await h.admin('POST', 'reset', { clock: 'yes' });
  assert.equal(bad.status, 400);
  assert.match(String(bad.json.error), /clock must be true or false/);
  assert.equal(await h.now(), now);
  assert.equal((await h.detail(kept)).status, 'INIT', 'nothing was reset');
});
