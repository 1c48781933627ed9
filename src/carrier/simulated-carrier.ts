// The simulated carrier (docs/architecture.md §6, docs/decisions.md D8): outcomes from a scenario, else the magic-number
// rules, else the seeded distribution; answered calls run the robot's dialog against a simulated
// callee whose replies are deterministic in (seed, number, attempt, round).
import type { Carrier, DialRequest, DialResult } from './carrier.js';
import { INSTANT_SPEECH, REALISTIC_SPEECH, ringMs } from './call-timing.js';
import type { Ledger } from './ledger.js';
import type { Scenario, ScenarioBook } from './scenarios.js';
import { ANSWERED, simulatedOutcome, unitHash } from './simulated-outcomes.js';
import type { Callee, Reply } from '../dialog/run-dialog.js';
import { runDialog } from '../dialog/run-dialog.js';

/** Codes early-media detection can report (docs/api/README.md §4.2). */
const EARLY_MEDIA_CODES: ReadonlySet<string> = new Set(['200002', '200005', '200003', '200010', '200011', '200007', '200004', '200012', '200130']);
const HUNG_UP_EARLY = '200001';

export interface SimulatedCarrierOptions {
  seed: number;
  timing: 'realistic' | 'zero';
  scenarios: ScenarioBook;
  ledger: Ledger;
  /** Wall-clock ms before a dial's answer comes back (`--carrier-latency`): a real network's delay. */
  latencyMs?: number;
}

export function simulatedCarrier(opts: SimulatedCarrierOptions): Carrier {
  const instant = opts.timing === 'zero';
  return {
    instant,
    async dial(requests) {
      opts.ledger.record(requests);
      if (opts.latencyMs) await new Promise((resolve) => setTimeout(resolve, opts.latencyMs));
      return requests.map((r) => placeCall(r, opts, instant));
    },
  };
}

function placeCall(r: DialRequest, opts: SimulatedCarrierOptions, instant: boolean): DialResult {
  const scenario = opts.scenarios.get(r.number);
  const code = scenario?.outcomes
    ? scenario.outcomes[Math.min(r.attempt, scenario.outcomes.length) - 1]!
    : simulatedOutcome(opts.seed, r.number, r.attempt);
  const unit = unitHash(`${opts.seed}:${r.number}:${r.attempt}:ring`);
  const ring = instant ? 0 : (scenario?.ringMs ?? ringMs(code, unit));
  const base = {
    attemptId: r.attemptId, code, transfer: null, transcript: [], rounds: 0, labels: [],
    counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 },
  };
  if (code !== ANSWERED && code !== HUNG_UP_EARLY) {
    return { ...base, earlyMediaCode: EARLY_MEDIA_CODES.has(code) ? code : null, answeredAt: null, endedAt: r.startedAt + ring, hangup: null };
  }
  const answeredAt = r.startedAt + ring;
  const speech = instant ? INSTANT_SPEECH : REALISTIC_SPEECH;
  if (code === HUNG_UP_EARLY) {
    // Picked up, then hung up during the robot's first sentence.
    const first = runDialog(r.dialog, r.vars, { reply: () => ({ hangup: true }) }, speech).transcript.slice(0, 1);
    const heard = instant ? 0 : Math.min(3_000, speech.robotMs(first[0]?.content ?? ''));
    return { ...base, earlyMediaCode: null, answeredAt, endedAt: answeredAt + heard, transcript: first, hangup: 'user' };
  }
  const outcome = runDialog(r.dialog, r.vars, simulatedCallee(opts.seed, r, scenario), speech);
  return {
    ...base, earlyMediaCode: null, answeredAt, endedAt: answeredAt + outcome.durationMs, transcript: outcome.transcript,
    rounds: outcome.rounds, labels: outcome.labels, counters: outcome.counters, hangup: outcome.hangup, transfer: outcome.transfer,
  };
}

/**
 * Without a scenario, at each ask the callee hangs up (6%), stays silent (12%), or says the first
 * keyword of one of the ask's intents (the rest, evenly).
 */
function simulatedCallee(seed: number, r: DialRequest, scenario: Scenario | undefined): Callee {
  if (scenario?.utterances) {
    const said = scenario.utterances;
    return {
      reply: (round): Reply => {
        if (round <= said.length) return said[round - 1] === '' ? { silence: true } : { say: said[round - 1]! };
        return scenario.hangup === 'user' ? { hangup: true } : { silence: true };
      },
    };
  }
  return {
    reply: (round, ask): Reply => {
      const u = unitHash(`${seed}:${r.number}:${r.attempt}:${round}`);
      if (u < 0.06) return { hangup: true };
      if (u < 0.18) return { silence: true };
      const intents = ask.intents;
      const pick = intents[Math.min(intents.length - 1, Math.floor(((u - 0.18) / 0.82) * intents.length))]!;
      return { say: pick.keywords[0]! };
    },
  };
}
