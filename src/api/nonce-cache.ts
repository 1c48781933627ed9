// Replay protection (DECISIONS D2): each (AccessKeyId, nonce) is accepted once within 31 minutes.
import type { SqlExecutor } from '../store/executor.js';

export const NONCE_TTL_MS = 31 * 60_000;

export interface NonceCache {
  /** True the first time the pair is claimed within its lifetime, false on reuse. */
  claim(accessKeyId: string, nonce: string, nowMs: number): Promise<boolean>;
  close(): void;
}

/** Embedded: in memory, lost on restart (documented). Two generations avoid per-entry timers. */
export function memoryNonceCache(): NonceCache {
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  let rotatedAt = 0;
  return {
    async claim(keyId, nonce, now) {
      if (now - rotatedAt > NONCE_TTL_MS) {
        previous = current;
        current = new Map();
        rotatedAt = now;
      }
      const key = `${keyId}\n${nonce}`;
      const seen = current.get(key) ?? previous.get(key);
      if (seen !== undefined && now - seen <= NONCE_TTL_MS) return false;
      current.set(key, now);
      return true;
    },
    close() {},
  };
}

/** PostgreSQL: an UNLOGGED table shared by every process; expired rows purged every minute. */
export function sqlNonceCache(db: SqlExecutor): NonceCache {
  const purge = setInterval(() => {
    db.query('delete from nonces where expires_at < $1', [Date.now()]).catch(() => {});
  }, 60_000);
  purge.unref();
  return {
    async claim(keyId, nonce, now) {
      const rows = await db.query(
        `insert into nonces (access_key_id, nonce, expires_at) values ($1, $2, $3)
         on conflict (access_key_id, nonce) do update set expires_at = excluded.expires_at
           where nonces.expires_at < $4
         returning 1`,
        [keyId, nonce, now + NONCE_TTL_MS, now]);
      return rows.length > 0;
    },
    close() { clearInterval(purge); },
  };
}
