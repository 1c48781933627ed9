// When the engine runs its next pass (engine.ts): soon after a wake (a task started, a call ended,
// a NOTIFY from another process), else after a rest the engine picks (its next event, the poll, or
// the backoff while passes fail). A wake is never lost: a wake that comes while a pass runs queues
// another pass, and the end of the running pass does not replace that queued pass with a rest; a
// wake held while passes fail runs as soon as a pass succeeds.
// (It did once: a wake whose pass had not begun yet when the running pass ended waited a whole poll,
// 60 s for a worker, and every wake after it was dropped as already queued.)

export interface PassTimerOptions {
  /** Runs one pass; the engine serialises passes itself. Its failure is the engine's to report. */
  run: () => Promise<void>;
  /** How long to rest after a pass when nothing wakes the engine (wall ms). */
  restMs: () => number;
  /** True while wakes must not hurry the next pass (passes failing: the backoff decides). */
  holdWakes: () => boolean;
}

export class PassTimer {
  private timer: NodeJS.Timeout | null = null;
  /** A pass is due at the next turn of the event loop; more wakes before it add nothing. */
  private queued = false;
  /** A wake came while wakes were held: once they are not (the pass that ends the failures), it runs. */
  private held = false;
  private stopped = false;

  constructor(private readonly opts: PassTimerOptions) {}

  /** Run a pass soon. */
  wake(): void {
    if (this.stopped || this.queued) return;
    if (this.opts.holdWakes()) {
      this.held = true;
      return;
    }
    this.queued = true;
    this.held = false;
    this.arm(0);
  }

  /** A pass ended (one of ours, or one the engine ran itself): rest until the next, unless one is queued. */
  rest(): void {
    if (this.stopped || this.queued) return;
    if (this.held && !this.opts.holdWakes()) {
      this.held = false;
      this.wake();
      return;
    }
    this.arm(this.opts.restMs());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    this.queued = false;
    // This pass serves any wake held until now.
    this.held = false;
    void this.opts.run().catch(() => {}).finally(() => this.rest());
  }
}
