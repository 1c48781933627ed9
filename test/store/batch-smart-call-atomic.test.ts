// BatchRobotSmartCall creates, fills and starts a task in one transaction: a request that fails at
// any step stores nothing, neither in the database nor in the embedded store's cache. Its three
// writes used to commit one by one, so a failure after the first (a PostgreSQL backend killed
// mid-request) left an empty INIT task, or one with all its numbers, behind a 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrate } from '../../src/store/migrate.js';
import { client } from '../support/clients.js';
import { startOnPreparedStore, type TestServer } from '../support/test-server.js';

let prepared: Awaited<ReturnType<typeof startOnPreparedStore>> | null = null;
let s: TestServer | null = null;


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
  prepared = await startOnPreparedStore(async (db) => {
    await migrate(db);
    for (const statement of FAULTS.split(/;\n(?=create)/)) await db.query(statement);
  }, { flags: { engine: 'off' } });
  s = prepared.server;
});
after(async () => {
  await prepared?.close();
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

  await prepared!.stopServer(); // the store is read directly, as nothing but its own rows
  const db = await prepared!.openDb();
  try {
    const rows = await db.query<{ name: string; status: string; total_count: number; batches: number }>(
      'select name, status, total_count, (select count(*)::int from called_batches b where b.task_id = t.id) as batches from tasks t');
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ name: 'fine', status: 'READY', total_count: 2, batches: 1 }]);
  } finally {
    await db.close();
  }
});
