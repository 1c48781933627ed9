// The robot's conversation on an answered line (docs/decisions.md D14): it runs here, beside the
// carrier, so the simulated carrier and a real one share it. Pure: the line's callee and speech
// timing decide the replies and their durations.
import type { LiveLine, SimulatedLine } from '../carrier/carrier.js';
import type { Dialog } from '../dialog/dialog-format.js';
import { newWalkResult, runDialog, walkDialog } from '../dialog/run-dialog.js';
import type { Utterance } from '../domain/conversation.js';
import type { Conversation } from '../domain/calls.js';

export interface Talked {
  conversation: Conversation;
  /** From the answer to the end of the conversation. */
  durationMs: number;
  hangup: 'user' | 'robot';
}

export const zeroCounters = (): Conversation['counters'] =>
  ({ sure: 0, deny: 0, reject: 0, custom: 0, 'knowledge-business': 0, 'knowledge-common': 0, default: 0 });

export function converse(dialog: Dialog, vars: Readonly<Record<string, string>>, line: SimulatedLine): Talked {
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

/**
 * The conversation on a real call: each step takes the time it takes. Utterances are placed at the
 * wall ms since the answer when they start; a key pressed is the callee's utterance (its digit).
 */
export async function converseLive(dialog: Dialog, vars: Readonly<Record<string, string>>, line: LiveLine): Promise<Conversation & { hangup: 'user' | 'robot' }> {
  const result = newWalkResult();
  const transcript: Utterance[] = [];
  const walk = walkDialog(dialog, vars, result);
  for (let next = walk.next(); !next.done;) {
    const step = next.value;
    if (step.kind === 'say') {
      transcript.push({ role: 'robot', content: step.text, atMs: line.elapsedMs() });
      if (!(await line.speak(step.text, step.personal))) {
        result.hangup = 'user';
        break;
      }
      next = walk.next();
      continue;
    }
    const reply = await line.listen(step.ask);
    if ('say' in reply) transcript.push({ role: 'custom', content: reply.say, atMs: line.elapsedMs() });
    next = walk.next(reply);
  }
  return { transcript, rounds: result.rounds, labels: result.labels, counters: result.counters, hangup: result.hangup, transfer: result.transfer };
}
