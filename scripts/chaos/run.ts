// One chaos run on one layout: start the processes, start the campaign, SIGKILL a random process at
// random moments and restart it, wait for FINISH, then check every invariant.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_KEY } from '../../test/support/test-server.js';
import { Api, campaign, startCampaign } from './campaign.js';
import { Cluster, type Role } from './cluster.js';
import { readLedger, spotCheckDetails, taskFacts } from './collect.js';
import type { Limits, TaskFacts, Violation } from './facts.js';
import { Findings, INVARIANTS } from './findings.js';
import { checkAll } from './invariants.js';
import { overlap } from './limits.js';
import { Rng } from './prng.js';

export interface Layout {
  mode: string;
  /** The first role must serve the API: it is started first (it migrates the store). */
  roles: Array<[string, Role]>;
  storeArgs: string[];
}

export interface RunOptions {
  seed: number;
  callees: number;
  kills: number;
  /** Wall ms between kills, and from a kill to the restart: uniform in [lo, hi]. */
  gapMs: [number, number];
  downMs: [number, number];
  /** Wall seconds to wait for FINISH once the last kill is done. */
  timeoutS: number;
  clockRate: number;
  /** Wall ms the simulated carrier takes to answer a dial: without it a kill seldom finds a call in flight. */
  carrierLatencyMs: number;
  /** `--engine-lease` seconds, or null for the default: how long a dead process's attempts wait for recovery. */
  engineLeaseS: number | null;
  limits: Limits;
}

export interface RunResult {
  mode: string;
  processes: number;
  callees: number;
  kills: number;
  restarts: number;
  attempts: number;
  calls: number;
  /** Attempts recorded as call loss because their process died mid-dial (200012 ending where it started). */
  lost: number;
  maxTask: number;
  maxAccount: number;
  finishS: number | null;
  elapsedS: number;
  violations: Violation[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function chaosRun(layout: Layout, o: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-chaos-'));
  const ledger = path.join(dir, 'ledger.jsonl');
  const rng = new Rng(o.seed);
  const cluster = new Cluster(layout.roles, [...layout.storeArgs,
    '--clock', `scaled:${o.clockRate}`, '--carrier-timing', 'realistic', '--carrier-seed', String(o.seed), '--carrier-ledger', ledger,
    '--carrier-latency', String(o.carrierLatencyMs), ...(o.engineLeaseS === null ? [] : ['--engine-lease', String(o.engineLeaseS)]),
    '--task-concurrency', String(o.limits.taskConcurrency), '--account-concurrency', String(o.limits.accountConcurrency),
    '--calls-per-second', String(o.limits.callsPerSecond), '--log-level', 'warn',
  ], { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret });
  try {
    const [first, ...rest] = cluster.members;
    if (!(await cluster.start(first!))) throw new Error(`${first!.name} did not start: ${cluster.incidents.join('; ')}`);
    await Promise.all(rest.map((m) => cluster.start(m)));
    const api = new Api(() => cluster.apiPort());
    const plans = campaign(o.callees);
    const ids = await startCampaign(api, plans);
    const started = performance.now();
    log(`${layout.mode}: ${cluster.members.length} processes, tasks ${ids.join(', ')} started (${plans.map((p) => p.numbers.length).join(' + ')} callees)`);

    const watch = watchStatuses(api, ids);
    const kills = await killAtRandom(cluster, rng, o, () => watch.allFinished());
    await cluster.ensureUp();
    const deadline = performance.now() + o.timeoutS * 1000;
    while (!watch.allFinished() && performance.now() < deadline) await sleep(250);
    watch.stop();
    const finishS = watch.allFinished() ? (watch.finishedAt - started) / 1000 : null;
    log(`${layout.mode}: ${finishS === null ? `not finished ${o.timeoutS} s after the last kill` : `FINISH after ${finishS.toFixed(1)} s`}; checking`);

    const f = new Findings();
    for (const incident of cluster.incidents) f.add(INVARIANTS.processes, incident);
    if (kills < o.kills) f.add(INVARIANTS.killsInRun, `FINISH came after ${kills} of ${o.kills} kills: make the run longer (more callees, a slower clock)`);
    await cluster.ensureUp();
    const facts: TaskFacts[] = [];
    for (const [i, id] of ids.entries()) facts.push(await taskFacts(api, id, plans[i]!, await watch.statusNow(id)));
    for (const t of facts) await spotCheckDetails(api, t, rng, 10, f);
    const lines = readLedger(ledger, f);
    const violations = checkAll(lines, facts, o.limits, f);
    const allCalls = facts.flatMap((t) => t.calls);
    return {
      mode: layout.mode, processes: cluster.members.length, callees: plans.reduce((n, p) => n + p.numbers.length, 0),
      kills: cluster.kills, restarts: cluster.restarts, attempts: lines.length, calls: allCalls.length,
      lost: allCalls.filter((c) => c.code === '200012' && c.endedAt === c.startedAt).length,
      maxTask: Math.max(...facts.map((t) => overlap(t.calls).most)), maxAccount: overlap(allCalls).most,
      finishS, elapsedS: (performance.now() - t0) / 1000, violations,
    };
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * SIGKILLs a random process at random moments, restarting each after a random delay; stops early at
 * FINISH. A start takes seconds (more on a busy 2-core machine): a victim still starting is usually
 * waited for, then given a random moment of its own, but one time in five it is killed as it starts
 * (its migrations, its recovery). Every draw is made whatever happens, so a seed replays the same
 * sequence of choices.
 */
async function killAtRandom(cluster: Cluster, rng: Rng, o: RunOptions, finished: () => boolean): Promise<number> {
  let kills = 0;
  while (kills < o.kills) {
    const [gap, victim, patient, settle, down] = [rng.between(...o.gapMs), rng.pick(cluster.members), rng.next() >= 0.2,
      rng.between(...o.gapMs), rng.between(...o.downMs)];
    await sleep(gap);
    if (!victim.up && patient && (await victim.starting)) await sleep(settle);
    if (finished()) break;
    const when = victim.up ? 'running' : 'starting';
    await cluster.kill(victim);
    kills++;
    log(`kill ${kills}/${o.kills}: ${victim.name} (SIGKILL while ${when}), restart in ${down} ms`);
    await sleep(down);
    void cluster.start(victim);
  }
  return kills;
}

/** Polls QueryRobotTaskDetail through whichever serve is up; a serve being killed is only a missed poll. */
function watchStatuses(api: Api, ids: number[]) {
  const status = new Map<number, string>();
  let stopped = false;
  const w = {
    finishedAt: 0,
    allFinished: () => ids.every((id) => status.get(id) === 'FINISH'),
    stop: () => { stopped = true; },
    async statusNow(id: number): Promise<string> {
      return (await api.data<{ status: string }>('QueryRobotTaskDetail', { Id: id })).status;
    },
  };
  void (async () => {
    while (!stopped && !w.allFinished()) {
      for (const id of ids) {
        try {
          status.set(id, await w.statusNow(id));
          if (w.finishedAt === 0 && w.allFinished()) w.finishedAt = performance.now();
        } catch {
          // no serve up at this moment, or killed mid-request
        }
      }
      await sleep(200);
    }
  })();
  return w;
}

export const log = (line: string) => console.error(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
