// When a failed batch is tried again (docs/decisions.md D16): 1 s after the first failure, doubling
// up to a ceiling, each wait drawn from its upper half so processes that failed together do not
// retry together; given up on once the next try would come after the retry window.

export interface RetryPolicy {
  /** Longest wait between tries, ms. */
  maxBackoffMs: number;
  /** How long after its first try a batch is still retried, ms. */
  windowMs: number;
}

/** The wall time of the next try after `failures` failed tries, or null to give up. */
export function nextTry(policy: RetryPolicy, failures: number, createdAt: number, now: number, random = Math.random): number | null {
  const ceiling = Math.min(policy.maxBackoffMs, 1000 * 2 ** Math.min(failures - 1, 30));
  const at = now + Math.round(ceiling * (0.5 + random() / 2));
  return at - createdAt > policy.windowMs ? null : at;
}
