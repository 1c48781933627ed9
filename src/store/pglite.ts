// PGlite driver: PostgreSQL in-process, the embedded default. PGlite serialises all queries on one
// connection, and its `transaction` holds that connection exclusively until the callback settles.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, SqlExecutor, SqlValue } from './executor.js';
import { INT8_OID, parseInt8 } from './type-parsers.js';

const parsers = { [INT8_OID]: parseInt8 };

/** `dataDir` undefined = in memory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, { parsers });
  return {
    kind: 'pglite',
    query: (text, values) => run(db, text, values),
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
}

function wrapTx(tx: Transaction): SqlExecutor {
  return {
    query: (text, values) => run(tx, text, values),
    // PGlite has no nested transactions; a nested call simply joins the outer one.
    transaction: (fn) => fn(wrapTx(tx)),
  };
}

async function run<T>(db: PGlite | Transaction, text: string, values?: readonly SqlValue[]): Promise<T[]> {
  const res = await db.query<T>(text, values as unknown[] | undefined);
  return res.rows;
}
