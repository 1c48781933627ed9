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

export function runDialog(dialog: Dialog, vars: Readonly<Record<string, string>>, callee: Callee, timing: SpeechTiming): DialogOutcome {
  const out: DialogOutcome = {
    transcript: [], durationMs: 0, rounds: 0, labels: [], hangup: 'robot', transfer: null,
    counters: { sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 },
  };
  let at = 0;
  let id: string | undefined = dialog.start;
  for (let step = 0; step < MAX_STEPS && id !== undefined; step++) {
    const node: DialogNode | undefined = own(dialog.nodes, id);
    if (!node) break;
    id = undefined;
    if (node.say !== undefined) {
      const text = fill(node.say, vars);
      out.transcript.push({ role: 'robot', content: text, atMs: at });
      at += timing.robotMs(text);
    }
    if (node.label !== undefined) addLabel(out, node.label);
    if (node.ask) {
      out.rounds++;
      const reply = callee.reply(out.rounds, node.ask);
      const replyMs = timing.calleeMs(reply);
      const said = 'say' in reply ? reply.say : '';
      // The callee starts speaking after a short pause (at most 800 ms of the reply's time).
      if (said) out.transcript.push({ role: 'custom', content: said, atMs: at + Math.min(800, replyMs) });
      at += replyMs;
      if ('hangup' in reply) {
        out.hangup = 'user';
        break;
      }
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
  out.durationMs = at;
  return out;
}

/** The intent whose longest keyword occurs in the reply ("不方便" beats "方便"); ties go to the first listed. */
export function matchIntent(intents: readonly Intent[], said: string): Intent | null {
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

/** ${name} → the callee's value; a variable the callee has no value for renders empty. */
export function fill(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => own(vars, name) ?? '');
}

function addLabel(out: DialogOutcome, label: string): void {
  if (!out.labels.includes(label)) out.labels.push(label);
}
