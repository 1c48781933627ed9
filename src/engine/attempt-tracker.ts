// Follows each placed attempt through the carrier's events (docs/decisions.md D14) until it ends,
// running the robot's conversation when it is answered, and keeps the finished ones until the
// engine records them. The simulated carrier reports a whole batch while it is placed, so a round
// records it at once; a carrier with latency reports later, and `onFinished` wakes the engine.
import type { CallEvent } from '../carrier/carrier.js';
import type { Dialog } from '../dialog/dialog-format.js';
import { callCostFen } from '../domain/billing.js';
import type { Conversation } from '../domain/calls.js';
import type { AttemptOutcome, NewAttempt } from '../store/engine-store.js';
import { converse, converseLive, zeroCounters } from './conversation.js';

interface InFlight {
  dialed: NewAttempt;
  dialog: Dialog;
  vars: Readonly<Record<string, string>>;
  answeredAt: number | null;
  earlyMediaCode: string | null;
  conversation: Conversation | null;
}

export class AttemptTracker {
  private readonly inFlight = new Map<number, InFlight>();
  private finished: AttemptOutcome[] = [];
  /** Attempts the carrier could not place: recorded as call loss by the next pass. */
  private failed: number[] = [];

  constructor(private readonly pricePerMinute: number, private readonly onFinished: () => void) {}

  /** An attempt about to be placed, with what its conversation needs. */
  expect(attemptId: number, dialed: NewAttempt, dialog: Dialog, vars: Readonly<Record<string, string>>): void {
    this.inFlight.set(attemptId, { dialed, dialog, vars, answeredAt: null, earlyMediaCode: null, conversation: null });
  }

  /** The carrier's events; those of an attempt this process is not following (a late one) are ignored. */
  readonly report = (e: CallEvent): void => {
    const call = this.inFlight.get(e.attemptId);
    if (!call) return;
    switch (e.kind) {
      case 'ringing':
        return;
      case 'early-media':
        call.earlyMediaCode = e.detected;
        return;
      case 'answered': {
        call.answeredAt = e.at;
        const line = e.line;
        if (line.kind === 'simulated') {
          const talked = converse(call.dialog, call.vars, line);
          call.conversation = talked.conversation;
          line.finish(e.at + talked.durationMs, talked.hangup);
          return;
        }
        // A real call talks for seconds; its end comes when the conversation finishes the line.
        // Should the conversation fail (speech could not be synthesized), the robot hangs up.
        converseLive(call.dialog, call.vars, line).then(
          (c) => {
            call.conversation = c;
            line.finish(c.hangup);
          },
          () => line.finish('robot'),
        );
        return;
      }
      case 'ended': {
        this.inFlight.delete(e.attemptId);
        const answeredMs = call.answeredAt === null ? null : e.at - call.answeredAt;
        const conversation = call.conversation ?? { transcript: [], rounds: 0, labels: [], counters: zeroCounters(), hangup: null, transfer: null };
        this.finished.push({
          attemptId: e.attemptId, dialed: call.dialed, code: e.code, earlyMediaCode: call.answeredAt === null ? call.earlyMediaCode : null,
          answeredAt: call.answeredAt, endedAt: e.at, durationS: Math.round((answeredMs ?? 0) / 1000),
          costFen: callCostFen(answeredMs, this.pricePerMinute),
          result: e.recordingMs === undefined ? { ...conversation, hangup: e.hangup } : { ...conversation, hangup: e.hangup, recordingMs: e.recordingMs },
        });
        this.onFinished();
      }
    }
  };

  /** The carrier threw placing these: they will never end, and count as call loss. */
  placeFailed(attemptIds: readonly number[]): void {
    for (const id of attemptIds) {
      if (this.inFlight.delete(id)) this.failed.push(id);
    }
  }

  /** Finished attempts not recorded yet; put back with `unrecorded` if recording them fails. */
  takeFinished(): AttemptOutcome[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }

  unrecorded(outcomes: readonly AttemptOutcome[]): void {
    this.finished.push(...outcomes);
  }

  takeFailed(): number[] {
    const out = this.failed;
    this.failed = [];
    return out;
  }

  /** Failed attempts whose call loss could not be recorded: the next pass tries again. */
  failedAgain(attemptIds: readonly number[]): void {
    this.failed.push(...attemptIds);
  }

  /** Every attempt this process still answers for: placed and not ended, ended and not recorded, failed and not recorded. */
  held(): number[] {
    return [...this.inFlight.keys(), ...this.finished.map((o) => o.attemptId), ...this.failed];
  }

  /** Attempts placed whose end has not come yet. */
  get waiting(): number {
    return this.inFlight.size;
  }
}
