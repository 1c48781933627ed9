// The engine's storage port (engine-store.ts) over SQL: rows are mapped to the engine's words here,
// and every write that changes tasks or accounts is reported to `changed` as soon as it commits, so
// a store that keeps copies (the embedded cache) shows it at once, even if the pass fails later.
import type { TaskStatus } from '../domain/types.js';
import type { Decide, EngineStore, TaskTerms } from './engine-store.js';
import type { Database, SqlExecutor } from './executor.js';
import * as dial from './sql/engine/dial.js';
import * as limits from './sql/engine/dial-limits.js';
import * as dispatch from './sql/engine/dispatch.js';
import * as events from './sql/engine/events.js';
import * as outcomes from './sql/engine/outcomes.js';
import * as settle from './sql/engine/settle.js';
import * as steps from './sql/engine/task-steps.js';
import { selectTaskSummaries } from './sql/engine/task-totals.js';
import { ttsParamsOf } from './sql/tts-params.js';

export type ChangeListener = (changed: { tasks?: Iterable<number>; accounts?: Iterable<number> }) => Promise<void>;

export function sqlEngineStore(db: Database, changed: ChangeListener): EngineStore {
  /** Runs a step that returns the tasks it changed, and reports them. */
  const tasksStep = async (ids: Promise<number[]>): Promise<number[]> => {
    const moved = await ids;
    if (moved.length > 0) await changed({ tasks: moved });
    return moved;
  };

  return {
    fireDueStarts: async (at) => {
      const fired = await steps.fireReadyTasks(db, at);
      if (fired.length > 0) await changed({ tasks: fired.map((t) => t.id) });
      return fired.map((t) => ({ id: t.id, status: t.status as TaskStatus }));
    },
    dispatchNextBatch: async (fill) => {
      const taskId = await db.transaction(async (tx) => {
        const b = await dispatch.selectUndispatchedBatch(tx);
        if (!b) return null;
        await fill(
          { taskId: b.task_id, status: b.status as TaskStatus, fireTime: b.fire_time, numbers: b.numbers, newKeys: b.new_keys,
            ttsHead: b.tts_head, ttsParams: ttsParamsOf(b.tts_params), nextSeq: b.next_seq },
          (callees, dueAt) => dispatch.insertCallees(tx, b.task_id, callees, dueAt));
        await dispatch.markBatchDispatched(tx, b.file_name);
        return b.task_id;
      });
      if (taskId !== null) await changed({ tasks: [taskId] });
      return taskId;
    },
    startDispatched: (at) => tasksStep(steps.startDispatchedTasks(db, at)),
    skipCancelledCallees: () => tasksStep(steps.skipCancelledCallees(db)),
    moveTasks: (from, to, at) => tasksStep(steps.moveTasks(db, from, to, at)),
    stopTasksInArrears: (at) => tasksStep(steps.stopTasksInArrears(db, at)),
    finishTasks: (at) => tasksStep(steps.finishTasks(db, at)),
    taskTotals: async (ids) => (await selectTaskSummaries(db, [...ids])).map((s) => ({
      id: s.id, accountId: s.account_id, totalCount: s.total_count, finishCount: s.finish_count, callsByCode: s.calls_by_code,
    })),

    dueTasks: async (before) => (await dial.selectDueTasks(db, before)).map((t) => ({
      id: t.id, accountId: t.account_id, caller: t.caller, corpName: t.corp_name, dialCount: t.dial_count, runFrom: t.run_from,
      firstDue: t.first_due, dialog: t.dialog, seedIndex: t.seed_index,
    })),
    planRound: async (accountIds, plan) => {
      let committed: number[] = [];
      const result = await db.transaction(async (tx) => {
        await limits.lockAccountsForDialing(tx, accountIds);
        return plan({
          lineHolders: async (from) => (await limits.selectLineHolders(tx, accountIds, from))
            .map((c) => ({ taskId: c.task_id, accountId: c.account_id, startsAt: c.started_at, endsAt: c.ended_at })),
          pace: () => limits.selectPace(tx, accountIds),
          claimDue: async (before, taskLimits) => (await dial.selectDueCallees(tx, before, taskLimits, db.kind === 'postgres')).map(
            ([taskId, seq, dialNumber, tts, attempts, dueAt]) => ({ taskId, seq, dialNumber, tts, attempts, dueAt })),
          commitAttempts: async (attempts, lease) => {
            const ids = await dial.takeAttemptIds(tx, attempts.length);
            await dial.markDialing(tx, attempts.map((a, i) => ({
              id: ids[i]!, task_id: a.taskId, callee_seq: a.calleeSeq, attempt: a.attempt, caller: a.caller, started_at: a.startedAt,
            })), lease.leaseUntil, lease.owner);
            committed = [...new Set(attempts.map((a) => a.taskId))];
            return ids;
          },
          savePace: (pace) => limits.savePace(tx, pace),
        });
      });
      if (committed.length > 0) await changed({ tasks: committed });
      return result;
    },
    recordOutcomes: async (list, owner, settleBy) => {
      const rows = list.map((o) => {
        const d = o.dialed;
        return {
          id: o.attemptId, task_id: d.taskId, account_id: d.accountId, callee_seq: d.calleeSeq, attempt: d.attempt, caller: d.caller,
          called: d.called, started_at: d.startedAt, owner, code: o.code, early: o.earlyMediaCode, answered_at: o.answeredAt,
          ended_at: o.endedAt, duration_s: o.durationS, cost_fen: o.costFen, result: o.result,
        };
      });
      // One transaction: the attempts still in flight are taken (their callees settled, or their
      // leases ended), and exactly those get call rows. A call whose callee holds no lease holds no
      // line of unknown end (dial-limits.ts) from the moment it is recorded.
      const done = await db.transaction(async (tx) => {
        const ended: readonly settle.EndedCall[] = rows; // each row carries what settlement reads
        const settling = settleBy ? ended.filter((c) => c.ended_at <= settleBy.at) : [];
        const later = settleBy ? ended.filter((c) => c.ended_at > settleBy.at) : ended;
        const settled = settleBy ? await settleInTx(tx, settling, settleBy.decide, true) : { tasks: [], accounts: [], calls: 0, applied: [] };
        const kept = new Set([...settled.applied, ...await outcomes.endLeases(tx, later)]);
        await outcomes.insertCalls(tx, rows.filter((r) => kept.has(r.id)));
        return { ids: [...kept], settled };
      });
      if (done.settled.tasks.length > 0 || done.settled.accounts.length > 0) await changed(done.settled);
      return done.ids;
    },
    recordLost: (ids) => outcomes.recordCallsLost(db, [...ids]),
    recoverExpired: (wallNow) => outcomes.resolveLostCalls(db, wallNow),
    renewLeases: (owner, ids, until) => outcomes.renewLeases(db, owner, ids, until),
    releaseLeases: (owner) => outcomes.releaseLeases(db, owner),

    settle: async (at, decide) => {
      const done = await db.transaction(async (tx) => settleInTx(tx, await settle.takeEndedCalls(tx, at), decide, false));
      if (done.tasks.length > 0 || done.accounts.length > 0) await changed(done);
      return done;
    },

    nextEvent: (at) => events.selectNextEvent(db, at),
    nextScheduledStart: (at) => events.selectNextFire(db, at),
    countDueCallees: (at) => events.countDueCallees(db, at),
  };
}

/**
 * Settles these ended calls inside the caller's transaction (engine-store.ts settle). With
 * `inFlight`, they are being recorded: only those still in flight are settled (outcomes.ts), and
 * the finish counts and charges are of those only. `applied`: the attempt ids settled.
 */
async function settleInTx(
  tx: SqlExecutor, ended: readonly settle.EndedCall[], decide: Decide, inFlight: boolean,
): Promise<{ tasks: number[]; accounts: number[]; calls: number; applied: number[] }> {
  if (ended.length === 0) return { tasks: [], accounts: [], calls: 0, applied: [] };
  const rows = await settle.selectRedialTerms(tx, [...new Set(ended.map((c) => c.task_id))]);
  const terms = new Map<number, TaskTerms>(rows.map((t) => [t.id, {
    status: t.status as TaskStatus,
    terms: { retryType: t.retry_type, recallStateCodes: t.recall_state_codes, recallTimes: t.recall_times, recallInterval: t.recall_interval },
  }]));
  const attempts = (calls: readonly settle.EndedCall[]) => calls.map((c) => ({
    attemptId: c.id, taskId: c.task_id, accountId: c.account_id, calleeSeq: c.callee_seq, attempt: c.attempt, code: c.code,
    endedAt: c.ended_at, costFen: c.cost_fen,
  }));
  let s = decide(attempts(ended), terms);
  const missed = new Set(await settle.moveCallees(tx, s.callees.map((c) => ({
    task_id: c.taskId, seq: c.seq, attempt_id: c.attemptId, due_at: c.dueAt,
  })), inFlight));
  const applied = s.callees.map((c) => c.attemptId).filter((id) => !missed.has(id));
  // Some moved on meanwhile (recorded as lost by recovery): counts and charges of the rest only.
  if (missed.size > 0) s = decide(attempts(ended.filter((c) => !missed.has(c.id))), terms);
  const accounts = await settle.applyTotals(tx, s.finished, s.charges);
  return { tasks: [...terms.keys()], accounts, calls: applied.length, applied };
}
