// The engine clock's anchor lives in the store (DECISIONS D6), so a restart, or another process on
// the same database, continues the same engine time.
import { engineClock, resumeAnchor, type Clock, type ClockAnchor, type ClockMode, type EngineClock } from '../clock.js';
import type { Store } from '../store/store.js';

const KEY = 'engine_clock';

export async function openEngineClock(store: Store, spec: { mode: ClockMode; rate: number }, wall: Clock): Promise<EngineClock> {
  const stored = await store.readSetting<ClockAnchor>(KEY);
  const anchor = resumeAnchor(spec, stored, wall.now());
  await store.writeSetting(KEY, anchor);
  return engineClock(anchor, wall);
}

/** Moves the clock forward and persists the new anchor. */
export async function advanceEngineClock(store: Store, clock: EngineClock, to: number): Promise<ClockAnchor> {
  const anchor = clock.advanceTo(to);
  await store.writeSetting(KEY, anchor);
  return anchor;
}

/** Puts the running engine clock back on the wall clock, keeping its mode and rate (DECISIONS D17), and persists it. */
export async function resetEngineClock(store: Store, clock: EngineClock): Promise<ClockAnchor> {
  const anchor = clock.resetToWall();
  await store.writeSetting(KEY, anchor);
  return anchor;
}

/**
 * The same with no server running (the CLI on a store): the stored anchor is moved to the wall
 * clock's now with its mode and rate, so the next `serve` with any clock starts there.
 */
export async function resetStoredClock(store: Store, wallNow: number): Promise<ClockAnchor | null> {
  const stored = await store.readSetting<ClockAnchor>(KEY);
  if (!stored) return null;
  const anchor = { ...stored, wallAt: wallNow, engineAt: wallNow };
  await store.writeSetting(KEY, anchor);
  return anchor;
}
