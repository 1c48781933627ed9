// A whole campaign driven only through CLI commands (child processes) against a real server on a fast
// clock: create with `call`, `import` an .xlsx with TTS columns, `call StartRobotTask`, wait on
// `tasks --json` for FINISH, `export` the calls to .csv and .xlsx, and check both against the API.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { client, data } from '../support/clients.js';
import { xlsxOf } from '../support/callee-files.js';
import { CALLERS, ROBOT } from '../support/engine.js';
import { runCli } from '../support/process.js';
import { startTestServer, TEST_KEY, type TestServer } from '../support/test-server.js';

let s: TestServer;
let dir: string;
before(async () => {
  s = await startTestServer({ flags: { clock: 'scaled:3600', carrierTiming: 'zero' } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-campaign-'));
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret, ROBOTCALL_ENDPOINT: '' };
const cli = (args: string[]) => runCli([...args, '--endpoint', `127.0.0.1:${s.port}`], ENV);

test('create, import an .xlsx, start, watch to FINISH and export the calls, all through the CLI', async () => {
  // 25 numbers: busy ones redialed once, the rest drawn from the carrier's distribution; one row refused.
  const numbers = [...Array.from({ length: 20 }, (_, i) => String(13700000000 + i)), '13800200002', '13800200003', '13902200002', '13900000009', '+8613600000001'];
  const rows: Array<Array<string | number>> = [['number', 'name', 'amount'], ...numbers.map((n, i) => [n, `客户${i}`, i * 10]), ['12345', 'bad', 1]];
  const sheet = path.join(dir, 'callees.xlsx');
  writeFileSync(sheet, await xlsxOf(rows));

  const created = await cli(['call', 'CreateRobotTask', '--TaskName', 'CLI 回访', '--DialogId', String(ROBOT), '--Caller', CALLERS, '--CorpName', '某某科技',
    '--NumberStatusIdent', 'false', '--RetryType', '1', '--RecallStateCodes', '200002', '--RecallTimes', '1', '--RecallInterval', '2', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const taskId = Number(JSON.parse(created.stdout).Data);

  const errors = path.join(dir, 'refused.csv');
  const imported = await cli(['import', String(taskId), sheet, '--json', '--errors', errors, '--batch-rows', '10']);
  assert.equal(imported.code, 3, `one row refused: exit 3\n${imported.stderr}`);
  const summary = JSON.parse(imported.stdout) as { rows: number; valid: number; sent: number; uploads: number; added: number; variables: string[]; errors: { count: number; sample: Array<{ row: number; number: string }> } };
  assert.deepEqual([summary.rows, summary.valid, summary.sent, summary.uploads, summary.added], [26, 25, 25, 3, 25]);
  assert.deepEqual(summary.variables, ['name', 'amount']);
  assert.deepEqual(summary.errors.sample.map((e) => [e.row, e.number]), [[27, '12345']]);
  assert.deepEqual(parse(readFileSync(errors), { bom: true }), [['row', 'number', 'reason'], ['27', '12345', '"12345" is not a valid mainland China number']]);

  const official = client('openapi-v3', s);
  const detail = data<{ called: Array<{ fileName: string; ossFilePath: string }> }>(await official('QueryRobotTaskDetail', { Id: taskId }));
  assert.equal(detail.called.length, 3, 'three uploads of at most 10 rows');
  // Every row's TTS values arrived with it, in every upload: the third is written over the first's
  // bytes once that one was answered (callee-uploader.ts), so a buffer reused too early shows here.
  const uploaded: string[][] = [];
  for (const file of detail.called) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await fetch(file.ossFilePath)).arrayBuffer()) as unknown as ArrayBuffer);
    workbook.worksheets[0]!.eachRow((r, n) => { if (n > 1) uploaded.push((r.values as unknown[]).slice(1).map(String)); });
  }
  // Two uploads are in flight at once, so the files may be in either order.
  const byNumber = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
  assert.deepEqual(uploaded.sort(byNumber), numbers.map((n, i) => [n, `客户${i}`, String(i * 10)]).sort(byNumber));

  const started = await cli(['call', 'StartRobotTask', '--TaskId', String(taskId)]);
  assert.equal(started.code, 0, started.stdout + started.stderr);

  let row: { status: string; totalCount: number; finishCount: number } | undefined;
  for (let i = 0; i < 30 && row?.status !== 'FINISH'; i++) {
    const listed = await cli(['tasks', '--json', '--name', 'CLI 回访']);
    assert.equal(listed.code, 0, listed.stderr);
    row = (JSON.parse(listed.stdout) as Array<{ id: number; status: string; totalCount: number; finishCount: number }>).find((t) => t.id === taskId);
  }
  assert.deepEqual(row && [row.status, row.totalCount, row.finishCount], ['FINISH', 25, 25]);
  const table = await cli(['tasks', '--name', 'CLI 回访']);
  assert.match(table.stdout, new RegExp(`${taskId}\\s+FINISH\\s+█{20} 100% 25/25 .* CLI 回访`));

  const fromApi: Array<Record<string, string>> = [];
  for (let page = 1; ; page++) {
    const calls = data<Array<Record<string, string>>>(await official('QueryRobotTaskCallList', { TaskId: taskId, PageNo: page, PageSize: 10 }));
    fromApi.push(...calls);
    if (calls.length < 10) break;
  }
  assert.equal(fromApi.length, 25);
  assert.deepEqual(new Set(fromApi.map((c) => c.called)), new Set(numbers));
  assert.ok(fromApi.some((c) => c.recallCurTimes === '1'), 'the busy numbers were redialed');

  const csvFile = path.join(dir, 'calls.csv');
  const csvRun = await cli(['export', String(taskId), '--calls', csvFile]);
  assert.equal(csvRun.code, 0, csvRun.stderr);
  assert.match(csvRun.stdout, /25 calls written/);
  const [header, ...csvRows] = parse(readFileSync(csvFile), { bom: true }) as string[][];
  assert.deepEqual(header, Object.keys(fromApi[0]!), 'the columns are the API\'s fields, in its order');
  assert.deepEqual(csvRows.map((r) => Object.fromEntries(header!.map((k, i) => [k, r[i]]))), fromApi);

  const xlsxFile = path.join(dir, 'calls.xlsx');
  const xlsxRun = await cli(['export', String(taskId), '--calls', xlsxFile, '--json']);
  assert.deepEqual(JSON.parse(xlsxRun.stdout), { taskId, status: 'FINISH', calls: 25, file: xlsxFile });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  const sheetRows = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => Array.from((r as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v))));
  assert.deepEqual(sheetRows[0], header);
  assert.deepEqual(sheetRows.slice(1), csvRows);
});
