// The dial loop (docs/architecture.md §5, docs/decisions.md D7): for an engine-time window, claim due callees with
// `for update skip locked`, plan their starts within the limits, commit the attempts, and only then
// hand them to the carrier; record what it reports. Set-based: a few statements per round.
import type { Carrier, DialRequest } from '../carrier/carrier.js';
import { effectiveDialog } from '../dialog/demo-dialogs.js';
import type { Dialog } from '../dialog/dialog-format.js';
import { callCostFen } from '../domain/billing.js';
import { splitNumbers } from '../domain/phone-number.js';
import type { Database } from '../store/executor.js';
import * as sql from '../store/sql/engine.js';
import type { DialPlanner } from './dial-planner.js';

export interface DialContext {
  db: Database;
  carrier: Carrier;
  planner: DialPlanner;
  wallNow: () => number;
  /** Fen per started minute of an answered call. */
  pricePerMinute: number;
}

/** Most callees one round claims per task: bounds a transaction's size. */
const MAX_CLAIM = 10_000;
/** How long a committed attempt may wait for the carrier's answer before recovery calls it lost (wall clock). */
const LEASE_MS = 5 * 60_000;

interface Prepared {
  row: sql.DialTask;
  callers: string[];
  dialog: Dialog;
  corp: string;
  dials: number;
}

export async function dialWindow(ctx: DialContext, from: number, windowEnd: number): Promise<{ dialed: number; paceWaitUntil: number | null }> {
  const { db, planner } = ctx;
  let to = windowEnd;
  const tasks = (await sql.selectDueTasks(db, to)).map(prepare);
  if (tasks.length === 0) return { dialed: 0, paceWaitUntil: null };
  const inFlight = await sql.selectInFlight(db, from);
  planner.resetLines(inFlight.map((c) => ({ taskId: c.task_id, accountId: c.account_id, startsAt: c.started_at, endsAt: c.ended_at })));
  // With a price, any call's end may bring a charge that stops the account (arrears), so no call is
  // planned to start at or after the next end: the settlement at that instant comes first.
  const stopAtEnds = ctx.pricePerMinute > 0;
  const clip = (end: number | null) => { if (stopAtEnds && end !== null && end > from) to = Math.min(to, end); };
  for (const c of inFlight) clip(c.ended_at);
  const byId = new Map(tasks.map((t) => [t.row.id, t]));
  let dialed = 0;
  let paceWaitUntil: number | null = null;
  for (;;) {
    const limits = tasks
      .map((t) => ({ taskId: t.row.id, limit: Math.min(MAX_CLAIM, planner.capacity(t.row.id, t.row.account_id, to)) }))
      .filter((l) => l.limit > 0);
    if (limits.length === 0) break;
    const round = await db.transaction(async (tx) => {
      const due = (await sql.claimDueCallees(tx, to, limits))
        .map((c) => {
          const task = byId.get(c.task_id)!.row;
          // Nothing is dialed before the Start (or resume) request that made the task run.
          return { ...c, taskId: c.task_id, accountId: task.account_id, dueAt: Math.max(c.due_at, task.run_from ?? -Infinity) };
        });
      const plan = planner.planRound(due, from, to);
      if (plan.paceWaitUntil !== null) paceWaitUntil = Math.min(paceWaitUntil ?? Infinity, plan.paceWaitUntil);
      if (plan.planned.length === 0) return null;
      const lease = ctx.wallNow() + LEASE_MS;
      const rows: sql.NewCall[] = plan.planned.map(({ callee, startAt }) => {
        const task = byId.get(callee.task_id)!;
        const caller = task.callers[task.dials++ % task.callers.length]!;
        return {
          task_id: callee.task_id, account_id: callee.accountId, callee_seq: callee.seq, attempt: callee.attempts + 1,
          caller, called: callee.dial_number, started_at: startAt, lease_until: lease,
        };
      });
      const ids = await sql.insertCalls(tx, rows);
      return { plan: plan.planned, rows, ids };
    });
    if (round === null) break;

    const idOf = new Map(round.ids.map((r) => [`${r.task_id}:${r.callee_seq}`, r.id]));
    const requests: DialRequest[] = round.rows.map((r, i) => {
      const task = byId.get(r.task_id)!;
      const tts = round.plan[i]!.callee.tts;
      return {
        attemptId: idOf.get(`${r.task_id}:${r.callee_seq}`)!, taskId: r.task_id, number: r.called, attempt: r.attempt,
        caller: r.caller, startedAt: r.started_at, dialog: task.dialog, vars: { corp: task.corp, ...tts },
      };
    });
    const results = await ctx.carrier.dial(requests);
    await sql.recordResults(db, results.map(({ attemptId, code, earlyMediaCode, answeredAt, endedAt, ...conversation }) => {
      const answeredMs = answeredAt === null ? null : endedAt - answeredAt;
      return {
        id: attemptId, code, early: earlyMediaCode, answered_at: answeredAt, ended_at: endedAt,
        duration_s: Math.round((answeredMs ?? 0) / 1000), cost_fen: callCostFen(answeredMs, ctx.pricePerMinute), result: conversation,
      };
    }));
    results.forEach((res, i) => {
      planner.ended(round.plan[i]!, res.endedAt);
      clip(res.endedAt);
    });
    dialed += results.length;
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the HTTP server in between rounds
  }
  return { dialed, paceWaitUntil };
}

function prepare(row: sql.DialTask): Prepared {
  const dialog = effectiveDialog(row.dialog, row.seed_index);
  return {
    row, dialog, dials: row.dial_count,
    callers: splitNumbers(row.caller),
    // CorpName may list several names (the seed example does); the robot introduces the first.
    corp: splitNumbers(row.corp_name)[0] ?? '',
  };
}
