// The carrier's own ledger of dials (`--carrier-ledger FILE`, docs/decisions.md D8): one JSON line per dial,
// written with one synchronous append per batch before the batch is dialed, so it survives SIGKILL
// and lines of several processes never interleave (one write(2) on an O_APPEND file).
import { appendFileSync, closeSync, openSync } from 'node:fs';
import type { PlaceRequest } from './carrier.js';

export interface Ledger {
  record(requests: readonly PlaceRequest[]): void;
}

/** Throws, in words, if `path` cannot be appended to: a bad ledger is refused at start, not at the first dial. */
export function fileLedger(path: string): Ledger {
  try {
    closeSync(openSync(path, 'a'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`the carrier ledger ${path} cannot be written (${code}) (--carrier-ledger / ROBOTCALL_CARRIER_LEDGER): give a file robotcall may create or append to`, { cause: err });
  }
  return {
    record(requests) {
      if (requests.length === 0) return;
      let lines = '';
      for (const r of requests) {
        lines += `${JSON.stringify({ attemptId: r.attemptId, taskId: r.taskId, number: r.number, attempt: r.attempt, at: r.startedAt })}\n`;
      }
      appendFileSync(path, lines);
    },
  };
}

export const noLedger: Ledger = { record: () => {} };
