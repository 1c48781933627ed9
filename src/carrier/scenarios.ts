// Per-number carrier scenarios (docs/decisions.md D8): `PUT /_robotcall/carrier/scenarios/:number` overrides
// the magic-number rules and the distribution for one number, to steer outcomes and dialog branches.
import { z } from 'zod';
import { CARRIER_FINAL_CODES } from './simulated-outcomes.js';
import { firstIssue } from '../zod-message.js';

/**
 * Sizes (README "Limits"): a task dials a callee at most 11 times (RecallTimes ≤ 10) and a dialog
 * asks at most once a node (≤ 200), so these leave room; an utterance is as long as a robot's `say`.
 */
export const SCENARIO_LIMITS = { outcomes: 20, utterances: 100, utterance: 500 };

const scenario = z.object({
  /** State code per attempt; the last one repeats. */
  outcomes: z.array(z.string().refine((c) => CARRIER_FINAL_CODES.has(c), 'a final state code of docs/api/README.md §4.2'))
    .min(1).max(SCENARIO_LIMITS.outcomes).optional(),
  /** What the callee says at each ask, in order; "" is silence. */
  utterances: z.array(z.string().max(SCENARIO_LIMITS.utterance)).max(SCENARIO_LIMITS.utterances).optional(),
  /** Ringing before the outcome, ms. */
  ringMs: z.number().int().min(0).max(600_000).optional(),
  /** When the utterances run out: "user" hangs up, "robot" (default) stays silent until the robot ends. */
  hangup: z.enum(['user', 'robot']).optional(),
}).strict();

export type Scenario = z.infer<typeof scenario>;

export class ScenarioError extends Error {}

export function validateScenario(input: unknown): Scenario {
  const parsed = scenario.safeParse(input);
  if (!parsed.success) throw new ScenarioError(firstIssue('scenario', parsed.error));
  return parsed.data;
}

/** The scenarios in force, by normalised number; the engine's carrier reads them on every dial. */
export class ScenarioBook {
  private readonly byNumber = new Map<string, Scenario>();

  constructor(initial: Iterable<[string, Scenario]> = []) {
    for (const [n, s] of initial) this.byNumber.set(n, s);
  }

  get(number: string): Scenario | undefined {
    return this.byNumber.get(number);
  }

  set(number: string, s: Scenario): void {
    this.byNumber.set(number, s);
  }

  delete(number: string): boolean {
    return this.byNumber.delete(number);
  }

  clear(): void {
    this.byNumber.clear();
  }

  entries(): Array<[string, Scenario]> {
    return [...this.byNumber.entries()];
  }
}
