// The Clock port (docs/decisions.md D6). The wall clock drives signatures, nonces, throttling and leases; the
// engine clock drives task times, schedules, call timelines, pace, redials and calling hours.
//
// An engine clock is an anchor (engine time `engineAt` when the wall clock read `wallAt`) and a rate:
// system = rate 1 anchored at the wall clock, scaled:N = rate N, manual = rate 0 (moves only when
// advanced). The anchor is what the store persists, so restarts and other processes share it.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Milliseconds from an arbitrary origin that never step back: for measuring durations. */
export const monotonicClock: Clock = { now: () => performance.now() };

export type ClockMode = 'system' | 'scaled' | 'manual';

export interface ClockAnchor {
  mode: ClockMode;
  rate: number;
  wallAt: number;
  engineAt: number;
}

export interface EngineClock extends Clock {
  readonly anchor: ClockAnchor;
  /** Moves engine time forward to `to` (ms); refuses to go back. Not for the system clock. */
  advanceTo(to: number): ClockAnchor;
  /** Puts engine time back on the wall clock's now, keeping mode and rate (docs/decisions.md D17); may go back. */
  resetToWall(): ClockAnchor;
  /** Takes the anchor another process stored (docs/decisions.md D14); the store's is the one in force. */
  follow(stored: ClockAnchor): void;
  /** Runs on at another mode or rate from engine time now, which never goes back (resumeAnchor). */
  rerate(spec: { mode: ClockMode; rate: number }): ClockAnchor;
}

export class ClockError extends Error {}

export function engineClock(initial: ClockAnchor, wall: Clock = systemClock): EngineClock {
  let anchor = initial;
  const now = () => (anchor.rate === 0 ? anchor.engineAt : anchor.engineAt + Math.floor((wall.now() - anchor.wallAt) * anchor.rate));
  return {
    now,
    get anchor() {
      return anchor;
    },
    advanceTo(to) {
      if (anchor.mode === 'system') throw new ClockError('the system engine clock follows the wall clock and cannot be advanced; start with --clock manual or scaled:N');
      const current = now();
      if (!Number.isSafeInteger(to) || to < current) throw new ClockError(`the engine clock cannot go back (now ${current}, asked for ${to})`);
      anchor = { ...anchor, wallAt: wall.now(), engineAt: to };
      return anchor;
    },
    resetToWall() {
      const at = wall.now();
      anchor = { ...anchor, wallAt: at, engineAt: at };
      return anchor;
    },
    follow(stored) {
      anchor = stored;
    },
    rerate(spec) {
      anchor = resumeAnchor(spec, anchor, wall.now());
      return anchor;
    },
  };
}

/**
 * The rates a scaled clock may run at (README "Configuration"): over 1,000,000 times faster passes
 * an engine day in under 0.1 s, finer than the engine steps.
 */
export const SCALED_RATE = { min: 0.01, max: 1_000_000 };

/** A clock robotcall runs with (`--clock`, the admin API's clock speed): parseClockSpec's, a scaled rate within SCALED_RATE; else null. */
export function usableClockSpec(spec: string): { mode: ClockMode; rate: number } | null {
  const clock = parseClockSpec(spec);
  return clock && (clock.mode !== 'scaled' || (clock.rate >= SCALED_RATE.min && clock.rate <= SCALED_RATE.max)) ? clock : null;
}

/** Parses `system`, `manual` or `scaled:N` (N > 0). */
export function parseClockSpec(spec: string): { mode: ClockMode; rate: number } | null {
  if (spec === 'system') return { mode: 'system', rate: 1 };
  if (spec === 'manual') return { mode: 'manual', rate: 0 };
  const m = /^scaled:(\d+(?:\.\d+)?)$/.exec(spec);
  if (m && Number(m[1]) > 0) return { mode: 'scaled', rate: Number(m[1]) };
  return null;
}

/**
 * The anchor to run with, given what the store holds: the same mode and rate continue the stored
 * engine time; a new mode or rate re-anchors at the stored clock's current time, so engine time
 * never goes back. The system clock follows the wall clock unless a stored clock is already ahead
 * of it (an earlier scaled or manual run), in which case it keeps that lead.
 */
export function resumeAnchor(spec: { mode: ClockMode; rate: number }, stored: ClockAnchor | null, wallNow: number): ClockAnchor {
  const storedNow = stored ? engineClock(stored, { now: () => wallNow }).now() : wallNow;
  if (stored && stored.mode === spec.mode && stored.rate === spec.rate && spec.mode !== 'system') return stored;
  if (spec.mode === 'system') return { mode: 'system', rate: 1, wallAt: wallNow, engineAt: Math.max(storedNow, wallNow) };
  return { mode: spec.mode, rate: spec.rate, wallAt: wallNow, engineAt: storedNow };
}

/** A span of time in words for people, to the coarsest two units: "30 days 5 h", "2 h 3 min", "45 s". */
export function describeSpan(ms: number): string {
  const units: Array<[string, number]> = [['days', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(ms));
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${name === 'days' && n === 1 ? 'day' : name}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !p.startsWith('0 ')).join(' ') || '0 s';
}
