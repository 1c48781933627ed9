// A started task runs to FINISH through the engine: statuses, times, totals and what the call APIs
// list, on a manual engine clock (docs/architecture.md §4–§5, docs/decisions.md D4/D7/D13).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatTime } from '../../src/domain/zoned-time.js';
import { data } from '../support/clients.js';
import { byCallee, EngineHarness, HOUR, MINUTE, ZONE } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start(); });
after(async () => { await h.close(); });

test('a started task dispatches at once, dials everyone and finishes at its last call\'s end', async () => {
  const id = await h.task(['13800200000', '13800200002', '+8613800200004']);
  const t0 = await h.advance(0);
  const running = await h.detail(id);
  assert.equal(running.status, 'EXCUTING');
  assert.equal(running.fireTime, formatTime(t0, ZONE));
  await h.advance(HOUR);
  const calls = await h.calls(id);
  assert.deepEqual(calls.map((c) => [c.callee, c.attempt, c.code]).sort(),
    [['+8613800200004', 1, '200004'], ['13800200000', 1, '200000'], ['13800200002', 1, '200002']]);
  const done = await h.detail(id);
  assert.equal(done.status, 'FINISH');
  assert.equal(done.completeTime, formatTime(Math.max(...calls.map((c) => c.endedAt)), ZONE));
  assert.deepEqual(await h.listRow(id), { ...(await h.listRow(id)), totalCount: 3, finishCount: 3, status: 'FINISH' });
});

test('caller numbers are used in rotation', async () => {
  const id = await h.task(['13800200002', '13800200003', '13800200005', '13800200010']);
  await h.advance(HOUR);
  const callers = (await h.calls(id)).sort((a, b) => a.startedAt - b.startedAt).map((c) => c.caller);
  assert.deepEqual(callers, ['057156860006', '057156860008', '057156860006', '057156860008']);
});

test('totals equal what QueryRobotTaskCallList lists, one row per callee showing its latest attempt', async () => {
  const id = await h.task(['13800200000', '13902200002', '13800200010', '13912345678'],
    { RetryType: 1, RecallStateCodes: '200002,200010', RecallTimes: 1, RecallInterval: 2 });
  await h.advance(HOUR);
  const rows = data<Array<Record<string, string>>>(await h.call('QueryRobotTaskCallList', { TaskId: String(id), PageSize: 100 }));
  const row = await h.listRow(id);
  assert.equal(row.status, 'FINISH');
  assert.equal(rows.length, row.finishCount);
  assert.equal(rows.length, row.totalCount);
  const calls = byCallee(await h.calls(id));
  for (const r of rows) {
    const attempts = calls.get(r.called!)!;
    const last = attempts.at(-1)!;
    assert.equal(r.recallCurTimes, String(attempts.length - 1), r.called);
    assert.equal(r.callId, `${id}^${last.callId}`);
    assert.equal(r.callStartTime, formatTime(last.startedAt, ZONE, '.'));
    assert.equal(r.taskId, String(id));
  }
  const byNumber = Object.fromEntries(rows.map((r) => [r.called, r]));
  assert.equal(byNumber['13800200000']!.callResult, '已接通');
  assert.equal(byNumber['13902200002']!.callResult, '占线', 'busy until the redials run out');
  assert.equal(byNumber['13902200002']!.recallCurTimes, '1');
  assert.equal(byNumber['13800200010']!.callResult, '关机');
  // Rows come in order of first dial.
  const firstDial = (n: string) => calls.get(n)![0]!.startedAt;
  assert.deepEqual(rows.map((r) => firstDial(r.called!)), rows.map((r) => firstDial(r.called!)).sort((a, b) => a - b));
});

test('call list filters: result code, hang-up side (1 = user), dialog rounds, duration, callee', async () => {
  const id = await h.task(['13800200000', '13900200002', '13800200002', '13800200005']);
  await h.advance(HOUR);
  const list = async (filter: Record<string, string>) =>
    data<Array<Record<string, string>>>(await h.call('QueryRobotTaskCallList', { TaskId: String(id), ...filter })).map((r) => r.called).sort();
  assert.deepEqual(await list({ CallResult: '200002' }), ['13800200002']);
  assert.deepEqual(await list({ CallResult: '200000' }), ['13800200000', '13900200002']);
  const answered = (await h.calls(id)).filter((c) => c.code === '200000');
  const byUser = answered.filter((c) => c.hangup === 'user').map((c) => c.callee).sort();
  assert.deepEqual(await list({ HangupDirection: '1' }), byUser);
  assert.deepEqual(await list({ HangupDirection: '0' }), answered.filter((c) => c.hangup === 'robot').map((c) => c.callee).sort());
  assert.deepEqual(await list({ DialogCountFrom: '1' }), answered.filter((c) => c.rounds >= 1).map((c) => c.callee).sort());
  assert.deepEqual(await list({ DurationFrom: '1' }), answered.map((c) => c.callee).sort(), 'only answered calls last');
  assert.deepEqual(await list({ Called: '13800200005' }), ['13800200005']);
  assert.equal((await h.call('QueryRobotTaskCallList', { TaskId: '9999999' })).body.Code, 'isv.TASK_NOT_FOUND');
  assert.equal((await h.call('QueryRobotTaskCallList', { TaskId: String(id), HangupDirection: '2' })).body.Code, 'InvalidHangupDirection');
  assert.equal((await h.call('QueryRobotTaskCallList', { TaskId: String(id), PageSize: '101' })).body.Code, 'InvalidPageSize');
  const pages = [...await list({ PageSize: '2', PageNo: '1' }), ...await list({ PageSize: '2', PageNo: '2' })];
  assert.deepEqual(pages.sort(), await list({}));
  assert.equal((await list({ PageSize: '2', PageNo: '3' })).length, 0);
});

test('QueryRobotTaskCallDetail shows the latest attempt with its transcript; an unknown callee is a business error', async () => {
  const id = await h.task(['13800200000']);
  const t0 = await h.advance(0);
  const inFlight = await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: '13800200000', QueryDate: t0 });
  assert.equal(inFlight.body.Code, 'isv.CALL_RECORD_NOT_FOUND', 'a call in progress has no record yet');
  await h.advance(10 * MINUTE);
  const [call] = await h.calls(id);
  const d = data<Record<string, unknown>>(await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: '13800200000', QueryDate: t0 }));
  assert.equal(d.taskId, id);
  assert.equal(d.callResult, '已接通');
  assert.equal(d.recordStatus, 2);
  assert.equal(d.recordFile, '');
  assert.equal(d.recallCurTimes, 0);
  assert.equal(d.duration, String(call!.durationS));
  assert.equal(d.dialogCount, String(call!.rounds));
  const transcript = d.dialogDetail as Array<{ role: string; content: string; speakTime: string }>;
  assert.ok(transcript.length > 0);
  assert.deepEqual(transcript.map((u) => u.role), call!.transcript.map((u) => u.role));
  assert.equal(transcript[0]!.role, 'robot');
  assert.match(transcript[0]!.content, /测试公司的智能客服/, 'the robot introduces the task\'s CorpName');
  assert.equal(transcript[0]!.speakTime, formatTime(call!.answeredAt!, ZONE));
  const none = await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: '13912345678', QueryDate: t0 });
  assert.equal(none.body.Code, 'isv.CALL_RECORD_NOT_FOUND');
  const bad = await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: '13800200000', QueryDate: '2024-06-01' });
  assert.equal(bad.body.Code, 'InvalidQueryDate');
});
