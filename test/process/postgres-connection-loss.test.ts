// A server on PostgreSQL outlives its connections: a backend killed by an operator (or a PostgreSQL
// restart) under a transaction in progress is logged, the request fails, and the next one is
// served on a new connection. pg emits 'error' on a checked-out client nobody listens to, which
// used to end the process.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { client } from '../support/clients.js';
import { robotcall } from '../support/process.js';
import { TEST_KEY, freshDatabase, usePostgres } from '../support/test-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('killing robotcall\'s backends mid-transaction is logged and the next request is served', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const p = robotcall(['serve', '--port', '0', '--database-url', db.url, '--engine', 'off'], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { p.child.kill('SIGTERM'); await p.exited(); });
  const port = Number(new URL(await p.ready()).port);
  const call = client('openapi-v3', { port, ...TEST_KEY });
  const created = await call('CreateRobotTask', {
    TaskName: 'cut', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'c', NumberStatusIdent: false, RetryType: 0,
  });
  const id = Number(created.body.Data);

  // Hold the task's row so the upload's transaction waits inside robotcall's checked-out client.
  const other = new pg.Client({ connectionString: db.url });
  await other.connect();
  cleanups.push(() => other.end());
  await other.query('begin');
  await other.query('select id from tasks where id = $1 for update', [id]);
  const upload = call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800000000' });
  const waiting = async () => (await other.query(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).rows[0].n > 0;
  await waitUntil(waiting, 'the upload to wait for the row lock');

  await other.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  const failed = await upload;
  assert.equal(failed.status, 500, JSON.stringify(failed.body));
  await other.query('rollback');

  await sleep(200);
  assert.equal(p.child.exitCode, null, `the server exited:\n${p.stderr()}`);
  const listed = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800000000' });
  assert.equal(listed.body.Code, 'OK', JSON.stringify(listed.body));
  assert.match(p.stdout() + p.stderr(), /database connection lost/);
});
