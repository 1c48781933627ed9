// The invariants a chaos run must keep (issue 8, item 6), as pure functions of what it gathered: the
// carrier ledger and, per task, what the API shows. Each broken rule is a Violation, never a throw,
// so one run reports everything it found. test/chaos/invariants.test.ts proves each one can fail.
import type { CallRecord, LedgerLine, Limits, TaskFacts, Violation } from './facts.js';
import { Findings, INVARIANTS, groupBy } from './findings.js';
import { checkLimits } from './limits.js';

export { Findings, INVARIANTS };

/** Every invariant over one run; `f` may already hold what gathering found (bad ledger lines, crashes). */
export function checkAll(ledger: readonly LedgerLine[], tasks: readonly TaskFacts[], limits: Limits, f = new Findings()): Violation[] {
  checkLedger(f, ledger, tasks);
  for (const t of tasks) checkTask(f, t);
  checkLimits(f, tasks, limits);
  return f.list();
}

/** From the ledger alone, then against the call records: what the carrier was really asked to do. */
export function checkLedger(f: Findings, ledger: readonly LedgerLine[], tasks: readonly TaskFacts[]): void {
  const seen = new Set<number>();
  for (const l of ledger) {
    if (seen.has(l.attemptId)) f.add(INVARIANTS.attemptTwice, `attempt ${l.attemptId} (task ${l.taskId}, ${l.number} #${l.attempt}) appears again in the ledger`);
    seen.add(l.attemptId);
  }
  const byCallee = groupBy(ledger, (l) => `${l.taskId}/${l.number}`);
  const policies = new Map(tasks.map((t) => [t.taskId, t.policy]));
  for (const [key, lines] of byCallee) {
    const policy = policies.get(lines[0]!.taskId);
    if (policy && lines.length > 1 + policy.recallTimes) {
      f.add(INVARIANTS.overPolicy, `${key}: ${lines.length} dials, at most ${1 + policy.recallTimes} allowed`);
    }
    for (const [attempt, same] of groupBy(lines, (l) => String(l.attempt))) {
      if (same.length > 1) f.add(INVARIANTS.sameAttempt, `${key}: attempt ${attempt} dialed ${same.length} times (ids ${same.map((l) => l.attemptId).join(', ')})`);
    }
  }
  // A record without a ledger line is legitimate (committed, then the process died before the dial:
  // call loss, D8); a dial without its record is an attempt lost.
  const records = new Map<number, CallRecord>();
  for (const t of tasks) for (const c of t.calls) records.set(c.callId, c);
  for (const l of ledger) {
    const r = records.get(l.attemptId);
    if (!r) f.add(INVARIANTS.unrecorded, `attempt ${l.attemptId} (task ${l.taskId}, ${l.number} #${l.attempt}) was dialed but has no call record`);
    else if (r.dialed !== l.number || r.attempt !== l.attempt || r.startedAt !== l.at) {
      f.add(INVARIANTS.unrecorded, `attempt ${l.attemptId}: ledger says ${l.number} #${l.attempt} at ${l.at}, the record ${r.dialed} #${r.attempt} at ${r.startedAt}`);
    }
  }
}

/** One task: every callee final exactly once, the counters agree, the task ended. */
export function checkTask(f: Findings, t: TaskFacts): void {
  const tag = `task ${t.taskId}`;
  const open = t.callees.filter((c) => c.state === 'pending' || c.state === 'dialing');
  if (t.status !== 'FINISH') {
    f.add(INVARIANTS.stuck, `${tag} stuck in ${t.status} (${count(open, 'pending')} callees pending, ${count(open, 'dialing')} dialing)`);
  } else if (open.length > 0) {
    f.add(INVARIANTS.stuck, `${tag} is FINISH with ${count(open, 'pending')} callees pending and ${count(open, 'dialing')} dialing`);
  }

  const calls = groupBy(t.calls, (c) => c.callee);
  const rows = new Map(t.callees.map((c) => [c.number, c]));
  let final = 0;
  for (const number of t.uploaded) {
    const row = rows.get(number);
    const problem = !row ? 'is not a callee of the task' : finalProblem(t, row.state, row.attempts, calls.get(number) ?? []);
    if (problem) f.add(INVARIANTS.finalOnce, `${tag}, ${number} ${problem}`);
    else final++;
  }
  const strangers = [...calls.keys()].filter((n) => !rows.has(n));
  for (const n of strangers) f.add(INVARIANTS.finalOnce, `${tag} has calls of ${n}, not one of its callees`);

  if (t.finishCount !== final || t.finishCount !== t.uploaded.length || t.totalCount !== t.uploaded.length) {
    f.add(INVARIANTS.finishCount, `${tag}: finishCount ${t.finishCount}, totalCount ${t.totalCount}; ${final} of ${t.uploaded.length} callees final`);
  }
  checkCallList(f, t, calls);
}

/** Why a callee is not final exactly once, or null: attempts 1..k, each but the last redialable, the last final. */
function finalProblem(t: TaskFacts, state: string, attempts: number, calls: readonly CallRecord[]): string | null {
  if (calls.length === 0) return `has no call (state ${state})`;
  const sorted = [...calls].sort((a, b) => a.attempt - b.attempt);
  const numbers = sorted.map((c) => c.attempt);
  if (numbers.some((a, i) => a !== i + 1)) return `has attempts ${numbers.join(', ')}, not 1 to ${sorted.length}`;
  const codes = new Set(t.policy.recallCodes);
  const isFinal = (c: CallRecord) => !codes.has(c.code) || c.attempt >= 1 + t.policy.recallTimes;
  for (let i = 0; i < sorted.length - 1; i++) {
    const c = sorted[i]!;
    if (isFinal(c)) return `was final at attempt ${c.attempt} (${c.code}) and dialed again`;
    const due = c.endedAt + t.policy.recallIntervalMin * 60_000;
    if (sorted[i + 1]!.startedAt < due) return `was redialed ${due - sorted[i + 1]!.startedAt} ms before RecallInterval allows`;
  }
  const last = sorted[sorted.length - 1]!;
  if (!isFinal(last)) return `ended on ${last.code} at attempt ${last.attempt} with a redial still owed`;
  if (state !== 'done') return `has a final call but is ${state}`;
  if (attempts !== sorted.length) return `counts ${attempts} attempts against ${sorted.length} call records`;
  return null;
}

/** QueryRobotTaskCallList: one entry per callee with a call, showing its latest attempt (docs/api/QueryRobotTaskCallList.md). */
function checkCallList(f: Findings, t: TaskFacts, calls: Map<string, CallRecord[]>): void {
  const listed = groupBy(t.callList, (e) => e.called);
  for (const [number, entries] of listed) {
    const latest = (calls.get(number) ?? []).reduce<CallRecord | null>((a, c) => (a && a.attempt > c.attempt ? a : c), null);
    if (entries.length > 1) f.add(INVARIANTS.callList, `task ${t.taskId}: ${number} listed ${entries.length} times`);
    else if (!latest) f.add(INVARIANTS.callList, `task ${t.taskId}: ${number} listed without a call record`);
    else if (entries[0]!.callId !== `${t.taskId}^${latest.callId}` || Number(entries[0]!.recallCurTimes) !== latest.attempt - 1) {
      f.add(INVARIANTS.callList, `task ${t.taskId}: ${number} listed as ${entries[0]!.callId} (recallCurTimes ${entries[0]!.recallCurTimes}), latest attempt is ${latest.callId} #${latest.attempt}`);
    }
  }
  for (const number of calls.keys()) if (!listed.has(number)) f.add(INVARIANTS.callList, `task ${t.taskId}: ${number} has calls but is not listed`);
}

const count = (rows: ReadonlyArray<{ state: string }>, state: string) => rows.filter((r) => r.state === state).length;
