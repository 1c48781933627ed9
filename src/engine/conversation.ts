// The robot's conversation on an answered line (docs/decisions.md D14): it runs here, beside the
// carrier, so the simulated carrier and a real one share it. Pure: the line's callee and speech
// timing decide the replies and their durations.
import type { Line } from '../carrier/carrier.js';
import type { Dialog } from '../dialog/dialog-format.js';
import { runDialog } from '../dialog/run-dialog.js';
import type { Conversation } from '../domain/calls.js';

export interface Talked {
  conversation: Conversation;
  /** From the answer to the end of the conversation. */
  durationMs: number;
  hangup: 'user' | 'robot';
}

export const zeroCounters = (): Conversation['counters'] =>
  ({ sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 });

export function converse(dialog: Dialog, vars: Readonly<Record<string, string>>, line: Line): Talked {
  if (line.dropsDuringFirstSentence) {
    const first = runDialog(dialog, vars, { reply: () => ({ hangup: true }) }, line.speech).transcript.slice(0, 1);
    return {
      conversation: { transcript: first, rounds: 0, labels: [], counters: zeroCounters(), hangup: 'user', transfer: null },
      durationMs: line.dropsDuringFirstSentence(first[0]?.content ?? ''),
      hangup: 'user',
    };
  }
  const o = runDialog(dialog, vars, line.callee, line.speech);
  return {
    conversation: { transcript: o.transcript, rounds: o.rounds, labels: o.labels, counters: o.counters, hangup: o.hangup, transfer: o.transfer },
    durationMs: o.durationMs,
    hangup: o.hangup,
  };
}
