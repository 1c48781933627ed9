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
