// PostgreSQL driver over `pg`: a pool for single statements, one checked-out client per transaction.
import pg from 'pg';
import type { Database, SqlExecutor, SqlValue } from './executor.js';
import { listenPostgres } from './postgres-listen.js';
import { INT8_OID, parseInt8 } from './type-parsers.js';

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Told of a connection PostgreSQL cut (an operator's pg_terminate_backend, a restart). */
export type ConnectionLost = (err: Error) => void;

export async function openPostgres(connectionString: string, max = 10, onLost: ConnectionLost = () => {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max, types });
  // A client losing its connection must not crash the process (pg emits 'error', and an 'error'
  // nobody listens to ends it): idle ones are dropped by the pool, which dials anew on the next query.
  pool.on('error', onLost);
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    // 3D000: no such database. It is not made for you: robotcall wants a database of its own.
    const hint = (err as { code?: string }).code === '3D000' ? ' (create it first, e.g. `createdb -h HOST -U USER NAME`)' : '';
    throw new Error(`cannot connect to the database at ${serverOf(connectionString)}: ${(err as Error).message || String(err)}${hint}`, { cause: err });
  }
  return {
    kind: 'postgres',
    query: async (text, values) => (await pool.query(text, values as unknown[] | undefined)).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      // A checked-out client has no pool listener: its lost connection is ours to catch. The
      // statement in flight fails on its own; the client is then destroyed rather than reused.
      let lost: Error | null = null;
      const onError = (err: Error) => {
        if (!lost) onLost(err);
        lost = err;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn(clientExecutor(client));
        await client.query('commit');
        return result;
      } catch (err) {
        if (!lost) await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        // A lost client keeps its listener: it may still report the socket's end before it is gone.
        if (!lost) client.off('error', onError);
        client.release(lost ?? undefined);
      }
    },
    listen: (channel, onPayload) => listenPostgres(connectionString, channel, onPayload, onLost),
    close: () => pool.end(),
  };
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  const self: SqlExecutor = {
    query: async (text: string, values?: readonly SqlValue[]) => (await client.query(text, values as unknown[] | undefined)).rows,
    transaction: (fn) => fn(self),
  };
  return self;
}

/** host:port the driver dials, for messages (never the credentials). */
function serverOf(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || 5432}`;
  } catch {
    return 'the configured URL';
  }
}
