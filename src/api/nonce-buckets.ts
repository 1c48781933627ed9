// Replay protection in memory (docs/decisions.md D2), sized by what a replay could still pass: each accepted
// request's (AccessKeyId, nonce) fingerprint is kept in the bucket of its *signed* timestamp, and a
// bucket is dropped once every timestamp in it is outside the window. A replay carries the same
// signed timestamp, so once its bucket is gone the timestamp check refuses it anyway. Under steady
// load memory is flat after one window, and a hard cap bounds it under any load.
import { FingerprintSet, randomSlotSeed, type SlotSeed } from './fingerprint-set.js';

export type NonceClaim = 'claimed' | 'used' | { retryAfterMs: number };

/** Where accepted fingerprints are written before the request runs, so a restart remembers them. */
export interface NonceJournal {
  append(bucket: number, hi: number, lo: number): void;
  /** The bucket expired: forget its records. */
  drop(bucket: number): void;
}

export interface NonceBucketsOptions {
  /** How far a signed timestamp may be from the wall clock (authenticate.ts). */
  windowMs: number;
  /** Refuse (Throttling) rather than remember more than this many. */
  maxEntries: number;
  journal?: NonceJournal | null;
  seed?: SlotSeed;
}

// One bucket per minute of signed time: a fingerprint outlives its replays by at most a minute, and
// at most 31 buckets (±15 minutes) are live, so a lookup scans few tables.
export const BUCKET_MS = 60_000;

export class NonceBuckets {
  private readonly buckets = new Map<number, FingerprintSet>();
  /** The same sets as an array, scanned on every claim. */
  private live: FingerprintSet[] = [];
  private entries = 0;
  private nextExpiry = Infinity;
  private readonly seed: SlotSeed;

  constructor(private readonly opts: NonceBucketsOptions) {
    this.seed = opts.seed ?? randomSlotSeed();
  }

  /** The first moment no timestamp of the bucket passes the window check (|now - at| ≤ window). */
  expiryOf(bucket: number): number {
    return (bucket + 1) * BUCKET_MS + this.opts.windowMs;
  }

  /** Claims a fingerprint for a request signed at `signedAt` (already checked to be within the window). */
  claim(hi: number, lo: number, signedAt: number, now: number): NonceClaim {
    if (now >= this.nextExpiry) this.expire(now);
    for (const set of this.live) if (set.has(hi, lo)) return 'used';
    if (this.entries >= this.opts.maxEntries) return { retryAfterMs: Math.max(1, this.nextExpiry - now) };
    const bucket = Math.floor(signedAt / BUCKET_MS);
    // Journaled first; the request waits for the write and fails if it fails (nonce-cache.ts).
    this.opts.journal?.append(bucket, hi, lo);
    this.setFor(bucket).add(hi, lo);
    this.entries++;
    return 'claimed';
  }

  /** Puts back a fingerprint read from the journal at start (of a bucket not yet expired), cap or not. */
  restore(bucket: number, hi: number, lo: number): void {
    if (this.setFor(bucket).add(hi, lo)) this.entries++;
  }

  stats(): { entries: number; buckets: number; bytes: number } {
    return { entries: this.entries, buckets: this.live.length, bytes: this.live.reduce((n, s) => n + s.bytes, 0) };
  }

  private setFor(bucket: number): FingerprintSet {
    let set = this.buckets.get(bucket);
    if (!set) {
      set = new FingerprintSet(this.seed);
      this.buckets.set(bucket, set);
      this.live.push(set);
      this.nextExpiry = Math.min(this.nextExpiry, this.expiryOf(bucket));
    }
    return set;
  }

  private expire(now: number): void {
    this.nextExpiry = Infinity;
    for (const [bucket, set] of this.buckets) {
      const expiry = this.expiryOf(bucket);
      if (expiry > now) {
        this.nextExpiry = Math.min(this.nextExpiry, expiry);
        continue;
      }
      this.buckets.delete(bucket);
      this.entries -= set.size;
      this.opts.journal?.drop(bucket);
    }
    this.live = [...this.buckets.values()];
  }
}
