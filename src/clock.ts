// The Clock port (DECISIONS D6). The engine clock drives task times; the wall clock drives
// signatures, nonces and throttling. Scaled and manual engine clocks arrive with the engine.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
