// Redials exactly per the task's policy (docs/architecture.md §5, docs/decisions.md D7): RetryType, RecallStateCodes,
// RecallTimes and RecallInterval, the due time to the second, on a manual engine clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { byCallee, EngineHarness, HOUR, MINUTE } from '../support/engine.js';

let h: EngineHarness;
// A generous pace, so no redial waits for another call's start slot.
before(async () => { h = await EngineHarness.start({ callsPerSecond: 1000 }); });
after(async () => { await h.close(); });

const POLICY = { RetryType: 1, RecallStateCodes: '200002,200003', RecallTimes: 2, RecallInterval: 2 };

test('a listed code is redialed RecallInterval after the attempt ended, to the millisecond', async () => {
  const id = await h.task(['13800200002'], POLICY);
  await h.advance(MINUTE);
  const [first] = await h.calls(id);
  assert.equal(first!.code, '200002');
  const due = first!.endedAt + 2 * MINUTE;
  await h.advanceTo(due - 1);
  assert.equal((await h.calls(id)).length, 1, 'not yet due');
  const [callee] = await h.callees(id);
  assert.deepEqual([callee!.state, callee!.attempts, callee!.dueAt], ['pending', 1, due]);
  await h.advanceTo(due);
  const second = (await h.admin('GET', `tasks/${id}/callees`)).json.callees as Array<{ state: string; attempts: number }>;
  assert.deepEqual([second[0]!.state, second[0]!.attempts], ['dialing', 2], 'dialed at the due instant');
  await h.advance(HOUR);
  const calls = await h.calls(id);
  assert.deepEqual(calls.map((c) => c.attempt), [1, 2, 3], 'RecallTimes 2: two redials, then final');
  for (let i = 1; i < calls.length; i++) assert.equal(calls[i]!.startedAt, calls[i - 1]!.endedAt + 2 * MINUTE);
  assert.equal(await h.status(id), 'FINISH');
});

test('codes not in RecallStateCodes are final after one attempt; exhausted redials end busy; an answer ends redials', async () => {
  const id = await h.task(['13800200004', '13800200010', '13800200003', '13902200002', '13903200002'], POLICY);
  await h.advance(HOUR);
  const calls = byCallee(await h.calls(id));
  const codes = (n: string) => calls.get(n)!.map((c) => c.code);
  assert.deepEqual(codes('13800200004'), ['200004'], 'invalid number: not listed');
  assert.deepEqual(codes('13800200010'), ['200010'], 'powered off: not listed in this task');
  assert.deepEqual(codes('13800200003'), ['200003', '200003', '200003'], 'no answer three times: redials exhausted');
  assert.deepEqual(codes('13902200002'), ['200002', '200002', '200000'], 'busy twice, answered on the last redial');
  assert.deepEqual(codes('13903200002'), ['200002', '200002', '200002'], 'would answer on a fourth dial that never comes');
  const row = await h.listRow(id);
  assert.deepEqual([row.status, row.finishCount, row.totalCount], ['FINISH', 5, 5]);
});

test('RetryType 0 never redials', async () => {
  const id = await h.task(['13800200002', '13800200003'], { RetryType: 0 });
  await h.advance(HOUR);
  assert.deepEqual((await h.calls(id)).map((c) => c.attempt), [1, 1]);
  assert.equal(await h.status(id), 'FINISH');
});

test('NumberStatusIdent adds the early-media result but the carrier\'s final code drives redial', async () => {
  const id = await h.task(['13800200005'], { ...POLICY, RecallStateCodes: '200005', NumberStatusIdent: true });
  await h.advance(HOUR);
  const calls = await h.calls(id);
  assert.deepEqual(calls.map((c) => [c.code, c.earlyMediaCode]), [['200005', '200005'], ['200005', '200005'], ['200005', '200005']]);
});
