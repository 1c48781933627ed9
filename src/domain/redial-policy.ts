// When a callee is dialed again (docs/architecture.md §5, docs/decisions.md D7): only with RetryType 1, only for a state
// code listed in RecallStateCodes, at most RecallTimes redials, RecallInterval minutes after the
// previous attempt ended (engine clock). Pure: the caller passes the attempt's outcome and end time.
import type { Task } from './types.js';

export type RedialTerms = Pick<Task, 'retryType' | 'recallStateCodes' | 'recallTimes' | 'recallInterval'>;

export type RedialDecision = { final: true } | { final: false; dueAt: number };

export interface AttemptOutcome {
  /** The carrier's final state code (D7: recorded and matched whatever NumberStatusIdent says). */
  code: string;
  /** Attempts made so far, this one included (the first dial is attempt 1). */
  attempts: number;
  /** Engine-clock ms at which this attempt ended. */
  endedAt: number;
}

const MINUTE_MS = 60_000;

/** The codes of a task's RecallStateCodes, as sent ("200010, 200011" and "200010,200011" alike). */
export function recallCodes(terms: RedialTerms): ReadonlySet<string> {
  return new Set(terms.recallStateCodes.split(',').map((c) => c.trim()).filter(Boolean));
}

export function decideRedial(terms: RedialTerms, outcome: AttemptOutcome, codes = recallCodes(terms)): RedialDecision {
  const redialsUsed = outcome.attempts - 1;
  if (terms.retryType !== 1 || !codes.has(outcome.code) || redialsUsed >= terms.recallTimes) return { final: true };
  return { final: false, dueAt: outcome.endedAt + terms.recallInterval * MINUTE_MS };
}
