// The carrier ledger (D8), the clock and reset admin routes (D6, D12), and BatchRobotSmartCall with
// QueryCallDetailByTaskId (D13).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { data } from '../support/clients.js';
import { CALLERS, EngineHarness, HOUR, ROBOT } from '../support/engine.js';
import { TEST_KEY } from '../support/test-server.js';

let h: EngineHarness;
let dir: string;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-ledger-'));
  h = await EngineHarness.start({ carrierLedger: path.join(dir, 'ledger.jsonl') });
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the ledger has one line per dial, written before it, matching the call records', async () => {
  const id = await h.task(['13800200002', '13902200003', '13800200000'], { RetryType: 1, RecallStateCodes: '200002,200003', RecallTimes: 2, RecallInterval: 3 });
  await h.advance(HOUR);
  const lines = readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const mine = lines.filter((l) => l.taskId === id);
  const calls = await h.calls(id);
  assert.equal(mine.length, 7, '3 busy, 2 unanswered + 1 answered, 1 answered');
  assert.equal(new Set(mine.map((l) => l.attemptId)).size, mine.length, 'no attempt dialed twice');
  assert.deepEqual(
    mine.map((l) => [l.attemptId, l.number, l.attempt, l.at]).sort(),
    calls.map((c) => [c.callId, c.dialed, c.attempt, c.startedAt]).sort());
  assert.deepEqual(Object.keys(mine[0]!), ['attemptId', 'taskId', 'number', 'attempt', 'at']);
});

test('the clock never goes back; GET shows it; stats count dials by code', async () => {
  const now = await h.now();
  const back = await h.admin('POST', 'clock/advance', { to: now - 1 });
  assert.equal(back.status, 409);
  assert.match(String(back.json.error), /cannot go back/);
  assert.equal((await h.admin('POST', 'clock/advance', { ms: -5 })).status, 409, 'going back by ms is the same conflict as going back by to');
  assert.equal((await h.admin('POST', 'clock/advance', { ms: 1.5 })).status, 400);
  assert.equal((await h.admin('POST', 'clock/advance', { hours: 1 })).status, 400);
  const clock = (await h.admin('GET', 'clock')).json;
  assert.deepEqual([clock.mode, clock.now], ['manual', now]);
  const stats = (await h.admin('GET', 'carrier/stats')).json as { dials: number; byCode: Record<string, number> };
  assert.equal(stats.dials, Object.values(stats.byCode).reduce((a, b) => a + b, 0));
  assert.ok(stats.byCode['200002']! >= 3);
});

test('BatchRobotSmartCall creates and starts a task; QueryCallDetailByTaskId reads its calls', async () => {
  const r = await h.ok('BatchRobotSmartCall', {
    CalledNumber: '13800200000,13800200002', CalledShowNumber: '057156860006', DialogId: String(ROBOT), TaskName: '批量外呼',
    CorpName: '某某科技', EarlyMediaAsr: true,
  });
  assert.match(String(r.TaskId), /^\d+$/);
  assert.equal(r.Data, undefined);
  const id = Number(r.TaskId);
  await h.advance(HOUR);
  const detail = await h.detail(id);
  assert.deepEqual([detail.status, (detail as unknown as { retryType: number }).retryType], ['FINISH', 0]);
  const answered = data<Record<string, unknown>>(await h.call('QueryCallDetailByTaskId', { TaskId: String(id), Callee: '13800200000', QueryDate: await h.now() }));
  assert.deepEqual([answered.statusCode, answered.state, answered.callee, answered.calleeShowNumber], ['200000', '200000', '13800200000', '057156860006']);
  assert.equal(typeof answered.duration, 'number');
  const roles = (answered.dialogDetail as Array<{ role: string; startTime: string }>);
  assert.equal(roles[0]!.role, 'robot');
  assert.match(roles[0]!.startTime, /^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} CST \d{4}$/);
  const busy = data<Record<string, unknown>>(await h.call('QueryCallDetailByTaskId', { TaskId: String(id), Callee: '13800200002', QueryDate: 0 }));
  assert.deepEqual([busy.state, busy.stateDesc, busy.startDate, busy.dialogDetail], ['200002', '占线', '', []]);
});

test('BatchRobotSmartCall refuses more than 1,000 callees, a missing CorpName, a schedule without time', async () => {
  const base = { CalledShowNumber: '057156860006', DialogId: String(ROBOT), TaskName: 'x', CorpName: 'c' };
  const taskCount = async () => Number((await h.call('QueryRobotTaskList', {})).body.TotalCount);
  const before = await taskCount();
  const many = Array.from({ length: 1001 }, (_, i) => `1391000${String(i).padStart(4, '0')}`).join(',');
  assert.equal((await h.call('BatchRobotSmartCall', { ...base, CalledNumber: many })).body.Code, 'isv.VOICE_ROBOT_CALLEE_LIMIT');
  const { CorpName: _, ...noCorp } = base;
  assert.equal((await h.call('BatchRobotSmartCall', { ...noCorp, CalledNumber: '13800200000' })).body.Code, 'MissingCorpName');
  assert.equal((await h.call('BatchRobotSmartCall', { ...base, CalledNumber: '13800200000,1234' })).body.Code, 'isv.MOBILE_NUMBER_ILLEGAL');
  assert.equal(await taskCount(), before, 'a refused call stores no task');
  assert.equal((await h.call('BatchRobotSmartCall', { ...noCorp, IsSelfLine: true, CalledShowNumber: '01012345678', CalledNumber: '13800200000' })).body.Code, 'OK');
  assert.equal((await h.call('BatchRobotSmartCall', { ...base, CalledNumber: '13800200000', ScheduleCall: true })).body.Code, 'MissingScheduleTime');
  assert.equal((await h.call('BatchRobotSmartCall', { ...base, CalledNumber: '13800200000', CalledShowNumber: '01099999999' })).body.Code, 'isv.DISPLAY_NUMBER_ILLEGAL');
  const at = (await h.now()) + HOUR;
  const scheduled = await h.ok('BatchRobotSmartCall', { ...base, CalledNumber: '13800200000', ScheduleCall: true, ScheduleTime: at });
  const d = await h.detail(Number(scheduled.TaskId));
  assert.deepEqual([d.status, d.scheduleType], ['READY', 'ORDER']);
});

test('reset returns to seed state: no tasks or scenarios, demo robots, unlimited balance; keys stay', async () => {
  await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/1000000099301`, { name: 'temp', auditStatus: 'AUDITPASS' });
  await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT}`, { auditStatus: 'AUDITFAIL' });
  await h.admin('PUT', 'carrier/scenarios/13800138000', { outcomes: ['200002'] });
  await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/balance`, { balanceFen: 50 });
  assert.equal((await h.admin('POST', 'reset')).status, 200);
  assert.equal(JSON.parse(String((await h.call('QueryRobotTaskList', {})).body.Data)).length, 0);
  const robots = (await h.admin('GET', `accounts/${TEST_KEY.accessKeyId}/robots`)).json.robots as Array<{ robotId: number; auditStatus: string }>;
  assert.deepEqual(robots.map((r) => [r.robotId, r.auditStatus]).slice(0, 2), [[ROBOT, 'AUDITPASS'], [ROBOT + 1, 'AUDITPASS']]);
  assert.equal(robots.length, 4);
  assert.deepEqual((await h.admin('GET', 'carrier/scenarios')).json.scenarios, []);
  assert.equal((await h.admin('GET', `accounts/${TEST_KEY.accessKeyId}/balance`)).json.balanceFen, null);
  // The key still works and new tasks run.
  const id = await h.task(['13800200000'], { Caller: CALLERS });
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'FINISH');
});
