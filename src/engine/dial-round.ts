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
import { lockAccountsForDialing, savePace, selectLineHolders, selectPace } from '../store/sql/dial-limits.js';
import type { DialPlanner } from './dial-planner.js';

export interface DialContext {
  db: Database;
  carrier: Carrier;
  planner: DialPlanner;
  wallNow: () => number;
  /** Fen per started minute of an answered call. */
  pricePerMinute: number;
  /** This process, as the calls it commits record it (their owner renews their lease). */
  owner: string;
  /** How long a committed attempt may wait for the carrier's answer before recovery calls it lost (wall clock). */
  leaseMs: number;
  /** True once the process is stopping: no more rounds are claimed. */
  stopping: () => boolean;
  /**
   * Attempts committed by this process whose carrier results are not recorded yet, by call id: a
   * failure between the commit and the record (a cut connection, a carrier that threw) leaves them
   * here, with the result if the carrier gave one. Each pass records them first (recordLeftovers):
   * without that they held their account's lines until their lease ran out.
   */
  unrecorded: Map<number, sql.CallResultRow | null>;
}

/** Most callees one round claims per task: bounds a transaction's size. */
const MAX_CLAIM = 10_000;

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
  const accounts = [...new Set(tasks.map((t) => t.row.account_id))];
  // With a price, any call's end may bring a charge that stops the account (arrears), so no call is
  // planned to start at or after the next end: the settlement at that instant comes first.
  const stopAtEnds = ctx.pricePerMinute > 0;
  const byId = new Map(tasks.map((t) => [t.row.id, t]));
  let dialed = 0;
  let paceWaitUntil: number | null = null;
  const waitFor = (at: number) => { paceWaitUntil = Math.min(paceWaitUntil ?? Infinity, at); };
  while (!ctx.stopping()) {
    const round = await db.transaction(async (tx) => {
      // Under the accounts' dial locks, the lines and the pace are what every process has planned.
      await lockAccountsForDialing(tx, accounts);
      const holders = await selectLineHolders(tx, accounts, from);
      planner.load(holders.map((c) => ({ taskId: c.task_id, accountId: c.account_id, startsAt: c.started_at, endsAt: c.ended_at })),
        await selectPace(tx, accounts));
      if (stopAtEnds) for (const c of holders) if (c.ended_at !== null && c.ended_at > from) to = Math.min(to, c.ended_at);
      const limits: Array<{ taskId: number; limit: number }> = [];
      for (const t of tasks) {
        const limit = Math.min(MAX_CLAIM, planner.capacity(t.row.id, t.row.account_id, to));
        if (limit > 0) limits.push({ taskId: t.row.id, limit });
        else {
          const paceAt = planner.paceBlockedUntil(t.row.account_id, to);
          if (paceAt !== null) waitFor(paceAt);
        }
      }
      if (limits.length === 0) return null;
      const due = (await sql.claimDueCallees(tx, to, limits))
        .map((c) => {
          const task = byId.get(c.task_id)!.row;
          // Nothing is dialed before the Start (or resume) request that made the task run.
          return { ...c, taskId: c.task_id, accountId: task.account_id, dueAt: Math.max(c.due_at, task.run_from ?? -Infinity) };
        });
      const plan = planner.planRound(due, from, to);
      if (plan.paceWaitUntil !== null) waitFor(plan.paceWaitUntil);
      if (plan.planned.length === 0) return null;
      const lease = ctx.wallNow() + ctx.leaseMs;
      const rows: sql.NewCall[] = plan.planned.map(({ callee, startAt }) => {
        const task = byId.get(callee.task_id)!;
        const caller = task.callers[task.dials++ % task.callers.length]!;
        return {
          task_id: callee.task_id, account_id: callee.accountId, callee_seq: callee.seq, attempt: callee.attempts + 1,
          caller, called: callee.dial_number, started_at: startAt, lease_until: lease, owner: ctx.owner,
        };
      });
      const ids = await sql.insertCalls(tx, rows);
      await savePace(tx, planner.paceOf(new Set(rows.map((r) => r.account_id))));
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
    for (const r of requests) ctx.unrecorded.set(r.attemptId, null);
    const results = await ctx.carrier.dial(requests);
    const rows = results.map(({ attemptId, code, earlyMediaCode, answeredAt, endedAt, ...conversation }): sql.CallResultRow => {
      const answeredMs = answeredAt === null ? null : endedAt - answeredAt;
      return {
        id: attemptId, code, early: earlyMediaCode, answered_at: answeredAt, ended_at: endedAt,
        duration_s: Math.round((answeredMs ?? 0) / 1000), cost_fen: callCostFen(answeredMs, ctx.pricePerMinute), result: conversation,
      };
    });
    for (const row of rows) ctx.unrecorded.set(row.id, row);
    await sql.recordResults(db, rows);
    for (const row of rows) ctx.unrecorded.delete(row.id);
    dialed += results.length;
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the HTTP server in between rounds
  }
  return { dialed, paceWaitUntil };
}

/**
 * Records what an earlier pass committed but could not record: the carrier's results where it gave
 * them, else call loss (200012, D8: the carrier never answered, so nothing was charged). Then
 * attempts any process left unanswered past their lease (a commit whose answer was lost, a process
 * that died) are recorded as call loss too, as a start does.
 */
export async function recordLeftovers(ctx: DialContext): Promise<number> {
  let recorded = 0;
  if (ctx.unrecorded.size > 0) {
    const results = [...ctx.unrecorded.values()].filter((r): r is sql.CallResultRow => r !== null);
    const lost = [...ctx.unrecorded].filter(([, r]) => r === null).map(([id]) => id);
    if (results.length > 0) await sql.recordResults(ctx.db, results);
    if (lost.length > 0) recorded += await sql.recordCallsLost(ctx.db, lost);
    ctx.unrecorded.clear();
  }
  // Every pass (docs/decisions.md D14): an index on unanswered calls makes this cheap.
  recorded += await sql.resolveLostCalls(ctx.db, ctx.wallNow());
  return recorded;
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
