// What robotcall_callees_due costs (README "Metrics"): the count a /metrics scrape makes of the store
// (at most once per 5 s), on a task of 100,000 callees all due, embedded and on PostgreSQL, beside a
// plain count(*) of the same callees table. The task is made by a real server (one upload, a start on
// a paced manual clock: one callee dialed, the rest pending and due); the count is then timed on the
// stopped server's store.
import assert from 'node:assert/strict';
import { admin } from '../test/support/admin.js';
import { client } from '../test/support/clients.js';
import { rmSync } from 'node:fs';
import { freshDataDir, freshDatabase, startTestServer } from '../test/support/test-server.js';
import { openPglite } from '../src/store/pglite.js';
import { openPostgres } from '../src/store/postgres.js';
import { sqlEngineStore } from '../src/store/sql-engine-store.js';
import type { Database } from '../src/store/executor.js';

const CALLEES = Number(process.env.BENCH_DUE_CALLEES ?? 100_000);
const RUNS = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<{ median: number; worst: number }> {
  await run(); // the first read warms the cache of table pages, as the engine's own reads keep it warm
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  return { median: Number(median(ms).toFixed(2)), worst: Number(Math.max(...ms).toFixed(2)) };
}

async function measure(store: 'embedded' | 'postgres'): Promise<Record<string, unknown>> {
  const fresh = store === 'postgres' ? await freshDatabase() : null;
  const dataDir = fresh ? undefined : await freshDataDir();
  const s = await startTestServer({
    ...(fresh ? { databaseUrl: fresh.url } : { dataDir }), keepStore: true,
    flags: { clock: 'manual', callsPerSecond: 0.01, carrierTiming: 'zero' },
  });
  let db: Database | null = null;
  try {
    const call = client('pop-post', s);
    const id = String((await call('CreateRobotTask', { TaskName: 'due', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 })).body.Data);
    const numbers = Array.from({ length: CALLEES }, (_, i) => `13${String(i).padStart(9, '0')}`).join(',');
    assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers })).body.Code, 'OK');
    assert.equal((await call('StartRobotTask', { TaskId: id })).body.Code, 'OK');
    assert.equal((await admin(s.port, 'POST', 'clock/advance', { ms: 1000 })).status, 200);
    await s.server.close();
    db = s.databaseUrl ? await openPostgres(s.databaseUrl) : await openPglite(`${s.dataDir}/pglite`);
    const engineStore = sqlEngineStore(db, async () => {});
    const due = await engineStore.countDueCallees(Number.MAX_SAFE_INTEGER);
    assert.equal(due, CALLEES - 1);
    return {
      store, 'callees due': due,
      'robotcall_callees_due read, ms (median)': (await timed(() => engineStore.countDueCallees(Number.MAX_SAFE_INTEGER))).median,
      'plain count(*) of callees, ms (median)': (await timed(() => db!.query('select count(*) from callees'))).median,
    };
  } finally {
    await db?.close();
    await s.server.close().catch(() => {}); // stopped already, unless the set-up failed
    await fresh?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDueCount(): Promise<void> {
  const rows = [await measure('embedded')];
  // PostgreSQL on 127.0.0.1:5432 (or TEST_POSTGRES_URL), as the engine bench uses it, when it is there.
  rows.push(await measure('postgres').catch((err: unknown) => ({ store: 'postgres', skipped: String((err as Error).message ?? err) })));
  console.log(`\nrobotcall_callees_due: the store read a scrape makes (at most every 5 s), ${CALLEES.toLocaleString('en-US')} callees of one task, ${RUNS} reads each`);
  console.table(rows);
}
