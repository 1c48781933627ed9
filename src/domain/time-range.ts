// The times robotcall accepts from clients (README "Limits"): every time it stores, and every time
// derived from one, renders as yyyy-MM-dd HH:mm:ss in any zone (a ScheduleTime of 2^53-1 ms was
// stored, and then every list of that account answered 500 "Invalid time value").

const DAY_MS = 86_400_000;

/** A ScheduleTime is at most this far after now: a year, leap day included. */
export const SCHEDULE_HORIZON_MS = 366 * DAY_MS;

/**
 * The engine clock goes no further: a schedule a horizon later still falls in 9999, and so does
 * anything the engine does on it (calls last minutes; redials come at most 30 minutes apart).
 */
export const LATEST_ENGINE_TIME = Date.UTC(9998, 0, 1);

/** The latest instant a QueryDate may name: the end of 9999 (UTC). */
export const LATEST_QUERY_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** QueryRobotTaskList's Time: dates from 1970-01-01 (no task is older) to 9999-12-31. */
export const FIRST_DATE_YEAR = 1970;

/** Why a ScheduleTime is refused, or null when it is after now and within the horizon. */
export function scheduleProblem(at: number, now: number): 'not after now' | 'too far ahead' | null {
  if (at <= now) return 'not after now';
  if (at > now + SCHEDULE_HORIZON_MS) return 'too far ahead';
  return null;
}
