import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newKey } from '../support/admin.js';
import { csvOf, xlsxOf } from '../support/callee-files.js';
import { ConsoleClient } from '../support/console-client.js';
import { CALLERS, EngineHarness, HOUR, ROBOT } from '../support/engine.js';

interface Availability { allowed: boolean; reason?: string }
interface TaskView { id: number; status: string; totalCount: number; finishCount: number; actions: Record<string, Availability> }
interface Report { rows: number; valid: number; added: number; alreadyInTask: number; variables: string[];
  duplicates: { count: number; sample: Array<{ row: number; number: string }> }; errors: { count: number; sample: Array<{ row: number; message: string }> } }

let h: EngineHarness;
let c: ConsoleClient;
before(async () => {
  h = await EngineHarness.start();
  c = await ConsoleClient.signIn(h.s.port, h.s.accessKeyId, h.s.accessKeySecret);
});
after(async () => { await h.close(); });

const spec = { name: '控制台任务', robotId: ROBOT, callers: CALLERS.split(','), corpName: '测试公司', retry: null };
const errorCode = (r: { json: unknown }) => (r.json as { error: { code: string } }).error.code;
const done = (lines: Array<Record<string, unknown>>) => {
  const last = lines.at(-1)!;
  assert.ok(last.done, JSON.stringify(last));
  return last.done as Report;
};

test('a task the rules refuse is not created, and says which field is wrong', async () => {
  const cases: Array<[Record<string, unknown>, number, string]> = [
    [{ ...spec, name: 'x'.repeat(31) }, 400, 'InvalidName'],
    [{ ...spec, name: 'a\u0000b' }, 400, 'InvalidParameter'],
    [{ ...spec, name: ' \u3000 ' }, 400, 'MissingTaskName'],
    [{ ...spec, robotId: 1000000075005 }, 400, 'isv.TEMPLATE_ILLEGAL'],
    [{ ...spec, callers: ['02100000000'] }, 400, 'isv.DISPLAY_NUMBER_ILLEGAL'],
    [{ ...spec, retry: { codes: ['200001'], times: 1, intervalMin: 2 } }, 400, 'InvalidRetry'],
    [{ ...spec, extra: 1 }, 400, 'InvalidParameter'],
  ];
  for (const [body, status, code] of cases) {
    const r = await c.post('/tasks', body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(errorCode(r), code, JSON.stringify(r.json));
  }
  assert.equal((await c.get<{ total: number }>('/tasks')).json.total, 0);
});

test('a spreadsheet is checked row by row: bad rows and repeats reported with their row numbers, nothing written', async () => {
  const file = await xlsxOf([
    ['number', 'name', 'amount'],
    ['13800000001', '张三', 100],
    [13800000002, '李四', '200'],
    ['12345', '王五', '1'],
    ['13800000001', '重复', '1'],
    ['13800000003', 'x'.repeat(501), '1'],
    ['13800000004', '赵六'],
  ]);
  const r = await c.upload('/callees/check?name=callees.xlsx', file);
  assert.equal(r.status, 200);
  const report = done(r.lines);
  assert.deepEqual(report.variables, ['name', 'amount']);
  assert.equal(report.rows, 6);
  assert.equal(report.valid, 3);
  assert.deepEqual(report.errors.sample.map((e) => e.row), [4, 6]);
  assert.match(report.errors.sample[0]!.message, /"12345" is not a valid/);
  assert.deepEqual(report.duplicates.sample, [{ row: 5, number: '13800000001' }]);
  assert.equal(report.added, 0);
});

test('a file that is no spreadsheet, or has a bad header, is refused as a whole', async () => {
  const t = (await c.post<{ task: TaskView }>('/tasks', spec)).json.task;
  const notXlsx = await c.upload(`/tasks/${t.id}/callees?name=a.xlsx`, Buffer.from('number\n13800000001\n'));
  assert.equal((notXlsx.lines[0]!.failed as { code: string }).code, 'InvalidFile');
  const twice = await c.upload(`/tasks/${t.id}/callees?name=a.csv`, csvOf([['number', 'v', 'v'], ['13800000001', '1', '2']]));
  assert.match((twice.lines[0]!.failed as { message: string }).message, /named twice/);
  const badName = await c.request('POST', `/tasks/${t.id}/callees?name=a.txt`, Buffer.from('x'));
  assert.equal(errorCode(badName), 'InvalidFileName');
  assert.equal((await c.get<{ task: TaskView }>(`/tasks/${t.id}`)).json.task.totalCount, 0);
  assert.equal((await c.request('DELETE', `/tasks/${t.id}`)).status, 200);
});

test('a campaign through the console: create, upload a sheet with TTS columns, start, charts, timeline, calls, transcript', async () => {
  await h.advanceTo(await h.nextLocal('10:00'));
  const created = await c.post<{ task: TaskView }>('/tasks', { ...spec, retry: { codes: ['200002', '200003'], times: 1, intervalMin: 2 } });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const task = created.json.task;
  assert.equal(task.status, 'INIT');
  assert.deepEqual(task.actions.start, { allowed: false, why: 'no-callees', reason: 'The task has no callee numbers yet: upload numbers first.' });
  assert.equal(task.actions.delete!.allowed, true);

  const sheet = csvOf([['number', 'name'], ['13800000001', '张三'], ['13800000002', '李四'], ['13800000003', '王五']]);
  const first = done((await c.upload(`/tasks/${task.id}/callees?name=c.csv`, sheet)).lines);
  assert.deepEqual([first.valid, first.added, first.alreadyInTask], [3, 3, 0]);
  const again = done((await c.upload(`/tasks/${task.id}/callees?name=c.csv`, sheet)).lines);
  assert.deepEqual([again.added, again.alreadyInTask], [0, 3]);

  const started = await c.post<{ task: TaskView }>(`/tasks/${task.id}/start`);
  assert.equal(started.json.task.status, 'READY', JSON.stringify(started.json));
  assert.equal(started.json.task.actions.delete!.allowed, false);
  assert.match(started.json.task.actions.delete!.reason!, /cancel it first/);
  await h.advance(HOUR);

  const detail = {
    ...(await c.get<{ task: TaskView & { completeTime: number; createdAt: number }; timeline: Array<{ status: string; at: number }> }>(`/tasks/${task.id}`)).json,
    ...(await c.get<{ outcomes: Array<{ code: string; meaning: string; count: number }>; callsOverTime: { bucketMs: number; points: Array<{ count: number }> } }>(`/tasks/${task.id}/stats`)).json,
  };
  assert.equal(detail.task.status, 'FINISH');
  assert.deepEqual(detail.timeline.map((e) => e.status).filter((s, i, all) => all.indexOf(s) === i).slice(0, 2), ['INIT', 'READY']);
  assert.equal(detail.timeline.at(-1)!.status, 'FINISH');
  // Each status at the engine time it was taken, not when the database got to it.
  const at = Object.fromEntries(detail.timeline.map((e) => [e.status, e.at]));
  assert.equal(at.INIT, detail.task.createdAt);
  assert.equal(at.FINISH, detail.task.completeTime);
  assert.ok(at.READY! <= at.DISPATCH! && at.DISPATCH! <= at.EXCUTING! && at.EXCUTING! <= at.FINISH!, JSON.stringify(detail.timeline));
  assert.ok(at.EXCUTING! < at.READY! + HOUR / 2, 'dispatch stamped at its own pass, not at the end of the clock advance');
  assert.equal(detail.outcomes.reduce((n, o) => n + o.count, 0), 3, 'one outcome per callee');
  const attempts = (await h.calls(task.id)).length;
  assert.equal(detail.callsOverTime.points.reduce((n, p) => n + p.count, 0), attempts, 'every dial in the chart');

  const page1 = (await c.get<{ calls: Array<{ callee: string; code: string }>; hasMore: boolean }>(`/tasks/${task.id}/calls?limit=2`)).json;
  assert.equal(page1.calls.length, 2);
  assert.equal(page1.hasMore, true);
  const page2 = (await c.get<{ calls: Array<{ callee: string; code: string }>; hasMore: boolean }>(`/tasks/${task.id}/calls?limit=2&offset=2`)).json;
  assert.deepEqual([page2.calls.length, page2.hasMore], [1, false]);
  const answered = [...page1.calls, ...page2.calls].find((k) => k.code === '200000' || k.code === '200001');
  if (answered) {
    const call = (await c.get<{ transcript: Array<{ role: string; content: string }> }>(`/tasks/${task.id}/calls/${answered.callee}`)).json;
    assert.ok(call.transcript.length > 0 && call.transcript[0]!.role === 'robot');
  }
  const byCode = (await c.get<{ calls: unknown[] }>(`/tasks/${task.id}/calls?code=${page1.calls[0]!.code}`)).json.calls;
  assert.ok(byCode.length >= 1);
});

test('another account sees none of the first one\'s tasks and can act on none', async () => {
  const mine = (await c.post<{ task: TaskView }>('/tasks', spec)).json.task;
  const k = await newKey(h.s.port, 'someone-else');
  const other = await ConsoleClient.signIn(h.s.port, k.AccessKeyId, k.AccessKeySecret);
  assert.equal((await other.get<{ total: number }>('/tasks')).json.total, 0);
  for (const [method, path] of [['GET', `/tasks/${mine.id}`], ['GET', `/tasks/${mine.id}/calls`], ['POST', `/tasks/${mine.id}/cancel`], ['DELETE', `/tasks/${mine.id}`]] as const) {
    const r = await other.request(method, path, method === 'POST' ? {} : undefined);
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(errorCode(r), 'isv.TASK_NOT_FOUND');
  }
  assert.equal((await other.request('POST', `/tasks/${mine.id}/callees?name=a.csv`, csvOf([['n'], ['13800000009']]))).status, 404);
  assert.equal((await c.get<{ task: TaskView }>(`/tasks/${mine.id}`)).json.task.status, 'INIT');
});

test('paging and filter values out of bounds answer 400, never a 500', async () => {
  for (const q of ['limit=1000', 'offset=-1', 'offset=99999999999', 'status=RUNNING', 'date=2026-02-30', 'name=' + 'x'.repeat(31), 'bogus=1']) {
    const r = await c.get(`/tasks?${q}`);
    assert.equal(r.status, 400, q);
  }
  assert.equal((await c.get('/tasks/abc')).status, 404);
  assert.equal((await c.get('/tasks/99999999999999999999')).status, 404);
});
