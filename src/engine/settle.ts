// Settlement (docs/architecture.md §5, docs/decisions.md D7): once the engine clock passes a call's end, its callee is
// final or due again per the redial policy, the task's finishCount moves, and the account is
// charged — in one transaction the store runs, a few set-based statements per batch of calls.
import { decideRedial, recallCodes } from '../domain/redial-policy.js';
import { FINAL_STATUSES } from '../domain/types.js';
import type { EndedAttempt, EngineStore, Settlement, TaskTerms } from '../store/engine-store.js';

export interface Settled {
  tasks: number[];
  accounts: number[];
  calls: number;
}

export function settleEndedCalls(store: EngineStore, at: number): Promise<Settled> {
  return store.settle(at, decide);
}

/** What becomes of each ended attempt's callee, and what its account is charged. */
export function decide(ended: readonly EndedAttempt[], tasks: ReadonlyMap<number, TaskTerms>): Settlement {
  const codes = new Map([...tasks].map(([id, t]) => [id, recallCodes(t.terms)]));
  const callees: Settlement['callees'] = [];
  const finished = new Map<number, number>();
  const charges = new Map<number, number>();
  for (const call of ended) {
    const task = tasks.get(call.taskId);
    if (!task) continue; // deleted meanwhile
    if (call.costFen > 0) charges.set(call.accountId, (charges.get(call.accountId) ?? 0) + call.costFen);
    // A call in flight when its task was cancelled finishes without redial (D7).
    const decision = FINAL_STATUSES.has(task.status)
      ? { final: true as const }
      : decideRedial(task.terms, { code: call.code, attempts: call.attempt, endedAt: call.endedAt }, codes.get(call.taskId));
    if (decision.final) {
      callees.push({ taskId: call.taskId, seq: call.calleeSeq, attemptId: call.attemptId, dueAt: null });
      finished.set(call.taskId, (finished.get(call.taskId) ?? 0) + 1);
    } else {
      callees.push({ taskId: call.taskId, seq: call.calleeSeq, attemptId: call.attemptId, dueAt: decision.dueAt });
    }
  }
  return { callees, finished, charges };
}
