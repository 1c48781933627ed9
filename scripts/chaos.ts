// `npm run chaos` (issue 8, item 6): robotcall's processes SIGKILLed at random moments and restarted
// while a campaign with redials runs, first serve + engine-only processes on one PostgreSQL, then the
// embedded store's single process; then the invariants, from the carrier ledger and the API. Prints
// a summary and every violation; exits 1 on any. `--short` is the CI form (under ~3 minutes).
//   npm run chaos -- [--short] [--seed N] [--mode postgres|embedded|both] [--callees N] [--kills N] [--timeout S]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, freshDataDir } from '../test/support/test-server.js';
import { ENGINE_ONLY, SERVE } from './chaos/cluster.js';
import { randomSeed } from './chaos/prng.js';
import { printSummary } from './chaos/report.js';
import { chaosRun, log, type RunOptions, type RunResult } from './chaos/run.js';
import { rmSync } from 'node:fs';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    seed: { type: 'string' },
    mode: { type: 'string', default: 'both' },
    callees: { type: 'string' },
    kills: { type: 'string' },
    timeout: { type: 'string' },
  },
});

const short = args.short;
const seed = args.seed === undefined ? randomSeed() : Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0 || seed > 4_294_967_295) throw new Error('--seed takes an integer from 0 to 4294967295');
if (!['postgres', 'embedded', 'both'].includes(args.mode)) throw new Error('--mode takes postgres, embedded or both');

// The limits bind (calls last seconds to a minute of engine time, 34 s on average: about 0.9 attempts a
// second per 30 lines), and the clock is fast enough that redials (RecallInterval 2 minutes) come back
// within the run, slow enough that the run outlasts its kills (each waits for the last restart, 3-8 s on
// this 2-core machine): at scaled:200 the full campaign's ~35,000 attempts take about 200 s of wall
// time, the short one's ~3,500 at scaled:100 about 40 s.
const options: RunOptions = {
  seed,
  callees: Number(args.callees ?? (short ? 2_000 : 20_000)),
  kills: Number(args.kills ?? (short ? 5 : 20)),
  gapMs: [500, 3_000],
  downMs: [100, 1_500],
  timeoutS: Number(args.timeout ?? (short ? 60 : 600)),
  clockRate: short ? 100 : 200,
  // 50 ms per dial leaves calls in flight for a kill to find (recovered as call loss, D8); the short
  // form's 10 s lease (default 30) lets the survivors recover them sooner, to keep CI under 3 minutes.
  carrierLatencyMs: 50,
  engineLeaseS: short ? 10 : null,
  limits: { taskConcurrency: 20, accountConcurrency: 30, callsPerSecond: 20 },
};

async function postgresRun(): Promise<RunResult> {
  const name = `robotcall_chaos_${seed}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(POSTGRES_ADMIN_URL);
  const adminSql = async (sql: string) => {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await adminSql(`create database ${name}`);
  const db = new URL(url);
  db.pathname = `/${name}`;
  try {
    return await chaosRun({
      mode: 'postgres', storeArgs: ['--database-url', db.toString()],
      roles: [['serve', SERVE], [`${ENGINE_ONLY.name}-1`, ENGINE_ONLY], [`${ENGINE_ONLY.name}-2`, ENGINE_ONLY]],
    }, options);
  } finally {
    await adminSql(`drop database if exists ${name} with (force)`);
  }
}

async function embeddedRun(): Promise<RunResult> {
  const dir = await freshDataDir();
  try {
    return await chaosRun({ mode: 'embedded', storeArgs: ['--data-dir', dir], roles: [['serve', SERVE]] }, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  log(`seed ${seed} (replay: npm run chaos -- --seed ${seed}${short ? ' --short' : ''}); ${options.callees} callees, ${options.kills} kills a mode`);
  const results: RunResult[] = [];
  if (args.mode !== 'embedded') results.push(await postgresRun());
  if (args.mode !== 'postgres') results.push(await embeddedRun());
  printSummary(seed, results);
  return results.some((r) => r.violations.length > 0) ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`chaos: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(2);
});
