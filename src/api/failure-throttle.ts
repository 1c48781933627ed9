// Failures counted per key (an AccessKeyId, a client address): past the limit in a window, further
// tries are refused until it has passed, so a secret (a console sign-in, the admin token) cannot be guessed at speed.
// Per process, like --rate-limit.

export interface FailureThrottle {
  /** 0 when a try is allowed now, else the ms to wait. */
  wait(keys: string[], now: number): number;
  failed(keys: string[], now: number): void;
}

/** Entries kept at most: each a few dozen bytes; past it the oldest windows go first. */
const MAX_ENTRIES = 100_000;

export function failureThrottle(maxFailures = 5, windowMs = 60_000): FailureThrottle {
  // Insertion order is window-start order: a key's window restarts by deleting and re-adding it.
  const windows = new Map<string, { from: number; failures: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && now - w.from < windowMs) return w;
    if (w) windows.delete(key);
    return null;
  };
  return {
    wait(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const w = current(key, now);
        if (w && w.failures >= maxFailures) wait = Math.max(wait, w.from + windowMs - now);
      }
      return wait;
    },
    failed(keys, now) {
      for (const key of keys) {
        const w = current(key, now);
        if (w) w.failures++;
        else windows.set(key, { from: now, failures: 1 });
      }
      while (windows.size > MAX_ENTRIES) windows.delete(windows.keys().next().value!);
    },
  };
}
