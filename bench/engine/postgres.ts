// The engine on PostgreSQL with N processes sharing one fresh database: one `serve` (the API the bench
// drives, and the clock advance) plus N-1 `robotcall worker`s, which see the advance through the
// shared clock. Timed from StartRobotTask until QueryRobotTaskDetail answers FINISH, polled: the
// advance answers when serve's own engine has caught up, not the workers'.
//
// The work is one 100,000-callee task, not the same total split over several tasks or accounts:
// processes share a task's callees through `for update skip locked`, and one task keeps the
// workload the embedded and 1-process rows measure (a split changes what 1 process does too: more
// tasks per round, smaller claims). A split would not buy parallelism either: a round holds the
// dial locks of every account with a due task (store/sql/dial-limits.ts, docs/decisions.md D14)
// and updates each claimed task's row, so rounds of different processes queue on the same locks
// whether there is one task or several.
import { POSTGRES_ADMIN_URL, freshDatabase } from '../../test/support/test-server.js';
import { nodeProcess, type CliProcess } from '../../test/support/process.js';
import { observe, type Observation } from './observe.js';
import { CALLEES, ENGINE_FLAGS, KEY_ENV, advanceClock, createBenchTask, dayAhead, finishCount, startTask, taskStatus } from './task.js';

/** The engine-only process (docs/decisions.md D14). It has no API: the clock advance goes through serve. */
const ENGINE_ONLY = { args: ['worker'], ready: /(robotcall worker ready)/ };
const SERVE = { args: ['serve', '--port', '0'], ready: /robotcall ready on (http:\/\/\S+)/ };

const POLL_MS = 100;
/** Progress (callees final) is read this often, for stall detection only. */
const PROGRESS_EVERY_MS = 2_000;
/**
 * A run whose task finishes no callee for this long (wall clock) has stalled: it is reported as
 * such, and the bench goes on (a 100,000-callee run finishes thousands a second when it works).
 */
const STALL_MS = 30_000;

export interface PostgresRun {
  /** null: the task stalled (see `stalledAt`). */
  calleesPerSecond: number | null;
  /** Callees final when the run was given up as stalled. */
  stalledAt: number | null;
  /**
   * Seconds until the task was EXCUTING (as polled): its one batch made into callees, which one
   * process does (the batch is claimed whole), so it is the part more processes cannot share.
   */
  dispatchS: number | null;
  observation: Observation;
  /** What went wrong on the way without stopping the task (a clock advance refused, errors logged). */
  notes: string[];
}

export async function postgresEngineRun(processes: number): Promise<PostgresRun> {
  const database = await freshDatabase();
  const started: CliProcess[] = [];
  const spawn = (command: { args: string[]; ready: RegExp }) => {
    const p = nodeProcess(['src/cli/bin.ts', ...command.args, '--database-url', database.url, ...ENGINE_FLAGS], KEY_ENV, command.ready);
    started.push(p);
    return p;
  };
  try {
    // serve first, alone: it migrates the fresh database and seeds the key's account.
    const port = Number(new URL(await spawn(SERVE).ready()).port);
    await Promise.all(Array.from({ length: processes - 1 }, () => spawn(ENGINE_ONLY).ready()));
    const task = await createBenchTask(port);
    const to = await dayAhead(port);
    const watch = observe(POSTGRES_ADMIN_URL, new URL(database.url).pathname.slice(1), started.map((p) => p.child.pid!));
    const quietUntil = started.map(outputLength);
    const t0 = performance.now();
    await startTask(task);
    // Not awaited before polling; a refusal is reported with the figure (the task may still finish).
    const advance = advanceClock(port, to).then(() => null, (err: unknown) => String(err));
    let dispatched: number | null = null;
    let progress = { finished: -1, at: t0, readAt: t0 };
    let stalledAt: number | null = null;
    for (;;) {
      const status = await taskStatus(task);
      const now = performance.now();
      if (dispatched === null && (status === 'EXCUTING' || status === 'FINISH')) dispatched = now;
      if (status === 'FINISH') break;
      if (now - progress.readAt >= PROGRESS_EVERY_MS) {
        const finished = await finishCount(task);
        if (finished !== progress.finished) progress = { finished, at: now, readAt: now };
        else if (now - progress.at > STALL_MS) {
          stalledAt = finished;
          break;
        } else progress.readAt = now;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const elapsed = performance.now() - t0;
    const observation = await watch.stop();
    // A stalled run's advance may never answer: its processes are stopped instead.
    const refused = stalledAt === null ? await advance : null;
    const notes = refused === null ? [] : [refused];
    if (stalledAt !== null) {
      notes.push(`stalled: ${stalledAt.toLocaleString('en')} of ${CALLEES.toLocaleString('en')} callees final, none more in ${STALL_MS / 1000} s`);
    }
    const errors = started.flatMap((p, i) => linesSince(p, quietUntil[i]!));
    if (errors.length > 0) notes.push(`${errors.length} lines logged at error level, the first: ${errors[0]!.slice(0, 300)}`);
    return {
      calleesPerSecond: stalledAt === null ? CALLEES / (elapsed / 1000) : null, stalledAt,
      dispatchS: dispatched === null ? null : (dispatched - t0) / 1000, observation, notes,
    };
  } finally {
    for (const p of started) p.child.kill('SIGTERM');
    await Promise.all(started.map((p) => p.exited()));
    await database.drop();
  }
}

const outputLength = (p: CliProcess) => ({ out: p.stdout().length, err: p.stderr().length });

/** What the process wrote since `from` (past its start-up notices): at --log-level error, errors only. */
function linesSince(p: CliProcess, from: { out: number; err: number }): string[] {
  return (p.stdout().slice(from.out) + p.stderr().slice(from.err)).split('\n').filter((l) => l.trim() !== '');
}
