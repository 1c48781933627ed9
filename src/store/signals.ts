// Signals (engine-store.ts) over the database's LISTEN/NOTIFY, on one channel of robotcall's. Only
// PostgreSQL has other processes to tell: the embedded store's data dir has one, so it gets none.
import type { Signals } from './engine-store.js';
import type { Database } from './executor.js';

const CHANNEL = 'robotcall';

export function databaseSignals(db: Database): Signals | null {
  if (db.kind === 'pglite') return null;
  return {
    send: async (topic) => { await db.query('select pg_notify($1, $2)', [CHANNEL, topic]); },
    listen: (onTopic) => db.listen(CHANNEL, onTopic),
  };
}
