// Leases of attempts in flight, through the engine's storage port on the configured backend (PGlite,
// or PostgreSQL with DB=postgres). An answer that comes after recovery recorded its attempt as lost
// (its lease ran out: the owner was cut off from the database for longer than the lease) is dropped:
// the call stays call loss, the callee follows the redial policy for that, and no finish count or
// charge is taken twice. A lease runs on only for the attempts its owner still holds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decide } from '../../src/engine/settle.js';
import type { AttemptOutcome, EngineStore, NewAttempt } from '../../src/store/engine-store.js';
import type { Database } from '../../src/store/executor.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlEngineStore } from '../../src/store/sql-engine-store.js';
import { openTestDatabase } from '../support/test-server.js';

const MINUTE = 60_000;
let db: Database;
let store: EngineStore;
let remove = async () => {};
let accountId: number;
let taskId: number;

before(async () => {
  ({ db, remove } = await openTestDatabase());
  await migrate(db);
  store = sqlEngineStore(db, async () => {});
  const [account] = await db.query<{ id: number }>("insert into accounts (name, created_at, balance_fen) values ('late', 0, 1000) returning id");
  accountId = account!.id;
  // Redial call loss once, 2 minutes later.
  const [task] = await db.query<{ id: number }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at, fire_time, run_from, dispatched, total_count)
     values ($1, 'late', 1000000075003, '机器人', 'c', '057156860006', false, false, 1, '200012', 1, 2, 'EXCUTING', 'SINGLE', 0, 0, 0, true, 1)
     returning id`, [accountId]);
  taskId = task!.id;
  await db.query("insert into callees (task_id, seq, number, dial_number, state, due_at) values ($1, 1, '13800000001', '13800000001', 'pending', 0)", [taskId]);
});
after(async () => {
  await db.close();
  await remove();
});

/** Claims the callee and commits its next attempt, leased until wall ms `leaseUntil`; the attempt. */
async function dial(startedAt: number, leaseUntil: number): Promise<{ id: number; dialed: NewAttempt }> {
  return store.planRound([accountId], async (r) => {
    const [callee] = await r.claimDue(startedAt + 1, [{ taskId, limit: 10 }]);
    assert.ok(callee, 'the callee is due');
    const dialed = { taskId, accountId, calleeSeq: 1, attempt: callee.attempts + 1, caller: '057156860006', called: callee.dialNumber, startedAt };
    const [id] = await r.commitAttempts([dialed], { owner: 'cut-off', leaseUntil });
    return { id: id!, dialed };
  });
}

const answered = (a: { id: number; dialed: NewAttempt }): AttemptOutcome => ({
  attemptId: a.id, dialed: a.dialed, code: '200000', earlyMediaCode: null, answeredAt: a.dialed.startedAt + 5_000,
  endedAt: a.dialed.startedAt + 65_000, durationS: 60, costFen: 20,
  result: { transcript: [], rounds: 1, labels: [], counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 }, hangup: 'robot', transfer: null },
});

const state = async () => (await db.query<{ state: string; attempts: number; due_at: number | null; finish_count: number; balance_fen: number }>(
  `select c.state, c.attempts, c.due_at, t.finish_count, a.balance_fen from callees c join tasks t on t.id = c.task_id
   join accounts a on a.id = t.account_id where c.task_id = $1`, [taskId]))[0]!;
const calls = async () => db.query<{ id: number; attempt: number; code: string }>('select id, attempt, code from calls where task_id = $1 order by id', [taskId]);

test('a late answer is dropped after recovery; the redial policy follows the call loss; the next answer in time is recorded', async () => {
  const first = await dial(0, 100);
  assert.equal(await store.recoverExpired(200), 1, 'the lease ran out: recorded as call loss');
  assert.deepEqual(await store.recordOutcomes([answered(first)], 'cut-off', { at: 10 * MINUTE, decide }), [], 'the late answer is not recorded');
  assert.deepEqual((await calls()).map((c) => [c.id, c.code]), [[first.id, '200012']]);
  const waiting = await state();
  assert.deepEqual([waiting.state, waiting.finish_count, waiting.balance_fen], ['dialing', 0, 1000], 'nothing settled or charged by the dropped answer');

  await store.settle(10 * MINUTE, decide);
  const redial = await state();
  assert.deepEqual([redial.state, redial.due_at, redial.finish_count], ['pending', 2 * MINUTE, 0], 'call loss is redialed 2 minutes after it ended');

  const second = await dial(3 * MINUTE, Number.MAX_SAFE_INTEGER);
  assert.notEqual(second.id, first.id);
  assert.deepEqual(await store.recordOutcomes([answered(second)], 'cut-off', { at: 10 * MINUTE, decide }), [second.id]);
  assert.deepEqual((await calls()).map((c) => [c.attempt, c.code]), [[1, '200012'], [2, '200000']]);
  const done = await state();
  assert.deepEqual([done.state, done.attempts, done.finish_count, done.balance_fen], ['done', 2, 1, 980], 'settled once, charged once');
  assert.equal(await store.recoverExpired(Number.MAX_SAFE_INTEGER), 0, 'nothing is left in flight');
});

test('a lease runs on while its owner renews it, and only for the attempts the owner names', async () => {
  const [task] = await db.query<{ id: number }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at, fire_time, run_from, dispatched, total_count)
     select account_id, 'leases', robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, 0, '', 0, 0, status,
       schedule_type, created_at, fire_time, run_from, dispatched, 2 from tasks where id = $1
     returning id`, [taskId]);
  const leased = task!.id;
  await db.query(
    "insert into callees (task_id, seq, number, dial_number, state, due_at) values ($1, 1, '13800000011', '13800000011', 'pending', 0), ($1, 2, '13800000012', '13800000012', 'pending', 0)",
    [leased]);
  const ids = await store.planRound([accountId], async (r) => {
    const due = await r.claimDue(1, [{ taskId: leased, limit: 10 }]);
    assert.equal(due.length, 2);
    return r.commitAttempts(due.map((c) => ({ taskId: leased, accountId, calleeSeq: c.seq, attempt: 1, caller: '057156860006', called: c.dialNumber, startedAt: 0 })),
      { owner: 'alive', leaseUntil: 100 });
  });
  await store.renewLeases('alive', [ids[0]!], 1_000);
  await store.renewLeases('someone else', [ids[1]!], 1_000);
  assert.equal(await store.recoverExpired(500), 1, 'only the attempt its owner did not name ran out');
  const lost = await db.query<{ id: number; code: string }>('select id, code from calls where task_id = $1', [leased]);
  assert.deepEqual(lost.map((c) => [c.id, c.code]), [[ids[1], '200012']]);
  assert.equal(await store.recoverExpired(1_001), 1, 'the renewed one runs out at its new end');
});
