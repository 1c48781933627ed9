// The carrier's own ledger of dials (`--carrier-ledger FILE`, docs/decisions.md D8): one JSON line per dial,
// written with one synchronous append per batch before the batch is dialed, so it survives SIGKILL
// and lines of several processes never interleave (one write(2) on an O_APPEND file).
import { appendFileSync } from 'node:fs';
import type { DialRequest } from './carrier.js';

export interface Ledger {
  record(requests: readonly DialRequest[]): void;
}

export function fileLedger(path: string): Ledger {
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
