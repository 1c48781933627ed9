// Calling hours across midnight (docs/decisions.md D7): outside the window a running task shows SYSTEM_STOP
// and dials nothing; it resumes when the window opens; a ScheduleTime outside is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatTime } from '../../src/domain/zoned-time.js';
import { EngineHarness, HOUR, ZONE } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start({ callingHours: '21:00-08:00', taskConcurrency: 1 }); });
after(async () => { await h.close(); });

const ANSWERING = ['13900200002', '13900200003', '13900200005', '13900200010', '13900200011', '13900200012', '13900200004', '13900200001'];

test('a window across midnight: SYSTEM_STOP at 08:00, EXCUTING again at 21:00, every call inside the window', async () => {
  await h.advanceTo(await h.nextLocal('07:58'));
  const id = await h.task(ANSWERING);
  await h.advance(0);
  assert.equal(await h.status(id), 'EXCUTING');
  const close = await h.nextLocal('08:00');
  await h.advanceTo(close);
  assert.equal(await h.status(id), 'SYSTEM_STOP');
  const before = (await h.calls(id)).length;
  assert.ok(before >= 1 && before < ANSWERING.length, `${before} calls before 08:00`);
  await h.advance(6 * HOUR);
  assert.equal(await h.status(id), 'SYSTEM_STOP');
  assert.ok((await h.calls(id)).every((c) => c.startedAt < close), 'nothing dialed after 08:00');
  const open = await h.nextLocal('21:00');
  await h.advanceTo(open);
  assert.equal(await h.status(id), 'EXCUTING');
  await h.advance(2 * HOUR);
  assert.equal(await h.status(id), 'FINISH');
  const calls = await h.calls(id);
  assert.equal(calls.length, ANSWERING.length);
  for (const c of calls) {
    const hhmm = formatTime(c.startedAt, ZONE).slice(11, 16);
    assert.ok(hhmm >= '21:00' || hhmm < '08:00', `call at ${hhmm}`);
  }
  assert.equal(calls.filter((c) => c.startedAt >= open)[0]!.startedAt, open, 'the first call after the break starts as the window opens');
});

test('a ScheduleTime outside the calling hours is refused with isv.VOICE_ROBOT_NOT_PERIOD', async () => {
  const id = await h.task(['13800200000'], { start: false });
  const noon = await h.nextLocal('12:00');
  const refused = await h.call('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(noon, ZONE) });
  assert.equal(refused.body.Code, 'isv.VOICE_ROBOT_NOT_PERIOD');
  assert.equal(await h.status(id), 'INIT');
  await h.ok('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(await h.nextLocal('22:30'), ZONE) });
  assert.equal(await h.status(id), 'READY');
});

test('a task stopped by hand during the break stays MANUAL_STOP when the window opens; Start resumes it', async () => {
  await h.advanceTo(await h.nextLocal('07:59'));
  const id = await h.task(ANSWERING.slice(0, 3));
  await h.advanceTo(await h.nextLocal('08:00'));
  assert.equal(await h.status(id), 'SYSTEM_STOP');
  await h.ok('StopRobotTask', { TaskId: id });
  await h.advanceTo(await h.nextLocal('21:30'));
  assert.equal(await h.status(id), 'MANUAL_STOP', 'a manual stop never resumes by itself');
  await h.ok('StartRobotTask', { TaskId: id });
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'FINISH');
});

test('cancel during the break skips what is left', async () => {
  await h.advanceTo(await h.nextLocal('07:59'));
  const id = await h.task(ANSWERING);
  await h.advanceTo(await h.nextLocal('08:00'));
  assert.equal(await h.status(id), 'SYSTEM_STOP');
  await h.ok('CancelRobotTask', { TaskId: id });
  await h.advance(0);
  const states = (await h.callees(id)).map((c) => c.state);
  assert.ok(states.includes('skipped') && !states.includes('pending'), states.join(','));
  assert.equal(await h.status(id), 'CANCEL');
});
