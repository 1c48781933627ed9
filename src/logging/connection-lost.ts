// How a lost database connection is logged: a database that goes away cuts every pooled connection
// at once (the engine's, the receipt deliverer's, the API's), and each would log the same error;
// one line per 10 s says it, with how many more were lost meanwhile.
import type { Logger } from 'pino';

const QUIET_MS = 10_000;

export function connectionLostLog(log: Logger, message: string, wallNow: () => number): (err: Error) => void {
  let last = -Infinity;
  let unsaid = 0;
  return (err) => {
    const now = wallNow();
    if (now - last < QUIET_MS) {
      unsaid++;
      return;
    }
    log.error({ err, ...(unsaid > 0 ? { alsoLostSinceLastLine: unsaid } : {}) }, message);
    last = now;
    unsaid = 0;
  };
}
