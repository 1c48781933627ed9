// What `serve` logs while it works: one access line per RPC request and the lifecycle of each task,
// at info, as JSON lines or readable ones (--log-format), and nothing of it at --log-level warn.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { admin } from '../support/admin.js';
import { client } from '../support/clients.js';
import type { CliProcess } from '../support/process.js';
import { rawCall } from '../support/raw-request.js';
import { jsonLines, serve, waitFor, type Line } from '../support/logged-server.js';
import { TEST_KEY } from '../support/test-server.js';
import { formatTime } from '../../src/domain/zoned-time.js';

const accessLine = (p: CliProcess, requestId: unknown) =>
  waitFor(() => jsonLines(p).find((l) => l.msg === 'rpc' && l.requestId === requestId), `access line for ${String(requestId)}`);

async function runTask(port: number, numbers: string, extra: Record<string, string | number> = {}, start: Record<string, string> = {}): Promise<number> {
  const call = client('openapi-v3', { port, ...TEST_KEY });
  const created = await call('CreateRobotTask', {
    TaskName: 'logged', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'c', NumberStatusIdent: false, RetryType: 0, ...extra,
  });
  const id = Number(created.body.Data);
  assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers })).body.Code, 'OK');
  assert.equal((await call('StartRobotTask', { TaskId: id, ...start })).body.Code, 'OK');
  return id;
}

test('json at info: one access line per RPC request, ok, gateway error and business error alike', async (t) => {
  const { p, port } = await serve(t, ['--log-format', 'json', '--log-level', 'info']);
  const call = client('openapi-v3', { port, ...TEST_KEY });
  const ok = await call('QueryRobotTaskList', {});
  const okLine = await accessLine(p, ok.body.RequestId);
  assert.deepEqual(
    [okLine.level, okLine.action, okLine.code, okLine.status, okLine.accessKeyId, typeof okLine.accountId],
    [30, 'QueryRobotTaskList', 'OK', 200, TEST_KEY.accessKeyId, 'number']);
  assert.ok(typeof okLine.ms === 'number' && okLine.ms >= 0 && okLine.ms < 5000, String(okLine.ms));

  const business = await call('QueryRobotTaskDetail', { Id: 999 });
  assert.equal(business.body.Code, 'isv.TASK_NOT_FOUND');
  const businessLine = await accessLine(p, business.body.RequestId);
  assert.deepEqual([businessLine.action, businessLine.code, businessLine.status, businessLine.accountId], ['QueryRobotTaskDetail', 'isv.TASK_NOT_FOUND', 200, okLine.accountId]);

  const forged = await client('pop-get', { port, accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: 'wrong' })('QueryRobotInfoList', {});
  assert.equal(forged.body.Code, 'SignatureDoesNotMatch');
  const forgedLine = await accessLine(p, forged.body.RequestId);
  assert.deepEqual(
    [forgedLine.action, forgedLine.code, forgedLine.status, forgedLine.accessKeyId, forgedLine.accountId],
    ['QueryRobotInfoList', 'SignatureDoesNotMatch', 400, TEST_KEY.accessKeyId, undefined], 'a refused request is logged with what it claimed');

  const unknown = await client('openapi-v2', { port, accessKeyId: 'LTAInosuchkey', accessKeySecret: 'x' })('QueryRobotTaskList', {});
  const unknownLine = await accessLine(p, unknown.body.RequestId);
  assert.deepEqual([unknownLine.code, unknownLine.status, unknownLine.accessKeyId], ['InvalidAccessKeyId.NotFound', 404, 'LTAInosuchkey']);

  // Refused on its announced length, before a byte of it is read.
  const big = await new Promise<{ RequestId: string }>((resolve, reject) => {
    const req = http.request({ port, agent: false, method: 'POST', path: '/?Format=JSON&Action=CreateRobotTask', headers: { 'content-length': 9 * 1024 * 1024 } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve(JSON.parse(text) as { RequestId: string }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  const bigLine = await accessLine(p, big.RequestId);
  assert.deepEqual([bigLine.code, bigLine.status, bigLine.action], ['RequestTooLarge', 413, 'CreateRobotTask']);
  assert.equal(jsonLines(p).filter((l) => l.msg === 'rpc').length, 5, 'one line per request');
});

test('a task run to FINISH logs each status change, by the API or the engine, and its totals', async (t) => {
  // No --log-format: not on a terminal, so JSON.
  const { p, port } = await serve(t, ['--log-level', 'info', '--carrier-timing', 'zero']);
  const id = await runTask(port, '13800200000,13800200002', { RetryType: 1, RecallStateCodes: '200002', RecallTimes: 1, RecallInterval: 2 });
  assert.equal((await admin(port, 'POST', 'clock/advance', { ms: 3_600_000 })).status, 200);
  const moves = await waitFor(() => {
    const mine = jsonLines(p).filter((l) => l.taskId === id);
    return mine.some((l) => l.to === 'FINISH') ? mine : undefined;
  }, `FINISH of task ${id}`);
  // The API and the engine log side by side: only each one's own lines come in order.
  const row = (l: Line) => [l.msg, l.from, l.to, l.by, l.action];
  assert.deepEqual(moves.filter((l) => l.by === 'api').map(row), [['task started', 'INIT', 'READY', 'api', 'StartRobotTask']]);
  assert.deepEqual(moves.filter((l) => l.by === 'engine').map(row), [
    ['task status changed', 'READY', 'DISPATCH', 'engine', undefined],
    ['task status changed', 'DISPATCH', 'EXCUTING', 'engine', undefined],
    ['task finished', 'EXCUTING', 'FINISH', 'engine', undefined],
  ]);
  const finished = moves.find((l) => l.to === 'FINISH')!;
  assert.deepEqual([finished.totalCount, finished.finishCount, finished.calls, finished.callsByCode], [2, 2, 3, { 200000: 1, 200002: 2 }]);
  assert.match(String(finished.engineTime), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  // Started for later, so the engine cannot finish it first (it dials and finishes a started task in one pass).
  const cancelled = await runTask(port, '13800200000', {}, { ScheduleTime: formatTime(Date.now() + 30 * 86_400_000, 'Asia/Shanghai') });
  assert.equal((await client('pop-post', { port, ...TEST_KEY })('CancelRobotTask', { TaskId: cancelled })).body.Code, 'OK');
  // The cancel, and the line that moved the task to the status it was cancelled from (INIT → READY by the API).
  const cancel = await waitFor(() => {
    const mine = jsonLines(p).filter((l) => l.taskId === cancelled);
    const line = mine.find((l) => l.to === 'CANCEL');
    return line && mine.some((l) => l.to === line.from) ? line : undefined;
  }, 'the cancel and the move before it');
  assert.deepEqual([cancel.msg, cancel.by, cancel.action, cancel.totalCount], ['task finished', 'api', 'CancelRobotTask', 1]);
});

test('--log-level warn logs no access or task lines', async (t) => {
  const { p, port } = await serve(t, ['--log-level', 'warn', '--log-format', 'json', '--carrier-timing', 'zero']);
  const id = await runTask(port, '13800200000');
  await admin(port, 'POST', 'clock/advance', { ms: 3_600_000 });
  assert.equal((await client('openapi-v3', { port, ...TEST_KEY })('QueryRobotTaskDetail', { Id: id })).body.Code, 'OK');
  p.child.kill('SIGTERM');
  await p.exited();
  // Only the ready line, which prints at any level (as a JSON line, since stdout carries JSON).
  assert.deepEqual(jsonLines(p).map((l) => String(l.msg).replace(/ on .*/, '')), ['robotcall ready']);
  assert.doesNotMatch(p.stdout(), /"msg":"(rpc|task)/);
});

test('--log-format pretty prints readable lines', async (t) => {
  const { p, port } = await serve(t, ['--log-format', 'pretty', '--log-level', 'info']);
  const r = await client('pop-get', { port, ...TEST_KEY })('QueryRobotTaskList', {});
  const id = await runTask(port, '13800200000');
  await waitFor(() => (p.stdout().includes(`task ${id} `) ? true : undefined), 'a task line');
  const out = p.stdout();
  assert.doesNotMatch(out, /^\{/m, 'no JSON lines');
  assert.match(out, new RegExp(`^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\] INFO: rpc QueryRobotTaskList OK 200 [\\d.]+ ms `
    + `key ${TEST_KEY.accessKeyId} account \\d+ request ${String(r.body.RequestId)}$`, 'm'));
  assert.match(out, new RegExp(`INFO: task ${id} started: INIT → READY by StartRobotTask at engine time \\d{4}-\\d{2}-\\d{2} [\\d:]+$`, 'm'));
});

test('what a refused request claimed is logged cut to 256 characters, and pretty lines cannot be forged', async (t) => {
  const { p, port } = await serve(t, ['--log-format', 'pretty', '--log-level', 'info']);
  const huge = await rawCall(port, `A${'x'.repeat(200_000)}`, {}, { accessKeyId: `K${'y'.repeat(100_000)}`, secret: 's', inBody: true, method: 'POST' });
  const forged = await rawCall(port, 'Nope\n[2026-01-01 00:00:00.000] INFO: forged', {}, { accessKeyId: 'k', secret: 's' });
  await waitFor(() => (p.stdout().includes(String(forged.json().RequestId)) && p.stdout().includes(String(huge.json().RequestId)) ? true : undefined), 'both lines');
  const lines = p.stdout().split('\n');
  assert.ok(lines.every((l) => l.length < 1000), `longest line ${Math.max(...lines.map((l) => l.length))}`);
  assert.ok(lines.some((l) => l.includes(`A${'x'.repeat(255)}...[200001 characters]`)));
  assert.ok(!lines.some((l) => l.startsWith('[2026-01-01 00:00:00.000]')), 'no forged line');
  assert.ok(lines.some((l) => l.includes('rpc Nope\\n[2026-01-01 00:00:00.000] INFO: forged InvalidAction.NotFound')));
});
