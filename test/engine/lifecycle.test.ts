// The engine's side of the task lifecycle (docs/architecture.md §4, docs/decisions.md D4/D7): scheduled starts, stop and
// resume, cancel with redials pending, a robot failing audit before dispatch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatTime } from '../../src/domain/zoned-time.js';
import { TEST_KEY } from '../support/test-server.js';
import { EngineHarness, HOUR, MINUTE, ZONE } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start({ taskConcurrency: 2 }); });
after(async () => { await h.close(); });

const ANSWERING = ['13900200002', '13900200003', '13900200005', '13900200010', '13900200011', '13900200012'];

test('a scheduled start stays READY until its time, then runs from exactly then', async () => {
  const id = await h.task(['13800200000'], { start: false });
  const at = Math.ceil(((await h.now()) + HOUR) / 1000) * 1000;
  await h.ok('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(at, ZONE) });
  await h.advanceTo(at - 1000);
  const waiting = await h.detail(id);
  assert.deepEqual([waiting.status, waiting.scheduleType, waiting.fireTime], ['READY', 'ORDER', formatTime(at, ZONE)]);
  assert.equal((await h.callees(id)).length, 0, 'numbers are dispatched only when the task fires');
  await h.advanceTo(at);
  assert.equal(await h.status(id), 'EXCUTING');
  await h.advance(10 * MINUTE);
  const calls = await h.calls(id);
  assert.equal(calls[0]!.startedAt, at);
  assert.equal(await h.status(id), 'FINISH');
});

test('stop halts new dials (calls in progress finish); resume continues, most overdue first', async () => {
  const id = await h.task(ANSWERING);
  const t0 = await h.advance(0);
  assert.equal((await h.callees(id, 'dialing')).length, 1, 'pace: one start per 50 ms');
  await h.advance(1000);
  assert.equal((await h.callees(id, 'dialing')).length, 2, 'task concurrency 2');
  await h.ok('StopRobotTask', { TaskId: id });
  const stoppedAt = await h.advance(0);
  assert.equal(await h.status(id), 'MANUAL_STOP');
  await h.advance(HOUR);
  const whileStopped = await h.calls(id);
  assert.equal(whileStopped.length, 2, 'the two calls in progress ended; nothing new was dialed');
  assert.ok(whileStopped.every((c) => c.startedAt < stoppedAt && c.startedAt >= t0));
  assert.equal(await h.status(id), 'MANUAL_STOP', 'a stopped task never resumes by itself');
  await h.ok('StartRobotTask', { TaskId: id });
  const resumedAt = await h.advance(0);
  assert.equal(await h.status(id), 'EXCUTING');
  await h.advance(HOUR);
  const calls = await h.calls(id);
  assert.equal(calls.length, ANSWERING.length);
  assert.ok(calls.slice(2).every((c) => c.startedAt >= resumedAt));
  assert.equal(await h.status(id), 'FINISH');
});

test('cancel skips pending redials, lets a call in progress finish without redial, and counts them finished', async () => {
  const id = await h.task(['13800200002', '13800200003'], { RetryType: 1, RecallStateCodes: '200002,200003', RecallTimes: 3, RecallInterval: 5 });
  await h.advance(10_000); // the busy call (2-4 s) ended; the unanswered one (45 s) is still ringing
  await h.ok('CancelRobotTask', { TaskId: id });
  await h.advance(0);
  const cancelled = await h.detail(id);
  assert.equal(cancelled.status, 'CANCEL');
  await h.advance(HOUR);
  const calls = await h.calls(id);
  assert.deepEqual(calls.map((c) => [c.callee, c.attempt, c.code]).sort(), [['13800200002', 1, '200002'], ['13800200003', 1, '200003']]);
  const callees = await h.callees(id);
  assert.deepEqual(callees.map((c) => [c.number, c.state]).sort(), [['13800200002', 'skipped'], ['13800200003', 'done']]);
  const row = await h.listRow(id);
  assert.deepEqual([row.status, row.finishCount], ['CANCEL', 2]);
});

test('a robot that fails audit before dispatch gives its scheduled task SYSTEM_CANCEL', async () => {
  const robotId = 1000000099101;
  const put = await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${robotId}`, { name: '审核测试', auditStatus: 'AUDITPASS' });
  assert.equal(put.status, 201);
  const id = await h.task(['13800200000'], { start: false, DialogId: robotId });
  const at = Math.ceil(((await h.now()) + HOUR) / 1000) * 1000;
  await h.ok('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(at, ZONE) });
  assert.equal((await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${robotId}`, { auditStatus: 'AUDITFAIL' })).status, 200);
  await h.advanceTo(at);
  const d = await h.detail(id);
  assert.deepEqual([d.status, d.completeTime], ['SYSTEM_CANCEL', formatTime(at, ZONE)]);
  assert.equal((await h.calls(id)).length, 0);
});
