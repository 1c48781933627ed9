// A 300,000-row workbook with two TTS columns through the console's upload (docs/console.md): read as
// a stream with progress every 10,000 rows, every row counted, and the task filled in one batch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { largeCalleeWorkbook } from '../support/callee-files.js';
import { ConsoleClient } from '../support/console-client.js';
import { CALLERS, ROBOT } from '../support/engine.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

test('300,000 rows of numbers with two TTS columns: progress all the way, every row counted, one batch', async () => {
  const file = await largeCalleeWorkbook(300_000);
  const c = await ConsoleClient.signIn(s.port, s.accessKeyId, s.accessKeySecret);
  const task = (await c.post<{ task: { id: number } }>('/tasks', { name: '三十万', robotId: ROBOT, callers: CALLERS.split(','), corpName: '测试公司' })).json.task;
  const started = performance.now();
  const r = await c.upload(`/tasks/${task.id}/callees?name=big.xlsx`, file);
  const ms = performance.now() - started;
  assert.equal(r.status, 200);
  const progress = r.lines.filter((l) => l.progress).map((l) => (l.progress as { rows: number }).rows);
  assert.deepEqual(progress.slice(0, 3), [10_000, 20_000, 30_000]);
  assert.equal(progress.at(-1), 300_000);
  const done = r.lines.at(-1)!.done as { rows: number; valid: number; added: number; variables: string[] };
  assert.deepEqual([done.rows, done.valid, done.added, done.variables], [300_000, 300_000, 300_000, ['name', 'amount']]);
  assert.equal((await c.get<{ task: { totalCount: number } }>(`/tasks/${task.id}`)).json.task.totalCount, 300_000);
  console.log(`# console: a 300,000-row .xlsx (${(file.length / 1e6).toFixed(1)} MB) read and added in ${(ms / 1000).toFixed(1)} s`);
  // One row more than a task holds is refused as a whole, and nothing is added.
  const other = (await c.post<{ task: { id: number } }>('/tasks', { name: '太多', robotId: ROBOT, callers: CALLERS.split(','), corpName: '测试公司' })).json.task;
  const tooMany = await c.upload(`/tasks/${other.id}/callees?name=big.csv`, Buffer.from(`number\n${Array.from({ length: 300_001 }, (_, i) => 13000000000 + i).join('\n')}\n`));
  assert.match((tooMany.lines.at(-1)!.failed as { message: string }).message, /more than 300,000 rows/);
  assert.equal((await c.get<{ task: { totalCount: number } }>(`/tasks/${other.id}`)).json.task.totalCount, 0);
});
