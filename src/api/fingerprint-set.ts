// A hash set of 64-bit fingerprints in one Uint32Array (open addressing, linear probing): no JS
// object per entry, so a remembered nonce costs 16-32 bytes (the table is kept 25-50 % full).
import { randomInt } from 'node:crypto';

/**
 * A per-process secret mixed into slot positions. Fingerprints are public (they are a hash of what
 * the client sent), so positions taken straight from their bits could be aimed: a client grinding
 * nonces until half the table's positions fill up one contiguous run makes every lookup walk it.
 */
export interface SlotSeed {
  readonly x: number;
  readonly y: number;
  /** Odd multipliers, so each product is a bijection of its input. */
  readonly m1: number;
  readonly m2: number;
}

export function randomSlotSeed(): SlotSeed {
  const r = () => randomInt(0, 2 ** 32) | 0;
  return { x: r(), y: r(), m1: r() | 1, m2: r() | 1 };
}

// 1,024 slots (8 KiB): small enough for a bucket holding a handful, and doubled as it fills.
const MIN_BITS = 10;

export class FingerprintSet {
  /** (hi, lo) pairs; (0, 0) marks an empty slot, so that fingerprint is never stored (see nonceFingerprint). */
  private table: Uint32Array;
  private bits: number;
  size = 0;

  constructor(private readonly seed: SlotSeed) {
    this.bits = MIN_BITS;
    this.table = new Uint32Array(2 << MIN_BITS);
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  has(hi: number, lo: number): boolean {
    const t = this.table;
    const mask = (1 << this.bits) - 1;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & mask) {
      const h = t[2 * i]!;
      const l = t[2 * i + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi >>> 0 && l === lo >>> 0) return true;
    }
  }

  /** Adds the fingerprint; false if it was there already. */
  add(hi: number, lo: number): boolean {
    if (this.has(hi, lo)) return false;
    // At most half full: linear probing stays short (2.5 probes for a miss on average).
    if ((this.size + 1) * 2 > 1 << this.bits) this.grow();
    this.put(hi, lo);
    this.size++;
    return true;
  }

  private slot(hi: number, lo: number): number {
    const s = this.seed;
    // The top bits of a product depend on every bit below them: those pick the slot.
    return (Math.imul(hi ^ s.x, s.m1) ^ Math.imul(lo ^ s.y, s.m2)) >>> (32 - this.bits);
  }

  private put(hi: number, lo: number): void {
    const t = this.table;
    const mask = (1 << this.bits) - 1;
    let i = this.slot(hi, lo);
    while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & mask;
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
  }

  private grow(): void {
    const old = this.table;
    this.bits++;
    this.table = new Uint32Array(2 << this.bits);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.put(old[i]!, old[i + 1]!);
    }
  }
}
