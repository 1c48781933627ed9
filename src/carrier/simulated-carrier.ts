// The simulated carrier (docs/architecture.md §6, docs/decisions.md D8): outcomes from a scenario, else the
// magic-number rules, else the seeded distribution; an answered call's line is a simulated callee
// whose replies are deterministic in (seed, number, attempt, round). Batch-fast: every event of a
// placed batch is reported before place() returns, unless a latency (wall clock) is configured.
import type { CallEvent, Carrier, Line, PlaceRequest } from './carrier.js';
import { INSTANT_SPEECH, REALISTIC_SPEECH, ringMs } from './call-timing.js';
import type { Ledger } from './ledger.js';
import type { Scenario, ScenarioBook } from './scenarios.js';
import { ANSWERED, simulatedOutcome, unitHash } from './simulated-outcomes.js';
import type { Callee, Reply } from '../dialog/run-dialog.js';

/** Codes early-media detection can report (docs/api/README.md §4.2). */
const EARLY_MEDIA_CODES: ReadonlySet<string> = new Set(['200002', '200005', '200003', '200010', '200011', '200007', '200004', '200012', '200130']);
const HUNG_UP_EARLY = '200001';
/** A callee who hangs up during the first sentence has heard at most this much of it. */
const FIRST_SENTENCE_HEARD_MS = 3_000;

export interface SimulatedCarrierOptions {
  seed: number;
  timing: 'realistic' | 'zero';
  scenarios: ScenarioBook;
  ledger: Ledger;
  /** Wall-clock ms before a batch's events come (`--carrier-latency`): a real network's delay. */
  latencyMs?: number;
}

export function simulatedCarrier(opts: SimulatedCarrierOptions): Carrier {
  const instant = opts.timing === 'zero';
  return {
    instant,
    async place(requests, report) {
      opts.ledger.record(requests);
      const run = () => { for (const r of requests) placeCall(r, opts, instant, report); };
      if (opts.latencyMs) setTimeout(run, opts.latencyMs);
      else run();
    },
  };
}

function placeCall(r: PlaceRequest, opts: SimulatedCarrierOptions, instant: boolean, report: (e: CallEvent) => void): void {
  const scenario = opts.scenarios.get(r.number);
  const code = scenario?.outcomes
    ? scenario.outcomes[Math.min(r.attempt, scenario.outcomes.length) - 1]!
    : simulatedOutcome(opts.seed, r.number, r.attempt);
  const unit = unitHash(`${opts.seed}:${r.number}:${r.attempt}:ring`);
  const ring = instant ? 0 : (scenario?.ringMs ?? ringMs(code, unit));
  const { attemptId } = r;
  report({ kind: 'ringing', attemptId, at: r.startedAt });
  const at = r.startedAt + ring;
  if (code !== ANSWERED && code !== HUNG_UP_EARLY) {
    if (EARLY_MEDIA_CODES.has(code)) report({ kind: 'early-media', attemptId, at, detected: code });
    report({ kind: 'ended', attemptId, at, code, hangup: null });
    return;
  }
  const speech = instant ? INSTANT_SPEECH : REALISTIC_SPEECH;
  const line: Line = {
    kind: 'simulated',
    callee: simulatedCallee(opts.seed, r, scenario),
    speech,
    // Picked up, then hung up during the robot's first sentence.
    dropsDuringFirstSentence: code === HUNG_UP_EARLY
      ? (sentence) => (instant ? 0 : Math.min(FIRST_SENTENCE_HEARD_MS, speech.robotMs(sentence)))
      : undefined,
    finish: (end, by) => report({ kind: 'ended', attemptId, at: end, code, hangup: by }),
  };
  report({ kind: 'answered', attemptId, at, line });
}

/**
 * Without a scenario, at each ask the callee hangs up (6%), stays silent (12%), or says the first
 * keyword of one of the ask's intents (the rest, evenly).
 */
function simulatedCallee(seed: number, r: PlaceRequest, scenario: Scenario | undefined): Callee {
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
