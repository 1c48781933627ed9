// The chaos invariants (scripts/chaos/invariants.ts) on crafted records, no server: a clean run passes,
// and each doctored record trips exactly the invariant it breaks, so a chaos run's "zero violations"
// means something.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallRecord, LedgerLine, Limits, TaskFacts } from '../../scripts/chaos/facts.js';
import { INVARIANTS, checkAll } from '../../scripts/chaos/invariants.js';
import { overlap } from '../../scripts/chaos/limits.js';

const MIN = 60_000;
const BUSY = '200002';
const OK = '200000';

/** [callee, attempt, code, start, end] per call id (1-based). */
const CALLS: Array<[string, number, string, number, number]> = [
  ['13700000001', 1, OK, 0, 30_000],
  ['13800200002', 1, BUSY, 1_000, 5_000],
  ['13901200002', 1, BUSY, 2_000, 6_000],
  ['13800200002', 2, BUSY, 5_000 + 2 * MIN, 9_000 + 2 * MIN],
  ['13901200002', 2, OK, 6_000 + 2 * MIN, 36_000 + 2 * MIN],
  ['13800200002', 3, BUSY, 9_000 + 4 * MIN, 13_000 + 4 * MIN],
];

/** A clean run: task 1 of account 7, three callees (answered; busy three times; busy then answered). */
function scenario(): { ledger: LedgerLine[]; tasks: TaskFacts[]; limits: Limits } {
  const calls: CallRecord[] = CALLS.map(([n, attempt, code, startedAt, endedAt], i) => ({ callId: i + 1, callee: n, dialed: n, attempt, code, startedAt, endedAt }));
  const uploaded = ['13700000001', '13800200002', '13901200002'];
  const task: TaskFacts = {
    taskId: 1, accountId: 7, status: 'FINISH', totalCount: 3, finishCount: 3,
    policy: { recallTimes: 2, recallCodes: [BUSY], recallIntervalMin: 2 },
    uploaded,
    callees: uploaded.map((number) => ({ number, state: 'done', attempts: calls.filter((c) => c.callee === number).length })),
    calls,
    callList: uploaded.map((n) => {
      const latest = calls.filter((c) => c.callee === n).at(-1)!;
      return { called: n, callId: `1^${latest.callId}`, recallCurTimes: String(latest.attempt - 1) };
    }),
  };
  const ledger = calls.map((c) => ({ attemptId: c.callId, taskId: 1, number: c.dialed, attempt: c.attempt, at: c.startedAt }));
  return { ledger, tasks: [task], limits: { taskConcurrency: 3, accountConcurrency: 3, callsPerSecond: 1 } };
}

/** The invariants broken by a doctored scenario. */
function broken(doctor: (s: ReturnType<typeof scenario>) => void): string[] {
  const s = scenario();
  doctor(s);
  return checkAll(s.ledger, s.tasks, s.limits).map((v) => v.invariant).sort();
}

test('a clean run breaks nothing, with both limits reached', () => {
  assert.deepEqual(broken(() => {}), []);
  assert.equal(overlap(scenario().tasks[0]!.calls).most, 3);
});

test('the ledger: an attempt id twice, a callee past its policy, one attempt dialed twice, a dial never recorded', () => {
  assert.deepEqual(broken((s) => { s.ledger.push({ ...s.ledger[0]! }); }), [INVARIANTS.attemptTwice, INVARIANTS.sameAttempt].sort());
  assert.deepEqual(broken((s) => { s.ledger.push({ attemptId: 99, taskId: 1, number: '13800200002', attempt: 4, at: 20 * MIN }); }),
    [INVARIANTS.overPolicy, INVARIANTS.unrecorded].sort());
  assert.deepEqual(broken((s) => { s.ledger.push({ ...s.ledger[0]!, attemptId: 98 }); }), [INVARIANTS.sameAttempt, INVARIANTS.unrecorded].sort());
  assert.deepEqual(broken((s) => { s.ledger[2]!.at += 1; }), [INVARIANTS.unrecorded]);
});

test('a record without a ledger line is call loss, not a violation (committed, then the process died before the dial)', () => {
  assert.deepEqual(broken((s) => { s.ledger.splice(5, 1); }), []);
});

test('every callee final exactly once: a final call redialed, a redial owed, no call, an early redial, a wrong state', () => {
  const t = (s: ReturnType<typeof scenario>) => s.tasks[0]!;
  // The answered callee dialed again: final twice (and one dial more than the records show for the list).
  assert.ok(broken((s) => {
    t(s).calls.push({ callId: 7, callee: '13700000001', dialed: '13700000001', attempt: 2, code: OK, startedAt: 20 * MIN, endedAt: 21 * MIN });
    t(s).callees[0]!.attempts = 2;
    t(s).callList[0]!.callId = '1^7';
    t(s).callList[0]!.recallCurTimes = '1';
  }).includes(INVARIANTS.finalOnce));
  // Busy at attempt 2 of 3 with no third call: never final, so finishCount (3) is one too many.
  assert.deepEqual(broken((s) => {
    t(s).calls.splice(5, 1);
    s.ledger.splice(5, 1);
    t(s).callees[1]!.attempts = 2;
    t(s).callList[1]!.callId = '1^4';
    t(s).callList[1]!.recallCurTimes = '1';
  }), [INVARIANTS.finalOnce, INVARIANTS.finishCount].sort());
  // Never dialed, yet counted finished.
  assert.deepEqual(broken((s) => {
    t(s).calls = t(s).calls.filter((c) => c.callee !== '13901200002');
    s.ledger = s.ledger.filter((l) => l.number !== '13901200002');
    t(s).callList.pop();
  }), [INVARIANTS.finalOnce, INVARIANTS.finishCount].sort());
  assert.deepEqual(broken((s) => { t(s).calls[3]!.startedAt -= 1; s.ledger[3]!.at -= 1; }), [INVARIANTS.finalOnce, INVARIANTS.finishCount].sort());
  assert.deepEqual(broken((s) => { t(s).callees[2]!.state = 'dialing'; }), [INVARIANTS.finalOnce, INVARIANTS.finishCount, INVARIANTS.stuck].sort());
  assert.deepEqual(broken((s) => { t(s).callees[2]!.attempts = 3; }), [INVARIANTS.finalOnce, INVARIANTS.finishCount].sort());
});

test('finishCount must equal the final callees; the call list shows each callee once at its latest attempt', () => {
  assert.deepEqual(broken((s) => { s.tasks[0]!.finishCount = 2; }), [INVARIANTS.finishCount]);
  assert.deepEqual(broken((s) => { s.tasks[0]!.totalCount = 4; }), [INVARIANTS.finishCount]);
  assert.deepEqual(broken((s) => { s.tasks[0]!.callList.push({ ...s.tasks[0]!.callList[0]! }); }), [INVARIANTS.callList]);
  assert.deepEqual(broken((s) => { s.tasks[0]!.callList[1]!.callId = '1^4'; }), [INVARIANTS.callList]);
  assert.deepEqual(broken((s) => { s.tasks[0]!.callList.pop(); }), [INVARIANTS.callList]);
});

test('a task not FINISH is stuck', () => {
  assert.deepEqual(broken((s) => { s.tasks[0]!.status = 'EXCUTING'; }), [INVARIANTS.stuck]);
});

test('limits across processes: task and account concurrency from [start, end), and the account pace', () => {
  assert.deepEqual(broken((s) => { s.limits.taskConcurrency = 2; }), [INVARIANTS.taskConcurrency]);
  // A second task of the account, one call: each task within 3, the account at 4.
  assert.deepEqual(broken((s) => {
    const call = { callId: 50, callee: '13600000001', dialed: '13600000001', attempt: 1, code: OK, startedAt: 3_000, endedAt: 33_000 };
    s.tasks.push({
      ...s.tasks[0]!, taskId: 2, totalCount: 1, finishCount: 1, uploaded: [call.callee],
      callees: [{ number: call.callee, state: 'done', attempts: 1 }], calls: [call], callList: [{ called: call.callee, callId: '2^50', recallCurTimes: '0' }],
    });
    s.ledger.push({ attemptId: 50, taskId: 2, number: call.callee, attempt: 1, at: 3_000 });
  }), [INVARIANTS.accountConcurrency]);
  assert.deepEqual(broken((s) => { s.tasks[0]!.calls[2]!.startedAt = 1_500; s.ledger[2]!.at = 1_500; }), [INVARIANTS.pace]);
  // A call that ends where the next starts frees its line: 3 at once, not 4.
  assert.deepEqual(broken((s) => { s.tasks[0]!.calls[0]!.endedAt = 1_000; s.limits.taskConcurrency = 2; s.limits.accountConcurrency = 2; }), []);
});
