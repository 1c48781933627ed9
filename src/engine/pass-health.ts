// Whether the engine's passes are succeeding (README "Engine", /_robotcall/health): a failing pass is
// retried with a growing wait, logged once per distinct error rather than once per retry, and
// reported as `degraded` with its reason until a pass succeeds again.
import type { Logger } from 'pino';

export type EngineHealth =
  | { state: 'ok' }
  | { state: 'degraded'; reason: string; failedPasses: number; since: string };

/**
 * First retry after this long (wall clock), doubling per failure up to BACKOFF_MAX_MS: short enough
 * that /_robotcall/ready turns 200 within a few seconds of the database coming back (a failing pass
 * against a database that is away costs a refused connection).
 */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 2_000;
/** Longest reason reported: an error message may quote a whole statement. */
const MAX_REASON = 500;

export class PassHealth {
  private failures = 0;
  private reason = '';
  private since = 0;

  constructor(private readonly log: Logger, private readonly wallNow: () => number) {}

  failed(err: unknown): void {
    const reason = reasonOf(err);
    if (this.failures === 0) this.since = this.wallNow();
    this.failures++;
    if (reason !== this.reason) this.log.error({ err, failedPasses: this.failures }, 'engine pass failed; retrying');
    else this.log.debug({ failedPasses: this.failures, reason }, 'engine pass failed again');
    this.reason = reason;
  }

  succeeded(): void {
    if (this.failures === 0) return;
    this.log.info({ failedPasses: this.failures, downMs: this.wallNow() - this.since }, 'engine recovered');
    this.failures = 0;
    this.reason = '';
  }

  /** How long to wait before the next pass while failing; null when healthy. */
  backoffMs(): number | null {
    if (this.failures === 0) return null;
    return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures - 1, 16));
  }

  view(): EngineHealth {
    if (this.failures === 0) return { state: 'ok' };
    return { state: 'degraded', reason: this.reason, failedPasses: this.failures, since: new Date(this.since).toISOString() };
  }
}

function reasonOf(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}
