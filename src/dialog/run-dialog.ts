// Runs a robot dialog against a callee, producing what a call record holds: transcript, rounds,
// labels, intent counters, who hung up, transfer. Pure: the callee and the speech timing are passed
// in, so the simulated carrier and tests drive it deterministically.
import type { Dialog, DialogNode, Intent } from './dialog-format.js';
import type { Counters, Utterance } from '../domain/conversation.js';
import { own } from '../domain/own.js';

/** What the callee does when asked: says something, stays silent, or hangs up. */
export type Reply = { say: string } | { silence: true } | { hangup: true };

export interface Callee {
  /** Called once per ask, rounds numbered from 1. */
  reply(round: number, ask: NonNullable<DialogNode['ask']>): Reply;
}

export interface SpeechTiming {
  /** How long the robot takes to say `text`, ms. */
  robotMs(text: string): number;
  /** How long the callee takes before and while replying (or staying silent), ms. */
  calleeMs(reply: Reply): number;
}

export interface DialogOutcome {
  transcript: Utterance[];
  durationMs: number;
  rounds: number;
  labels: string[];
  counters: Counters;
  hangup: 'user' | 'robot';
  transfer: string | null;
}

/** A dialog that loops forever is cut off here; the robot hangs up. */
export const MAX_STEPS = 50;

/** What the walk needs from whoever drives it: the robot says a text, or asks and waits for the reply. */
/** `personal`: the text has the callee's TTS variables in it (what is said to them alone). */
export type Step = { kind: 'say'; text: string; personal: boolean } | { kind: 'ask'; ask: NonNullable<DialogNode['ask']>; round: number };

/** What a walk decides, besides the transcript (whose times are the driver's). */
export type WalkResult = Omit<DialogOutcome, 'transcript' | 'durationMs'>;

export const newWalkResult = (): WalkResult => ({
  rounds: 0, labels: [], hangup: 'robot', transfer: null,
  counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 },
});

/**
 * Walks a dialog from its start: yields each thing said and each ask (the driver answers an ask with
 * the callee's reply), and writes rounds, labels, counters, who hung up and a transfer into `out`.
 * Shared by the simulated line (runDialog, at once) and a live call (seconds per step).
 */
export function* walkDialog(dialog: Dialog, vars: Readonly<Record<string, string>>, out: WalkResult): Generator<Step, void, Reply | undefined> {
  let id: string | undefined = dialog.start;
  for (let step = 0; step < MAX_STEPS && id !== undefined; step++) {
    const node: DialogNode | undefined = own(dialog.nodes, id);
    if (!node) break;
    id = undefined;
    if (node.say !== undefined) yield { kind: 'say', text: fill(node.say, vars), personal: node.say.includes('${') };
    if (node.label !== undefined) addLabel(out, node.label);
    if (node.ask) {
      out.rounds++;
      const reply: Reply = (yield { kind: 'ask', ask: node.ask, round: out.rounds }) ?? { silence: true };
      if ('hangup' in reply) {
        out.hangup = 'user';
        return;
      }
      const said: string = 'say' in reply ? reply.say : '';
      const hit: Intent | null = said ? matchIntent(node.ask.intents, said) : null;
      if (hit) {
        out.counters[hit.kind]++;
        if (hit.label) addLabel(out, hit.label);
        id = hit.next;
      } else {
        out.counters.default++;
        id = node.ask.default;
      }
    } else if (node.branch) {
      const value: string = own(vars, node.branch.var) ?? '';
      id = own(node.branch.cases, value) ?? node.branch.default;
    } else if (node.next !== undefined) {
      id = node.next;
    } else if (node.transfer !== undefined) {
      out.transfer = node.transfer;
    }
  }
}

/** Runs a dialog against a simulated callee at once: each step's time comes from `timing`. */
export function runDialog(dialog: Dialog, vars: Readonly<Record<string, string>>, callee: Callee, timing: SpeechTiming): DialogOutcome {
  const result = newWalkResult();
  const transcript: Utterance[] = [];
  let at = 0;
  const walk = walkDialog(dialog, vars, result);
  for (let next = walk.next(); !next.done;) {
    const step = next.value;
    if (step.kind === 'say') {
      transcript.push({ role: 'robot', content: step.text, atMs: at });
      at += timing.robotMs(step.text);
      next = walk.next();
      continue;
    }
    const reply = callee.reply(step.round, step.ask);
    const replyMs = timing.calleeMs(reply);
    const said = 'say' in reply ? reply.say : '';
    // The callee starts speaking after a short pause (at most 800 ms of the reply's time).
    if (said) transcript.push({ role: 'custom', content: said, atMs: at + Math.min(800, replyMs) });
    at += replyMs;
    next = walk.next(reply);
  }
  return { ...result, transcript, durationMs: at };
}

/**
 * A key pressed (a reply of one key) chooses the first intent listing it. Otherwise the intent whose
 * longest keyword occurs in the reply wins ("不方便" beats "方便"); ties go to the first listed.
 */
export function matchIntent(intents: readonly Intent[], said: string): Intent | null {
  if (said.length === 1 && KEYS.includes(said)) {
    const keyed = intents.find((i) => i.digits?.includes(said));
    if (keyed) return keyed;
  }
  let best: Intent | null = null;
  let bestLength = 0;
  for (const intent of intents) {
    for (const k of intent.keywords) {
      if (k.length > bestLength && said.includes(k)) {
        best = intent;
        bestLength = k.length;
      }
    }
  }
  return best;
}

const KEYS = '0123456789*#';

/** ${name} → the callee's value; a variable the callee has no value for renders empty. */
export function fill(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => own(vars, name) ?? '');
}

function addLabel(out: WalkResult, label: string): void {
  if (!out.labels.includes(label)) out.labels.push(label);
}
