// The raw floor beside the engine, on the same kind of database in the same run: the set-based rate at
// which it claims rows and marks them done. Each connection loops: in one transaction, claim a batch
// with `for update skip locked` (as the engine claims due callees), then mark it done, until none is left.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { freshDataDir, freshDatabase } from '../../test/support/test-server.js';
import type { SqlExecutor } from '../../src/store/executor.js';
import { openPglite } from '../../src/store/pglite.js';
import { CALLEES } from './task.js';

export const CLAIM = 5_000;

const SETUP = [
  'create table raw_callees (task_id bigint, seq int, number text, state text, due_at bigint, primary key (task_id, seq))',
  "create index raw_open on raw_callees (task_id, due_at, seq) where state = 'pending'",
  `insert into raw_callees select 1, g, '137' || lpad(g::text, 8, '0'), 'pending', 0 from generate_series(1, ${CALLEES}) g`,
];

/** One claim + mark-done transaction's statements; answers how many rows it claimed (0: none left). */
async function claimAndMarkDone(tx: SqlExecutor): Promise<number> {
  const rows = await tx.query<{ seq: number }>(
    `update raw_callees set state = 'dialing' where (task_id, seq) in (
       select task_id, seq from raw_callees where task_id = 1 and state = 'pending' and due_at < 1
       order by due_at, seq limit ${CLAIM} for update skip locked) returning seq`);
  if (rows.length > 0) {
    await tx.query("update raw_callees set state = 'done' where task_id = 1 and seq = any($1::int[])", [rows.map((r) => String(r.seq))]);
  }
  return rows.length;
}

/** Rows per second on a fresh PGlite (one connection: PGlite has one). */
export async function rawPgliteRun(): Promise<number> {
  const dir = await freshDataDir();
  const db = await openPglite(`${dir}/pglite`);
  try {
    for (const statement of SETUP) await db.query(statement);
    const t0 = performance.now();
    while (await db.transaction(claimAndMarkDone) > 0);
    return CALLEES / ((performance.now() - t0) / 1000);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows per second on a fresh PostgreSQL database, `connections` of them looping at once. */
export async function rawPostgresRun(connections: number): Promise<number> {
  const database = await freshDatabase();
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: database.url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    for (const statement of SETUP) await clients[0]!.query(statement);
    const t0 = performance.now();
    await Promise.all(clients.map(async (c) => {
      const tx: SqlExecutor = { query: async (text, values) => (await c.query(text, values as unknown[] | undefined)).rows, transaction: (fn) => fn(tx) };
      for (;;) {
        await c.query('begin');
        const claimed = await claimAndMarkDone(tx);
        await c.query('commit');
        if (claimed === 0) break;
      }
    }));
    return CALLEES / ((performance.now() - t0) / 1000);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await database.drop();
  }
}
