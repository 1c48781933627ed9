// The dial loop (docs/architecture.md §5, docs/decisions.md D7, D14): for an engine-time window, under the
// accounts' dial locks, read due callees and what holds the lines, plan their starts within the
// limits, commit the attempts, and only then place them with the carrier; record what it reports.
// Set-based: a few statements per round.
import type { Carrier, PlaceRequest } from '../carrier/carrier.js';
import { effectiveDialog } from '../dialog/demo-dialogs.js';
import type { Dialog } from '../dialog/dialog-format.js';
import { splitNumbers } from '../domain/phone-number.js';
import type { DialTask, EngineStore, NewAttempt } from '../store/engine-store.js';
import type { AttemptTracker } from './attempt-tracker.js';
import { CALL_LOSS, countCodes, type EngineMetrics } from './engine-metrics.js';
import { decide } from './settle.js';
import type { DialPlanner } from './dial-planner.js';

export interface DialContext {
  store: EngineStore;
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
  /** Follows the attempts this process placed until they end (attempt-tracker.ts). */
  tracker: AttemptTracker;
  /** True while a round places its attempts: their events then need no wake-up. */
  placing: boolean;
  /** The engine clock's now. */
  now: () => number;
  /** Told of every call this process records (README "Metrics"). */
  metrics: EngineMetrics;
}

/** Most callees one round claims per task: bounds a transaction's size. */
const MAX_CLAIM = 10_000;

interface Prepared {
  row: DialTask;
  /** The TTS variables of a callee that has none of its own. */
  vars: Readonly<Record<string, string>>;
  callers: string[];
  dialog: Dialog;
  corp: string;
  dials: number;
}

export async function dialWindow(ctx: DialContext, from: number, windowEnd: number): Promise<{ dialed: number; paceWaitUntil: number | null }> {
  const { store, planner } = ctx;
  let to = windowEnd;
  const tasks = (await store.dueTasks(to)).map(prepare);
  if (tasks.length === 0) return { dialed: 0, paceWaitUntil: null };
  const accounts = [...new Set(tasks.map((t) => t.row.accountId))];
  // With a price, any call's end may bring a charge that stops the account (arrears), so no call is
  // planned to start at or after the next end: the settlement at that instant comes first.
  const stopAtEnds = ctx.pricePerMinute > 0;
  const byId = new Map(tasks.map((t) => [t.row.id, t]));
  let dialed = 0;
  let paceWaitUntil: number | null = null;
  const waitFor = (at: number) => { paceWaitUntil = Math.min(paceWaitUntil ?? Infinity, at); };
  while (!ctx.stopping()) {
    // Under the accounts' dial locks, the lines and the pace are what every process has planned.
    const round = await store.planRound(accounts, async (r) => {
      const pace = await r.pace();
      // With a price the window also ends at the next call's end (below), which must follow the walk.
      const roundFrom = stopAtEnds ? from : sharedFrom(from, pace, accounts, tasks);
      // Instant calls hold no line (dial-planner.ts): no need to read who holds them.
      const holders = ctx.carrier.instant ? [] : await r.lineHolders(roundFrom);
      planner.load(holders, pace);
      if (stopAtEnds) for (const c of holders) if (c.endsAt !== null && c.endsAt > roundFrom) to = Math.min(to, c.endsAt);
      const limits: Array<{ taskId: number; limit: number }> = [];
      for (const t of tasks) {
        const limit = Math.min(MAX_CLAIM, planner.capacity(t.row.id, t.row.accountId, to));
        if (limit > 0) limits.push({ taskId: t.row.id, limit });
        else {
          const paceAt = planner.paceBlockedUntil(t.row.accountId, to);
          if (paceAt !== null) waitFor(paceAt);
        }
      }
      if (limits.length === 0) return null;
      const due = (await r.claimDue(to, limits)).map((c) => {
        const task = byId.get(c.taskId)!.row;
        // Nothing is dialed before the Start (or resume) request that made the task run.
        return {
          taskId: c.taskId, seq: c.seq, dialNumber: c.dialNumber, tts: c.tts, attempts: c.attempts, accountId: task.accountId,
          dueAt: Math.max(c.dueAt, task.runFrom ?? -Infinity),
        };
      });
      const plan = planner.planRound(due, roundFrom, to);
      if (plan.paceWaitUntil !== null) waitFor(plan.paceWaitUntil);
      if (plan.planned.length === 0) return null;
      const leaseUntil = ctx.wallNow() + ctx.leaseMs;
      const attempts: NewAttempt[] = plan.planned.map(({ callee, startAt }) => {
        const task = byId.get(callee.taskId)!;
        const caller = task.callers[task.dials++ % task.callers.length]!;
        return {
          taskId: callee.taskId, accountId: callee.accountId, calleeSeq: callee.seq, attempt: callee.attempts + 1,
          caller, called: callee.dialNumber, startedAt: startAt,
        };
      });
      const ids = await r.commitAttempts(attempts, { owner: ctx.owner, leaseUntil });
      await r.savePace(planner.paceOf(new Set(attempts.map((a) => a.accountId))));
      return attempts.map((a, i) => {
        const task = byId.get(a.taskId)!;
        // Read only by the conversation: callees without TTS variables share their task's.
        const tts = plan.planned[i]!.callee.tts;
        const vars = tts ? { corp: task.corp, ...tts } : task.vars;
        const request: PlaceRequest = { attemptId: ids[i]!, taskId: a.taskId, number: a.called, attempt: a.attempt, caller: a.caller, startedAt: a.startedAt };
        return { request, dialed: a, dialog: task.dialog, vars };
      });
    });
    if (round === null) break;

    for (const { request, dialed, dialog, vars } of round) ctx.tracker.expect(request.attemptId, dialed, dialog, vars);
    const requests = round.map((p) => p.request);
    ctx.placing = true;
    try {
      await ctx.carrier.place(requests, ctx.tracker.report);
    } catch (err) {
      ctx.tracker.placeFailed(requests.map((r) => r.attemptId));
      throw err;
    } finally {
      ctx.placing = false;
    }
    await recordFinished(ctx);
    dialed += requests.length;
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the HTTP server in between rounds
  }
  return { dialed, paceWaitUntil };
}

/** Records the attempts that ended since the last record; they wait for the next try if that fails. */
async function recordFinished(ctx: DialContext): Promise<void> {
  const outcomes = ctx.tracker.takeFinished();
  if (outcomes.length === 0) return;
  // Calls that ended by now are settled as they are recorded, in one transaction. Not with a price:
  // a charge may stop the account, which must happen at the call's end, in the pass's order of events.
  const settleBy = ctx.pricePerMinute === 0 ? { at: ctx.now(), decide } : undefined;
  let recorded: number[];
  try {
    recorded = await ctx.store.recordOutcomes(outcomes, ctx.owner, settleBy);
  } catch (err) {
    ctx.tracker.unrecorded(outcomes);
    throw err;
  }
  // Only those recorded here: an attempt recovery recorded as lost meanwhile was counted by its recorder.
  const ids = new Set(recorded);
  ctx.metrics.callsRecorded(countCodes(outcomes.filter((o) => ids.has(o.attemptId)).map((o) => o.code)));
}

/** Attempts recorded as call loss by this process. */
export function countLost(metrics: EngineMetrics, lost: number): void {
  if (lost > 0) metrics.callsRecorded(new Map([[CALL_LOSS, lost]]));
}

/**
 * Records what ended since the last pass (a carrier with latency answers between passes) or could
 * not be recorded then, and attempts the carrier failed to place as call loss (200012, D8: it never
 * answered, so nothing was charged). Then attempts any process left unanswered past their lease
 * (a process that died) are recorded as call loss too, as a start does.
 */
export async function recordLeftovers(ctx: DialContext): Promise<number> {
  await recordFinished(ctx);
  let recorded = 0;
  const failed = ctx.tracker.takeFailed();
  if (failed.length > 0) {
    try {
      const lost = await ctx.store.recordLost(failed);
      countLost(ctx.metrics, lost);
      recorded += lost;
    } catch (err) {
      ctx.tracker.failedAgain(failed);
      throw err;
    }
  }
  // Every pass (docs/decisions.md D14): the dialing callees' index makes this cheap.
  const expired = await ctx.store.recoverExpired(ctx.wallNow());
  countLost(ctx.metrics, expired);
  return recorded + expired;
}

/**
 * Where a round's window starts. This process's own walk through engine time may be ahead of its
 * accounts' work: on a manual clock advanced far, one process walks from the old time, dialing,
 * while another, idle until then, is already at the new now. That one starts where the accounts'
 * work is (their shared pace, their callees' due times), never later than its own walk, so the
 * processes together dial as one would (docs/decisions.md D14). An account that never dialed has
 * no such work: the window starts at the walk.
 */
function sharedFrom(from: number, pace: ReadonlyMap<number, number>, accounts: readonly number[], tasks: readonly Prepared[]): number {
  let paced = Infinity;
  for (const id of accounts) {
    const at = pace.get(id);
    if (at === undefined) return from;
    paced = Math.min(paced, at);
  }
  const due = Math.min(...tasks.map((t) => Math.max(t.row.firstDue, t.row.runFrom ?? -Infinity)));
  return Math.min(from, Math.ceil(Math.max(paced, due)));
}

function prepare(row: DialTask): Prepared {
  const dialog = effectiveDialog(row.dialog, row.seedIndex);
  // CorpName may list several names (the seed example does); the robot introduces the first.
  const corp = splitNumbers(row.corpName)[0] ?? '';
  return { row, dialog, dials: row.dialCount, callers: splitNumbers(row.caller), corp, vars: Object.freeze({ corp }) };
}

/** Waits (until wall time `deadline`) for the calls placed to end, and records them: whether they all ended, and were recorded. */
export async function drainCalls(ctx: DialContext, deadline: number): Promise<{ ended: boolean; recorded: boolean }> {
  while (ctx.tracker.waiting > 0 && ctx.wallNow() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const recorded = await recordFinished(ctx).then(() => true, () => false);
  return { ended: ctx.tracker.waiting === 0, recorded };
}
