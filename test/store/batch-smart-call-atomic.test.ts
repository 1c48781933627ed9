// BatchRobotSmartCall creates, fills and starts a task in one transaction: a request that fails at
// any step stores nothing, neither in the database nor in the embedded store's cache. Its three
// writes used to commit one by one, so a failure after the first (a PostgreSQL backend killed
// mid-request) left an empty INIT task, or one with all its numbers, behind a 500.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Database } from '../../src/store/executor.js';
import { migrate } from '../../src/store/migrate.js';
import { openPglite } from '../../src/store/pglite.js';
import { openPostgres } from '../../src/store/postgres.js';
import { client } from '../support/clients.js';
import { freshDataDir, freshDatabase, startTestServer, usePostgres, type TestServer } from '../support/test-server.js';

let target: { dataDir?: string; databaseUrl?: string };
let cleanup: () => Promise<void>;
let s: TestServer | null = null;

const openDb = (): Promise<Database> => (target.databaseUrl ? openPostgres(target.databaseUrl) : openPglite(path.join(target.dataDir!, 'pglite')));

// Real database errors, raised only for tasks with these names: one as the batch is stored (after
// the task row), one as the task moves INIT -> READY (after the batch).
const FAULTS = `
create function fail_at_fill() returns trigger language plpgsql as $$
begin
  if (select name from tasks where id = new.task_id) = 'fail-at-fill' then raise exception 'injected: batch insert'; end if;
  return new;
end $$;
create trigger fail_at_fill before insert on called_batches for each row execute function fail_at_fill();
create function fail_at_start() returns trigger language plpgsql as $$
begin
  if new.name = 'fail-at-start' and old.status = 'INIT' and new.status = 'READY' then raise exception 'injected: start'; end if;
  return new;
end $$;
create trigger fail_at_start before update on tasks for each row execute function fail_at_start();
`;

before(async () => {
  if (usePostgres) {
    const fresh = await freshDatabase();
    target = { databaseUrl: fresh.url };
    cleanup = fresh.drop;
  } else {
    const dir = await freshDataDir();
    target = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const db = await openDb();
  await migrate(db);
  for (const statement of FAULTS.split(/;\n(?=create)/)) await db.query(statement);
  await db.close();
  s = await startTestServer({ ...target, keepStore: true, flags: { engine: 'off' } });
});
after(async () => {
  await s?.close();
  await cleanup();
});

test('a BatchRobotSmartCall that fails mid-way stores no task, batch or cached copy', async () => {
  const call = client('openapi-v3', s!);
  const batch = (TaskName: string) => call('BatchRobotSmartCall', {
    CalledNumber: '13800200000,13800200002', CalledShowNumber: '057156860006', DialogId: 1000000075003, TaskName, CorpName: 'c',
  });
  for (const name of ['fail-at-fill', 'fail-at-start']) {
    const failed = await batch(name);
    assert.equal(failed.status, 500, `${name}: ${JSON.stringify(failed.body)}`);
    // Served from the cache on the embedded store, from SQL on PostgreSQL.
    const listed = await call('QueryRobotTaskList', { TaskName: name });
    assert.equal(Number(listed.body.TotalCount), 0, `${name}: ${JSON.stringify(listed.body)}`);
  }

  const ok = await batch('fine');
  assert.equal(ok.body.Code, 'OK', JSON.stringify(ok.body));
  const detail = await call('QueryRobotTaskDetail', { Id: Number(ok.body.TaskId) });
  assert.equal(JSON.parse(String(detail.body.Data)).status, 'READY');

  await s!.close();
  s = null;
  const db = await openDb();
  try {
    const rows = await db.query<{ name: string; status: string; total_count: number; batches: number }>(
      'select name, status, total_count, (select count(*)::int from called_batches b where b.task_id = t.id) as batches from tasks t');
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ name: 'fine', status: 'READY', total_count: 2, batches: 1 }]);
  } finally {
    await db.close();
  }
});
