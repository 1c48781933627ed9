// Settlement (docs/architecture.md §5, docs/decisions.md D7): once the engine clock passes a call's end, its callee is
// final or due again per the redial policy, the task's finishCount moves, and the account is
// charged — in one transaction, a few set-based statements per batch of calls.
import { decideRedial, recallCodes } from '../domain/redial-policy.js';
import { FINAL_STATUSES, type TaskStatus } from '../domain/types.js';
import type { SqlExecutor } from '../store/executor.js';
import * as sql from '../store/sql/engine.js';

export interface Settled {
  tasks: number[];
  accounts: number[];
  calls: number;
}

export async function settleEndedCalls(db: SqlExecutor, at: number): Promise<Settled> {
  return db.transaction(async (tx) => {
    const ended = await sql.takeEndedCalls(tx, at);
    if (ended.length === 0) return { tasks: [], accounts: [], calls: 0 };
    const rows = await sql.selectRedialTerms(tx, [...new Set(ended.map((c) => c.task_id))]);
    const tasks = new Map(rows.map((t) => {
      const terms = { retryType: t.retry_type, recallStateCodes: t.recall_state_codes, recallTimes: t.recall_times, recallInterval: t.recall_interval };
      return [t.id, { status: t.status as TaskStatus, terms, codes: recallCodes(terms) }];
    }));
    const updates: sql.CalleeUpdate[] = [];
    const finished = new Map<number, number>();
    const charges = new Map<number, number>();
    for (const call of ended) {
      const task = tasks.get(call.task_id);
      if (!task) continue; // deleted meanwhile
      if (call.cost_fen > 0) charges.set(call.account_id, (charges.get(call.account_id) ?? 0) + call.cost_fen);
      // A call in flight when its task was cancelled finishes without redial (D7).
      const decision = FINAL_STATUSES.has(task.status)
        ? { final: true as const }
        : decideRedial(task.terms, { code: call.code, attempts: call.attempt, endedAt: call.ended_at }, task.codes);
      if (decision.final) {
        updates.push({ task_id: call.task_id, seq: call.callee_seq, state: 'done', due_at: null });
        finished.set(call.task_id, (finished.get(call.task_id) ?? 0) + 1);
      } else {
        updates.push({ task_id: call.task_id, seq: call.callee_seq, state: 'pending', due_at: decision.dueAt });
      }
    }
    const accounts = await sql.applySettlement(tx, updates, finished, charges);
    return { tasks: [...tasks.keys()], accounts, calls: ended.length };
  });
}
