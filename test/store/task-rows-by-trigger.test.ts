// A task's callees and calls go with it (migration 9: a trigger, where foreign keys used to cascade),
// on the configured backend (PGlite, or PostgreSQL with DB=postgres): whichever way the task goes
// (deleted, or with its account), and when it goes while one of its attempts is in flight, the answer
// that comes after writes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decide } from '../../src/engine/settle.js';
import type { EngineStore } from '../../src/store/engine-store.js';
import type { Database } from '../../src/store/executor.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlEngineStore } from '../../src/store/sql-engine-store.js';
import { openTestDatabase } from '../support/test-server.js';

let db: Database;
let store: EngineStore;
let remove = async () => {};

before(async () => {
  ({ db, remove } = await openTestDatabase());
  await migrate(db);
  store = sqlEngineStore(db, async () => {});
});
after(async () => {
  await db.close();
  await remove();
});

async function account(name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>('insert into accounts (name, created_at, balance_fen) values ($1, 0, null) returning id', [name]);
  return row!.id;
}

/** A running task with two callees: the first done with one call, the second pending. */
async function taskWithCalls(accountId: number, name: string): Promise<number> {
  const [task] = await db.query<{ id: number }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at, fire_time, run_from, dispatched, total_count)
     values ($1, $2, 1000000075003, '机器人', 'c', '057156860006', false, false, 0, '', 0, 0, 'EXCUTING', 'SINGLE', 0, 0, 0, true, 2)
     returning id`, [accountId, name]);
  const id = task!.id;
  await db.query(
    `insert into callees (task_id, seq, number, dial_number, state, due_at) values
       ($1, 1, '13800000001', '13800000001', 'done', null), ($1, 2, '13800000002', '13800000002', 'pending', 0)`, [id]);
  await db.query(
    `insert into calls (id, task_id, account_id, callee_seq, attempt, caller, called, started_at, code, ended_at, duration_s, cost_fen)
     values ((select coalesce(max(id), 0) + 1 from calls), $1, $2, 1, 1, '057156860006', '13800000001', 0, '200000', 60000, 60, 0)`, [id, accountId]);
  return id;
}

const rowsOf = async (taskId: number) => ({
  callees: (await db.query('select 1 from callees where task_id = $1', [taskId])).length,
  calls: (await db.query('select 1 from calls where task_id = $1', [taskId])).length,
});

test("a deleted task's callees and calls are deleted with it, and no other task's", async () => {
  const a = await account('deletes');
  const gone = await taskWithCalls(a, 'gone');
  const kept = await taskWithCalls(a, 'kept');
  await db.query('delete from tasks where id = $1', [gone]);
  assert.deepEqual(await rowsOf(gone), { callees: 0, calls: 0 });
  assert.deepEqual(await rowsOf(kept), { callees: 2, calls: 1 });
});

test("an account's deletion takes its tasks' callees and calls too", async () => {
  const a = await account('leaving');
  const stays = await account('staying');
  const t1 = await taskWithCalls(a, 'one');
  const t2 = await taskWithCalls(a, 'two');
  const other = await taskWithCalls(stays, 'other');
  await db.query('delete from accounts where id = $1', [a]);
  assert.deepEqual([await rowsOf(t1), await rowsOf(t2)], [{ callees: 0, calls: 0 }, { callees: 0, calls: 0 }]);
  assert.deepEqual(await rowsOf(other), { callees: 2, calls: 1 });
});

test('a task deleted while an attempt is in flight: the answer that comes after writes no call and no callee', async () => {
  const a = await account('in flight');
  const task = await taskWithCalls(a, 'cancelled mid-call');
  const attempt = await store.planRound([a], async (r) => {
    const [callee] = await r.claimDue(1, [{ taskId: task, limit: 10 }]);
    assert.equal(callee?.seq, 2, 'the pending callee is claimed');
    const dialed = { taskId: task, accountId: a, calleeSeq: 2, attempt: 1, caller: '057156860006', called: callee.dialNumber, startedAt: 0 };
    const [id] = await r.commitAttempts([dialed], { owner: 'me', leaseUntil: Number.MAX_SAFE_INTEGER });
    return { id: id!, dialed };
  });
  await db.query('delete from tasks where id = $1', [task]);
  const recorded = await store.recordOutcomes([{
    attemptId: attempt.id, dialed: attempt.dialed, code: '200000', earlyMediaCode: null, answeredAt: 1_000, endedAt: 61_000, durationS: 60, costFen: 0,
    result: { transcript: [], rounds: 0, labels: [], counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 }, hangup: 'robot', transfer: null },
  }], 'me', { at: 120_000, decide });
  assert.deepEqual(recorded, [], 'nothing recorded for a task that is gone');
  assert.deepEqual(await rowsOf(task), { callees: 0, calls: 0 });
  assert.equal(await store.recoverExpired(Number.MAX_SAFE_INTEGER), 0, 'nothing left in flight to recover');
});
