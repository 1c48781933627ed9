import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { CLIENT_NAMES, client, data, type Caller } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { rawCall } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Row { id: number; taskName: string; status: string; createTime: string; fireTime: string; completeTime: string; totalCount: number }

const NAMES = ['回访 100%', '回访_a', '回访A', 'other', 'Other task', '回访 b', 'x%y', 'last'];
let s: TestServer;
let call: Caller;
const ids: number[] = [];

before(async () => {
  // Engine off: the rows' statuses are part of the golden page.
  s = await startTestServer({ flags: { engine: 'off' } });
  call = client('openapi-v3', s);
  for (const name of NAMES) {
    const id = Number((await call('CreateRobotTask', {
      TaskName: name, DialogId: 1000000075004, Caller: '057156860006', NumberStatusIdent: true, RetryType: 0,
    })).body.Data);
    ids.push(id);
  }
  await call('UploadRobotTaskCalledFile', { Id: ids[0]!, CalledNumber: '13800138000,13900139000' });
  await call('StartRobotTask', { TaskId: ids[0]! });
  await call('CancelRobotTask', { TaskId: ids[1]! });
});
after(async () => { await s.close(); });

test('rows are newest first, in the documented shape, with paging fields as strings', async () => {
  const r = await call('QueryRobotTaskList', { PageNo: 1, PageSize: 3 });
  assertGolden(r.body, loadGolden('QueryRobotTaskList'), { pageNo: '1', pageSize: '3', totalCountText: String(NAMES.length) });
  const rows = data<Row[]>(r);
  assert.deepEqual(rows.map((x) => x.id), [...ids].reverse().slice(0, 3));
  assertGolden(rows[0], loadGolden('task-list-row'), {
    taskId: ids.at(-1), taskName: 'last', status: 'INIT', scheduleType: 'SINGLE', fireTime: '', completeTime: '', totalCount: 0,
  });
  const started = data<Row[]>(await call('QueryRobotTaskList', { Status: 'READY' }));
  assertGolden(started[0], loadGolden('task-list-row'), {
    taskId: ids[0], taskName: NAMES[0], status: 'READY', scheduleType: 'SINGLE', fireTime: '', completeTime: '', totalCount: 2,
  });
});

test('every official client gets the same page in the same shape', async () => {
  for (const name of CLIENT_NAMES) {
    const r = await client(name, s)('QueryRobotTaskList', { PageNo: 2, PageSize: 3, Status: 'INIT' });
    assertGolden(r.body, loadGolden('QueryRobotTaskList'), { pageNo: '2', pageSize: '3', totalCountText: String(NAMES.length - 2) });
    assert.deepEqual(data<Row[]>(r).map((x) => x.id), ids.filter((_, i) => i >= 2).reverse().slice(3, 6), name);
  }
});

test('paging defaults to page 1 of 10 and runs past the end to an empty page', async () => {
  const first = await call('QueryRobotTaskList');
  assert.deepEqual([first.body.PageNo, first.body.PageSize, first.body.TotalCount], ['1', '10', String(NAMES.length)]);
  assert.equal(data<Row[]>(first).length, NAMES.length);
  const p2 = await call('QueryRobotTaskList', { PageNo: 2, PageSize: 5 });
  assert.deepEqual(data<Row[]>(p2).map((x) => x.id), ids.slice(0, 3).reverse());
  const beyond = await call('QueryRobotTaskList', { PageNo: 9, PageSize: 5 });
  assert.deepEqual([data<Row[]>(beyond).length, beyond.body.TotalCount], [0, String(NAMES.length)]);
});

test('TaskName is a case-sensitive substring where % and _ are plain characters', async () => {
  const names = async (q: string) => data<Row[]>(await call('QueryRobotTaskList', { TaskName: q, PageSize: 100 })).map((x) => x.taskName).sort();
  assert.deepEqual(await names('回访'), ['回访 100%', '回访 b', '回访A', '回访_a'].sort());
  assert.deepEqual(await names('%'), ['回访 100%', 'x%y'].sort());
  assert.deepEqual(await names('_'), ['回访_a']);
  assert.deepEqual(await names('other'), ['other']);
});

test('Status and Time filter and combine', async () => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const count = async (p: Record<string, string>) => Number((await call('QueryRobotTaskList', p)).body.TotalCount);
  assert.equal(await count({ Time: today }), NAMES.length);
  assert.equal(await count({ Time: '2019-06-14' }), 0);
  assert.equal(await count({ Status: 'CANCEL' }), 1);
  assert.equal(await count({ Status: 'CANCEL', Time: today }), 1);
  assert.equal(await count({ Status: 'CANCEL', TaskName: 'other' }), 0);
  const cancelled = data<Row[]>(await call('QueryRobotTaskList', { Status: 'CANCEL' }))[0]!;
  assert.match(cancelled.completeTime, /^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}$/);
});

test('Format=XML wraps the same JSON text in <QueryRobotTaskListResponse>', async () => {
  const json = await call('QueryRobotTaskList', { PageSize: 2 });
  const r = await rawCall(s.port, 'QueryRobotTaskList', { PageSize: '2' }, { ...s, secret: s.accessKeySecret, common: { Format: 'XML' } });
  assert.equal(r.contentType, 'text/xml;charset=utf-8');
  assert.match(r.text, /^<\?xml version='1\.0' encoding='UTF-8'\?><QueryRobotTaskListResponse><RequestId>/);
  const parsed = new XMLParser({ parseTagValue: false }).parse(r.text).QueryRobotTaskListResponse;
  assert.deepEqual(Object.keys(parsed), ['RequestId', 'Code', 'Message', 'PageNo', 'PageSize', 'TotalCount', 'Data']);
  assert.equal(parsed.Data, json.body.Data);
  const noFormat = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { Format: undefined } });
  assert.equal(noFormat.contentType, 'text/xml;charset=utf-8', 'v1 without Format answers XML');
  const err = await rawCall(s.port, 'QueryRobotTaskDetail', {}, { ...s, secret: s.accessKeySecret, common: { Format: 'xml' } });
  assert.equal(err.status, 400);
  const e = new XMLParser().parse(err.text).Error;
  assert.deepEqual([e.Code, Object.keys(e)], ['MissingId', ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']]);
});
