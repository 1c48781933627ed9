// Calling hours (docs/decisions.md D7): a daily window `HH:MM-HH:MM` read in the configured zone on the
// engine clock; `21:00-08:00` wraps midnight. Pure: callers pass the instant and the zone.
import { zoneOffset } from './zoned-time.js';

export interface CallingHours {
  /** Minutes after local midnight; the window is [open, close), wrapping when close <= open. */
  open: number;
  close: number;
  text: string;
}

const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

export function parseCallingHours(text: string): CallingHours | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 !== 0)) return null;
  const open = h1 * 60 + m1;
  const close = h2 * 60 + m2;
  if (open === close) return null;
  return { open, close, text };
}

/** Minutes after local midnight of instant `ms`, with the fraction of the minute. */
function localMinutes(ms: number, zone: string): number {
  const local = ms + zoneOffset(ms, zone);
  return (((local / MINUTE_MS) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

export function isWithinHours(hours: CallingHours, ms: number, zone: string): boolean {
  const t = localMinutes(ms, zone);
  return hours.open < hours.close ? t >= hours.open && t < hours.close : t >= hours.open || t < hours.close;
}

/** The first instant after `ms` at which the window opens or closes (to the millisecond). */
export function nextBoundary(hours: CallingHours, ms: number, zone: string): number {
  const t = localMinutes(ms, zone);
  let best = Infinity;
  for (const edge of [hours.open, hours.close % DAY_MINUTES]) {
    let ahead = edge - t;
    if (ahead <= 0) ahead += DAY_MINUTES;
    best = Math.min(best, ahead);
  }
  // Whole milliseconds, and strictly after `ms`; an offset change (DST) is settled by re-checking.
  return ms + Math.max(1, Math.round(best * MINUTE_MS));
}
