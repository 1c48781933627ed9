// One 20 ms clock for every call's media (RFC 3551: G.711 at 20 ms a packet): a single timer, set
// each time for the next multiple of 20 ms since it started, so the pacing does not drift however
// late one tick runs, and a hundred calls cost one timer, not a hundred.
export const FRAME_MS = 20;
export const FRAME_SAMPLES = 160;
/** At most this many late frames are sent at once (100 ms). */
const CATCH_UP = 5;

type Tick = (n: number) => void;

export class MediaClock {
  private readonly listeners = new Set<Tick>();
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private n = 0;

  /** Calls `tick` every 20 ms with the clock's tick count, until the returned function is called. */
  subscribe(tick: Tick): () => void {
    this.listeners.add(tick);
    if (!this.timer) {
      this.t0 = performance.now();
      this.n = 0;
      this.schedule();
    }
    return () => {
      this.listeners.delete(tick);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  private schedule(): void {
    this.n++;
    const due = this.t0 + this.n * FRAME_MS;
    this.timer = setTimeout(() => {
      // Late by whole frames (the event loop was busy): the frames missed go now, so the streams
      // and recordings stay continuous and a receiver's jitter buffer absorbs the burst. Past
      // CATCH_UP frames it would overflow one: those are skipped.
      const behind = Math.max(0, Math.floor((performance.now() - due) / FRAME_MS));
      for (let k = 0; k <= Math.min(behind, CATCH_UP); k++) {
        for (const tick of [...this.listeners]) {
          try {
            tick(this.n + k);
          } catch {
            // One call's media failing must not stop every call's: that listener is dropped.
            this.listeners.delete(tick);
          }
        }
      }
      this.n += behind;
      if (this.timer) this.schedule();
    }, Math.max(0, due - performance.now()));
  }
}
