// The engine on PostgreSQL with N processes sharing one fresh database: one `serve` (the API the bench
// drives) plus N-1 engine-only processes. Timed from StartRobotTask until QueryRobotTaskDetail
// answers FINISH, polled: the clock advance through `serve` answers when *its* engine has caught
// up, not the others.
//
// The work is one 100,000-callee task, not the same total split over several tasks or accounts:
// the engine claims a task's due callees with `for update skip locked`, so processes can share one
// task, and one task keeps the workload identical to the embedded and 1-process rows (a split
// would change what 1 process measures too: more tasks per pass, smaller claims). It is also the
// harder case for scale-out (every process's round touches the same task row), which is what the
// scaling figure should expose.
import { POSTGRES_ADMIN_URL, freshDatabase } from '../../test/support/test-server.js';
import { nodeProcess, type CliProcess } from '../../test/support/process.js';
import { observe, type Observation } from './observe.js';
import { CALLEES, ENGINE_FLAGS, KEY_ENV, advanceClock, createBenchTask, dayAhead, startTask, taskStatus } from './task.js';

/**
 * The engine-only process. `robotcall worker` (issue 8) is not on main yet: until it is, extra
 * `serve --port 0` processes (their API unused but for the clock advance). Once it is:
 * `{ args: ['worker'], ready: /(robotcall worker ready)/ }`.
 */
const ENGINE_ONLY = { args: ['serve', '--port', '0'], ready: /robotcall ready on (http:\/\/\S+)/ };

const SERVE = { args: ['serve', '--port', '0'], ready: /robotcall ready on (http:\/\/\S+)/ };

const POLL_MS = 100;
/** Far longer than any run: a task that never finishes fails the bench instead of hanging it. */
const GIVE_UP_MS = 10 * 60_000;

export interface PostgresRun {
  calleesPerSecond: number;
  /**
   * Seconds until the task was EXCUTING (as polled): its one batch made into callees, which one
   * process does (the batch is claimed whole), so it is the part more processes cannot share.
   */
  dispatchS: number;
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
    const others = await Promise.all(Array.from({ length: processes - 1 }, () => spawn(ENGINE_ONLY).ready()));
    // Every process with an admin API gets the advance: with a clock shared through the database the
    // others see serve's within a second anyway, and the absolute target moves it only once.
    const clockPorts = [port, ...others.filter((r) => r.startsWith('http')).map((url) => Number(new URL(url).port))];
    const task = await createBenchTask(port);
    const to = await dayAhead(port);
    const watch = observe(POSTGRES_ADMIN_URL, new URL(database.url).pathname.slice(1), started.map((p) => p.child.pid!));
    const quietUntil = started.map(outputLength);
    const t0 = performance.now();
    await startTask(task);
    // Not awaited before polling; a refusal is reported with the figure (the task may still finish).
    const advances = clockPorts.map((p) => advanceClock(p, to).then(() => null, (err: unknown) => String(err)));
    let dispatched: number | null = null;
    for (;;) {
      const status = await taskStatus(task);
      if (dispatched === null && (status === 'EXCUTING' || status === 'FINISH')) dispatched = performance.now();
      if (status === 'FINISH') break;
      if (performance.now() - t0 > GIVE_UP_MS) throw new Error(`the bench task is still ${status} after ${GIVE_UP_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const elapsed = performance.now() - t0;
    const observation = await watch.stop();
    const notes = (await Promise.all(advances)).filter((n): n is string => n !== null);
    const errors = started.flatMap((p, i) => linesSince(p, quietUntil[i]!));
    if (errors.length > 0) notes.push(`${errors.length} lines logged at error level, the first: ${errors[0]!.slice(0, 300)}`);
    return { calleesPerSecond: CALLEES / (elapsed / 1000), dispatchS: (dispatched! - t0) / 1000, observation, notes };
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
