// One 20 ms clock for every call's media (RFC 3551: G.711 at 20 ms a packet): a single timer, set
// each time for the next multiple of 20 ms since it started, so the pacing does not drift however
// late one tick runs, and a hundred calls cost one timer, not a hundred.
export const FRAME_MS = 20;
export const FRAME_SAMPLES = 160;

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
      // Late by more than a frame (a stalled event loop): skip ahead rather than send a burst.
      const behind = Math.floor((performance.now() - due) / FRAME_MS);
      if (behind > 0) this.n += behind;
      for (const tick of [...this.listeners]) tick(this.n);
      if (this.timer) this.schedule();
    }, Math.max(0, due - performance.now()));
  }
}
