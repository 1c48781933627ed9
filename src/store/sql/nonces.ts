// Replay protection on PostgreSQL (docs/decisions.md D2): the `nonces` table, shared by every
// process, WAL-logged so that a PostgreSQL crash does not forget what was used.
import type { SqlExecutor } from '../executor.js';

/**
 * Records (key, nonce) until `expiresAt`; false if it is recorded and not yet expired. An expired row
 * (not yet purged) is taken over: the request it recorded can no longer be replayed.
 */
export async function claimNonce(db: SqlExecutor, keyId: string, nonce: string, expiresAt: number, now: number): Promise<boolean> {
  const rows = await db.query(
    `insert into nonces (access_key_id, nonce, expires_at) values ($1, $2, $3)
     on conflict (access_key_id, nonce) do update set expires_at = excluded.expires_at
       where nonces.expires_at < $4
     returning 1`,
    [keyId, nonce, expiresAt, now]);
  return rows.length > 0;
}

export async function purgeNonces(db: SqlExecutor, now: number): Promise<void> {
  await db.query('delete from nonces where expires_at < $1', [now]);
}
