// Per-account request throttling for `--rate-limit N` (a token bucket of N per second, burst N).
// Per process: with several processes on one PostgreSQL each enforces N on its own (documented).

export interface Throttle {
  /** 0 if allowed, else the ms until the next request would be. */
  take(accountId: number, nowMs: number): number;
}

export function tokenBucket(perSecond: number): Throttle {
  const buckets = new Map<number, { tokens: number; at: number }>();
  return {
    take(accountId, now) {
      const b = buckets.get(accountId) ?? { tokens: perSecond, at: now };
      b.tokens = Math.min(perSecond, b.tokens + ((now - b.at) * perSecond) / 1000);
      b.at = now;
      buckets.set(accountId, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil(((1 - b.tokens) * 1000) / perSecond));
    },
  };
}
