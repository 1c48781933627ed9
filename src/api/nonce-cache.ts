// Replay protection (docs/decisions.md D2): each (AccessKeyId, nonce) is accepted once while a request that
// used it could still pass the timestamp check, i.e. until its signed timestamp is more than the
// window old. Embedded: fingerprints in memory with a journal in the data dir (here); PostgreSQL: a
// table (store/nonce-table.ts).
import crypto from 'node:crypto';
import { TIMESTAMP_WINDOW_MS } from './authenticate.js';
import { NonceBuckets, type NonceClaim } from './nonce-buckets.js';
import { fileNonceJournal } from './nonce-journal.js';

export type { NonceClaim } from './nonce-buckets.js';

export interface NonceCache {
  /**
   * Claims the pair for a request signed at `signedAt`: 'claimed' the first time, 'used' on reuse,
   * or a wait when the embedded store already remembers --max-nonces requests.
   */
  claim(accessKeyId: string, nonce: string, signedAt: number, nowMs: number): Promise<NonceClaim>;
  close(): void;
}

// Per request, on a loaded 2-vCPU machine: crypto.hash 1.5 µs, createHash 4.5 (it builds a Hash
// object), a keyed HMAC-SHA256 4.2 (and its key would have to be kept with the journal), an unkeyed
// JS hash 0.3 (but a client could steer its output). crypto.hash needs Node 20.12.
const sha256: (text: string) => Buffer = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'buffer')
  : (text) => crypto.createHash('sha256').update(text).digest();

/**
 * 64 bits of SHA-256 over the pair: fixed-size whatever the nonce's length, and not steerable by
 * the client (positions in the table are further keyed per process, fingerprint-set.ts). The key id
 * and nonce are bounded in form (no newline), so the joined text is unambiguous. (0, 0) marks an
 * empty slot and is moved to (0, 1).
 */
export function nonceFingerprint(accessKeyId: string, nonce: string): [number, number] {
  const d = sha256(`${accessKeyId}\n${nonce}`);
  const hi = d.readUInt32BE(0);
  const lo = d.readUInt32BE(4);
  return [hi, hi === 0 && lo === 0 ? 1 : lo];
}

export interface MemoryNonceOptions {
  maxEntries: number;
  /** `<dataDir>/nonces`; null keeps nothing across restarts. */
  journalDir: string | null;
  /** Wall-clock time at start: expired journal files are deleted, the rest loaded. */
  now: number;
}

/** Embedded: time-bucketed fingerprints (nonce-buckets.ts), journaled so restarts remember them. */
export function memoryNonceCache(opts: MemoryNonceOptions): NonceCache {
  const journal = opts.journalDir === null ? null : fileNonceJournal(opts.journalDir);
  const buckets = new NonceBuckets({ windowMs: TIMESTAMP_WINDOW_MS, maxEntries: opts.maxEntries, journal });
  for (const { bucket, fingerprints } of journal?.load() ?? []) {
    if (buckets.expiryOf(bucket) <= opts.now) journal!.drop(bucket);
    else for (let i = 0; i < fingerprints.length; i += 2) buckets.restore(bucket, fingerprints[i]!, fingerprints[i + 1]!);
  }
  return {
    async claim(keyId, nonce, signedAt, now) {
      const [hi, lo] = nonceFingerprint(keyId, nonce);
      const claim = buckets.claim(hi, lo, signedAt, now);
      // The action runs only once its record is on its way to disk.
      if (claim === 'claimed' && journal) await journal.written();
      return claim;
    },
    close() { journal?.close(); },
  };
}
