// Replay protection on PostgreSQL (docs/decisions.md D2): the gateway's nonce cache over the
// `nonces` table (an ordinary, crash-safe table since migration 6), shared by every process. A row
// lives until its signed timestamp leaves the window.
import type { SqlExecutor } from './executor.js';
import { claimNonce, purgeNonces } from './sql/nonces.js';

// Expired rows cost only space; a purge a minute keeps the table near one window's worth.
const PURGE_EVERY_MS = 60_000;

export interface NonceTable {
  claim(accessKeyId: string, nonce: string, signedAt: number, nowMs: number): Promise<'claimed' | 'used'>;
  close(): void;
}

/** `windowMs`: how long after its signed time a request could still be replayed. */
export function sqlNonceCache(db: SqlExecutor, wallNow: () => number, windowMs: number): NonceTable {
  const purge = setInterval(() => { purgeNonces(db, wallNow()).catch(() => {}); }, PURGE_EVERY_MS);
  purge.unref();
  return {
    async claim(keyId, nonce, signedAt, now) {
      return (await claimNonce(db, keyId, nonce, signedAt + windowMs, now)) ? 'claimed' : 'used';
    },
    close() { clearInterval(purge); },
  };
}
