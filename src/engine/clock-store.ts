// The engine clock's anchor lives in the store (docs/decisions.md D6), so a restart, or another process on
// the same database, continues the same engine time.
import { describeSpan, engineClock, resumeAnchor, type Clock, type ClockAnchor, type ClockMode, type EngineClock } from '../clock.js';
import type { Store } from '../store/store.js';

/** The settings row holding the engine clock's anchor. */
export const CLOCK_SETTING = 'engine_clock';

/** `spec` null: continue the stored clock as it is (a worker joining others, docs/decisions.md D14), else the system clock. */
export async function openEngineClock(store: Store, spec: { mode: ClockMode; rate: number } | null, wall: Clock): Promise<EngineClock> {
  const stored = await store.readSetting<ClockAnchor>(CLOCK_SETTING);
  if (spec === null && stored) return engineClock(stored, wall);
  const anchor = resumeAnchor(spec ?? SYSTEM_CLOCK, stored, wall.now());
  await store.writeSetting(CLOCK_SETTING, anchor);
  return engineClock(anchor, wall);
}

const SYSTEM_CLOCK = { mode: 'system', rate: 1 } as const;

/** Moves the clock forward and persists the new anchor. */
export async function advanceEngineClock(store: Store, clock: EngineClock, to: number): Promise<ClockAnchor> {
  const anchor = clock.advanceTo(to);
  await store.writeSetting(CLOCK_SETTING, anchor);
  return anchor;
}

/** Runs the clock on at another mode or rate (the console's clock speed) and persists the new anchor. */
export async function rerateEngineClock(store: Store, clock: EngineClock, spec: { mode: ClockMode; rate: number }): Promise<ClockAnchor> {
  const anchor = clock.rerate(spec);
  await store.writeSetting(CLOCK_SETTING, anchor);
  return anchor;
}

/** Puts the running engine clock back on the wall clock, keeping its mode and rate (docs/decisions.md D17), and persists it. */
export async function resetEngineClock(store: Store, clock: EngineClock): Promise<ClockAnchor> {
  const anchor = clock.resetToWall();
  await store.writeSetting(CLOCK_SETTING, anchor);
  return anchor;
}

/**
 * The same with no server running (the CLI on a store): the stored anchor is moved to the wall
 * clock's now with its mode and rate, so the next `serve` with any clock starts there.
 */
export async function resetStoredClock(store: Store, wallNow: number): Promise<ClockAnchor | null> {
  const stored = await store.readSetting<ClockAnchor>(CLOCK_SETTING);
  if (!stored) return null;
  const anchor = { ...stored, wallAt: wallNow, engineAt: wallNow };
  await store.writeSetting(CLOCK_SETTING, anchor);
  return anchor;
}

/** Below this a system clock's lead is the wall clock stepping back (NTP), not an earlier fast run. */
const NOTABLE_LEAD_MS = 1000;

/**
 * What `serve` says when a system engine clock starts ahead of the wall clock (docs/decisions.md D17): it
 * keeps a lead from an earlier scaled or manual run, so new tasks are stamped in the future and
 * a ScheduleTime for tomorrow is refused. `storeArgs` names the store for the command that fixes it.
 */
export function clockLeadNotice(clock: EngineClock, wall: Clock, storeArgs: string): string | null {
  const lead = clock.now() - wall.now();
  if (clock.anchor.mode !== 'system' || lead < NOTABLE_LEAD_MS) return null;
  return `engine clock is ${describeSpan(lead)} ahead of the wall clock (kept from an earlier scaled or manual run on this store): `
    + 'new tasks are stamped in the future and ScheduleTime is checked against it. To go back (this deletes every task): '
    + `\`robotcall reset --clock --yes ${storeArgs}\`, or POST /_robotcall/reset {"clock": true}`;
}
