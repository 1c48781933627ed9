// A number read from the store when metrics are scraped, reused for a while however many scrapers
// ask: one read in flight at a time, and a store that does not answer in time gives NaN (the scrape
// still answers, with every other metric) rather than holding the scrape. A failing read is
// reported once, not once per scrape, until a read succeeds again (a database outage).

export interface ReadingOptions {
  /** A value is reused for at least this long (wall ms)... */
  minAgeMs: number;
  /** ...and for this many times as long as reading it took: the reads take at most 1/factor of the store's time. */
  ageFactor: number;
  /** A read not answered by then gives NaN for that scrape (it still completes, and is kept). */
  timeoutMs: number;
  now: () => number;
  onError: (err: unknown) => void;
}

export function cachedReading(read: () => Promise<number>, opts: ReadingOptions): () => Promise<number> {
  let value = NaN;
  let freshUntil = -Infinity;
  let inFlight: Promise<number> | null = null;
  let failing = false;
  return () => {
    if (opts.now() < freshUntil) return Promise.resolve(value);
    if (inFlight) return inFlight;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => { timer = setTimeout(() => resolve(NaN), opts.timeoutMs); });
    const startedAt = opts.now();
    const reading = read().then((n) => {
      const end = opts.now();
      value = n;
      freshUntil = end + Math.max(opts.minAgeMs, (end - startedAt) * opts.ageFactor);
      failing = false;
      return n;
    }, (err: unknown) => {
      if (!failing) opts.onError(err);
      failing = true;
      return NaN;
    }).finally(() => {
      clearTimeout(timer);
      inFlight = null;
    });
    inFlight = Promise.race([reading, timeout]);
    return inFlight;
  };
}
