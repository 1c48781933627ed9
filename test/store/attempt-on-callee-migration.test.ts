// A store the previous release left mid-task (migration 7: attempts were call rows from their commit)
// starts under migration 8 (attempts in flight on their callees) and finishes the task: the attempt
// left unanswered is call loss, the answered one keeps its result, the pending callee is dialed with
// a new attempt id, and nothing is dialed twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../src/store/executor.js';
import { admin } from '../support/admin.js';
import { legacyAccount, migrateThrough } from '../support/legacy-store.js';
import { startOnPreparedStore, type TestServer } from '../support/test-server.js';

const T0 = 1_800_000_000_000;
let prepared: Awaited<ReturnType<typeof startOnPreparedStore>> | null = null;
let s: TestServer | null = null;
let taskId: number;
const ids = { unanswered: 0, answered: 0 };

async function writeStoreAtMigration7(db: Database): Promise<void> {
  await migrateThrough(db, 7);
  const account = await legacyAccount(db, 'old');
  const [task] = await db.query<{ id: string }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at, fire_time, run_from, dispatched,
       total_count, dial_count)
     values ($1, 'old', 1000000075003, '机器人', 'c', '057156860006', false, false, 0, '', 0, 0, 'EXCUTING', 'SINGLE', $2, $2, $2, true, 3, 2)
     returning id::text`, [account, T0]);
  taskId = Number(task!.id);
  await db.query(
    `insert into callees (task_id, seq, number, dial_number, state, attempts, due_at, first_dial_at) values
       ($1, 1, '13800000001', '13800000001', 'dialing', 1, $2, $2),
       ($1, 2, '13800000002', '13800000002', 'dialing', 1, $2, $2),
       ($1, 3, '13800000003', '13800000003', 'pending', 0, $2, null)`, [taskId, T0]);
  // Callee 1's attempt was committed and never answered (its process died); callee 2's was answered
  // and ends after the clock's now, so it is not settled yet.
  const calls = await db.query<{ id: string }>(
    `insert into calls (task_id, account_id, callee_seq, attempt, caller, called, started_at, lease_until, owner, code, answered_at, ended_at, duration_s)
     values ($1, $2, 1, 1, '057156860006', '13800000001', $3, 0, 'gone:1:a', null, null, null, null),
            ($1, $2, 2, 1, '057156860006', '13800000002', $3, 0, 'gone:1:a', '200000', $3 + 5000, $3 + 65000, 60)
     returning id::text`, [taskId, account, T0]);
  ids.unanswered = Number(calls[0]!.id);
  ids.answered = Number(calls[1]!.id);
  await db.query("insert into settings (key, value) values ('engine_clock', $1::jsonb)",
    [JSON.stringify({ mode: 'manual', rate: 0, wallAt: 1700000000000, engineAt: T0 + 1000 })]);
}

before(async () => {
  prepared = await startOnPreparedStore(writeStoreAtMigration7, { flags: { clock: 'manual', carrierTiming: 'zero' } });
  s = prepared.server;
});
after(async () => {
  await prepared?.close();
});

test('a task left mid-flight by the previous layout finishes: call loss for the unanswered attempt, nothing dialed twice', async () => {
  assert.equal((await admin(s!.port, 'POST', 'clock/advance', { to: T0 + 3_600_000 })).status, 200);
  const task = (await admin(s!.port, 'GET', `tasks/${taskId}`)).json as { status: string; finishCount: number };
  assert.deepEqual([task.status, task.finishCount], ['FINISH', 3]);
  const calls = ((await admin(s!.port, 'GET', `tasks/${taskId}/calls`)).json as { calls: Array<{ callId: number; callee: string; code: string }> }).calls;
  const byCallee = new Map(calls.map((c) => [c.callee, c]));
  assert.equal(calls.length, 3, `one call per callee: ${JSON.stringify(calls)}`);
  assert.deepEqual([byCallee.get('13800000001')?.callId, byCallee.get('13800000001')?.code], [ids.unanswered, '200012']);
  assert.deepEqual([byCallee.get('13800000002')?.callId, byCallee.get('13800000002')?.code], [ids.answered, '200000']);
  assert.ok(byCallee.get('13800000003')!.callId > ids.answered, 'the new attempt takes an id after every earlier one');
});
