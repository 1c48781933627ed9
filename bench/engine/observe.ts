// What a PostgreSQL run spends its time on, to say why throughput stops growing with processes: the
// CPU each side burns (robotcall processes, PostgreSQL's backends and helpers, the machine as a
// whole; from /proc, Linux only) and what the database's connections are doing, sampled from
// pg_stat_activity (an active backend's wait event, or none: on CPU; or idle inside a transaction,
// waiting for its client).
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const SAMPLE_MS = 100;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

export interface Observation {
  wallS: number;
  /** Fraction of all cores busy over the run. */
  machineBusy: number;
  /** CPU seconds of each robotcall process, serve first. */
  robotcallCpuS: number[];
  postgresCpuS: number;
  /** Samples of the bench database's connections by what they were doing. */
  activity: Map<string, number>;
  samples: number;
}

export function emptyObservation(): Observation {
  return { wallS: 0, machineBusy: 0, robotcallCpuS: [], postgresCpuS: 0, activity: new Map(), samples: 0 };
}

/**
 * Starts observing; `stop` answers what happened since. `robotcallPids`: the engine processes.
 * PostgreSQL's share is its backends serving the bench database plus its shared background
 * processes (WAL writer, checkpointer, autovacuum), not other databases' backends (other tests may
 * be running on the same server). Their CPU is read at every sample: a backend may exit mid-run.
 */
export function observe(adminUrl: string, database: string, robotcallPids: number[]): { stop(): Promise<Observation> } {
  const t0 = performance.now();
  const cpus0 = machineTicks();
  const atStart = new Map(robotcallPids.map((pid) => [pid, ticksOf(pid) ?? 0]));
  const postgresAtStart = new Map<number, number>();
  const postgresLast = new Map<number, number>();
  const activity = new Map<string, number>();
  let samples = 0;
  const sampler = new pg.Client({ connectionString: adminUrl });
  const connected = sampler.connect();
  let running = true;
  const sample = async () => {
    const rows = (await sampler.query<{ pid: number; datname: string | null; state: string | null; wait_event_type: string | null; wait_event: string | null }>(
      `select pid, datname, state, wait_event_type, wait_event from pg_stat_activity
       where pid <> pg_backend_pid() and (datname = $1 or backend_type <> 'client backend')`, [database])).rows;
    samples++;
    for (const r of rows) {
      const ticks = ticksOf(r.pid);
      if (ticks !== null) {
        // Seen first at the first sample: counted from there (started before: its earlier CPU was not the run's).
        if (!postgresAtStart.has(r.pid)) postgresAtStart.set(r.pid, samples === 1 ? ticks : 0);
        postgresLast.set(r.pid, ticks);
      }
      if (r.datname !== database) continue;
      const what = r.state === 'active' ? (r.wait_event_type ? `${r.wait_event_type}:${r.wait_event}` : 'on CPU')
        : r.state === 'idle in transaction' ? 'idle in transaction (client busy)' : null;
      if (what) activity.set(what, (activity.get(what) ?? 0) + 1);
    }
  };
  const loop = (async () => {
    await connected;
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return {
    async stop() {
      const wallS = (performance.now() - t0) / 1000;
      const cpus1 = machineTicks();
      running = false;
      await loop;
      await sample();
      await sampler.end();
      const robotcall = [...atStart].map(([pid, from]) => ((ticksOf(pid) ?? from) - from) / TICKS);
      let postgres = 0;
      for (const [pid, last] of postgresLast) postgres += last - postgresAtStart.get(pid)!;
      const total = cpus1.total - cpus0.total;
      return {
        wallS, machineBusy: total > 0 ? 1 - (cpus1.idle - cpus0.idle) / total : 0,
        robotcallCpuS: robotcall, postgresCpuS: postgres / TICKS, activity, samples,
      };
    },
  };
}

/** Adds `o` into `sum` (rounds of one configuration). */
export function accumulate(sum: Observation, o: Observation): void {
  sum.machineBusy = (sum.machineBusy * sum.wallS + o.machineBusy * o.wallS) / (sum.wallS + o.wallS || 1);
  sum.wallS += o.wallS;
  sum.robotcallCpuS = o.robotcallCpuS.map((s, i) => s + (sum.robotcallCpuS[i] ?? 0));
  sum.postgresCpuS += o.postgresCpuS;
  sum.samples += o.samples;
  for (const [k, n] of o.activity) sum.activity.set(k, (sum.activity.get(k) ?? 0) + n);
}

/** One line: cores used by each side, and the database connections' commonest states (mean connections per sample). */
export function describe(o: Observation): string {
  const cores = (s: number) => (s / o.wallS).toFixed(2);
  const top = [...o.activity].sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([what, n]) => `${what} ${(n / Math.max(1, o.samples)).toFixed(2)}`).join(', ');
  const machine = o.machineBusy * os.cpus().length * o.wallS;
  const robotcall = o.robotcallCpuS.reduce((a, b) => a + b, 0);
  const each = o.robotcallCpuS.length > 1 ? ` (serve first: ${o.robotcallCpuS.map(cores).join(' + ')})` : '';
  return `cores used: robotcall ${cores(robotcall)}${each}, postgres ${cores(o.postgresCpuS)}, `
    + `anything else (the bench's client, other work on the machine) ${cores(Math.max(0, machine - robotcall - o.postgresCpuS))} `
    + `of ${os.cpus().length}; database connections by state (mean per sample): ${top || 'none seen'}`;
}

function machineTicks(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { idle, total };
}

/** utime + stime of a process (all its threads) in clock ticks; null if it is gone (or no /proc). */
function ticksOf(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) " come state (field 3) ... utime (14) and stime (15) (proc(5)); comm may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null; // gone between the check and the read
  }
}
