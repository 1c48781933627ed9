// A store written by earlier versions, which accepted values past 2^53 and times no date can show,
// starts, reads and can be repaired; from then on the database itself refuses such values.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../src/store/executor.js';
import { admin } from '../support/admin.js';
import { legacyAccount, migrateThrough } from '../support/legacy-store.js';
import { client, data } from '../support/clients.js';
import { startOnPreparedStore, TEST_KEY, type TestServer } from '../support/test-server.js';

const HUGE = 9007199254740991;
let prepared: Awaited<ReturnType<typeof startOnPreparedStore>> | null = null;
let s: TestServer | null = null;
let taskId: number;


/** Migrations 1-4 as the previous release applied them, then what its admin API and engine let through. */
async function writeLegacyStore(db: Database): Promise<void> {
  await migrateThrough(db, 4);
  const account = await legacyAccount(db, 'legacy');
  // Two admin top-ups of 2^53-1 fen, with the statement the old code ran.
  for (let i = 0; i < 2; i++) await db.query('update accounts set balance_fen = coalesce(balance_fen, 0) + $2 where id = $1', [account, HUGE]);
  // BatchRobotSmartCall with ScheduleTime=2^53-1, and a clock advanced to it.
  const [task] = await db.query<{ id: string }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, schedule_time, fire_time, created_at, run_from)
     values ($1, 'legacy', 1000000075003, '机器人', 'c', '057156860006', false, false, 0, '', 0, 0, 'READY', 'ORDER', $2, $2, 1700000000000, 1700000000000)
     returning id::text`, [account, String(HUGE)]);
  taskId = Number(task!.id);
  await db.query("insert into settings (key, value) values ('engine_clock', $1::jsonb)",
    [JSON.stringify({ mode: 'manual', rate: 0, wallAt: 1700000000000, engineAt: HUGE })]);
}

before(async () => {
  prepared = await startOnPreparedStore(writeLegacyStore, { flags: { clock: 'manual' } });
  s = prepared.server;
});
after(async () => {
  await prepared?.close();
});

test('a balance past 2^53 starts, reads as the 10^12 fen bound and can be set', async () => {
  const route = `accounts/${TEST_KEY.accessKeyId}/balance`;
  assert.deepEqual((await admin(s!.port, 'GET', route)).json.balanceFen, 1_000_000_000_000);
  assert.equal((await admin(s!.port, 'PUT', route, { balanceFen: 500 })).status, 200);
  assert.equal((await admin(s!.port, 'GET', route)).json.balanceFen, 500);
});

test('a schedule and an engine clock past any date are brought back to ones that render', async () => {
  const v3 = client('openapi-v3', s!);
  const [row] = data<Array<{ fireTime: string }>>(await v3('QueryRobotTaskList', {}));
  assert.equal(row!.fireTime, '9999.12.30 08:00:00');
  assert.equal(data<{ fireTime: string }>(await v3('QueryRobotTaskDetail', { Id: taskId })).fireTime, '9999-12-30 08:00:00');
  assert.equal((await v3('CancelOrderRobotTask', { TaskId: taskId })).body.Code, 'OK');
  const clock = await admin(s!.port, 'GET', 'clock');
  assert.deepEqual([clock.status, clock.json.now, clock.json.time], [200, Date.UTC(9998, 0, 1), '9998-01-01 08:00:00']);
});

test('from then on the database refuses money past its bound', async () => {
  await prepared!.stopServer();
  const db = await prepared!.openDb();
  try {
    await assert.rejects(db.query('update accounts set balance_fen = $1', [String(HUGE)]), (err: { code?: string }) => err.code === '23514');
    await assert.rejects(db.query('update accounts set balance_fen = $1', ['-1000000000000001']), (err: { code?: string }) => err.code === '23514');
  } finally {
    await db.close();
  }
});
