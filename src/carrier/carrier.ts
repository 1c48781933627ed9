// The Carrier port (docs/architecture.md §6, docs/decisions.md D14): per call and event-shaped. The
// engine commits each attempt, then places it; the carrier reports that attempt's ringing, early
// media, answer and end whenever they happen (at once for the simulated carrier, seconds later for
// a real one). On answer it hands over the line, and the robot's conversation runs beside the
// carrier, in the engine; when the conversation is over the engine says so and the carrier ends
// the call.
import type { DialogNode } from '../dialog/dialog-format.js';
import type { Callee, Reply, SpeechTiming } from '../dialog/run-dialog.js';

export interface PlaceRequest {
  attemptId: number;
  taskId: number;
  /** The normalised number dialed (phone-number.ts numberKey). */
  number: string;
  /** 1 for the first dial of a callee. */
  attempt: number;
  caller: string;
  /** Engine-clock ms. */
  startedAt: number;
}

/** The far end of an answered simulated call: its replies and how long speech takes are known at once. */
export interface SimulatedLine {
  readonly kind: 'simulated';
  /** What the callee does at each of the robot's asks. */
  readonly callee: Callee;
  /** How long speech takes on this line. */
  readonly speech: SpeechTiming;
  /**
   * Set when the callee hangs up during the robot's first sentence: how long (ms) they listened to
   * it before they did.
   */
  readonly dropsDuringFirstSentence?: (sentence: string) => number;
  /**
   * The conversation is over at engine time `at`: the robot hung up, or heard the callee do so. The
   * carrier ends the call and reports `ended`.
   */
  finish(at: number, by: 'user' | 'robot'): void;
}

/** The far end of a real call: speech takes as long as it plays, and the callee answers in their own time. */
export interface LiveLine {
  readonly kind: 'live';
  /**
   * Speaks a text; resolves false if the call ended first (the callee hung up). `personal`: it holds
   * the callee's own TTS values (a name), so its audio is not kept beyond the process.
   */
  speak(text: string, personal: boolean): Promise<boolean>;
  /** The callee's reply to an ask: a key pressed, silence once the no-input timeout passes, or the hang-up. */
  listen(ask: NonNullable<DialogNode['ask']>): Promise<Reply>;
  /** Wall ms since the answer: where the transcript's utterances fall. */
  elapsedMs(): number;
  /** The conversation is over: the carrier ends the call (a BYE when the robot hangs up) and reports `ended`. */
  finish(by: 'user' | 'robot'): void;
}

export type Line = SimulatedLine | LiveLine;

/** Times are engine-clock ms. */
export type CallEvent =
  | { kind: 'ringing'; attemptId: number; at: number }
  /** What early-media detection heard (an operator announcement, a busy tone), as a state code. */
  | { kind: 'early-media'; attemptId: number; at: number; detected: string }
  | { kind: 'answered'; attemptId: number; at: number; line: Line }
  /** The call is over: the carrier's final state code (docs/api/README.md §4.2), and who hung up if it was answered. */
  | { kind: 'ended'; attemptId: number; at: number; code: string; hangup: 'user' | 'robot' | null; recordingMs?: number };

export interface Carrier {
  /** True when every call ends the instant it starts (`--carrier-timing zero`): calls hold no line. */
  readonly instant: boolean;
  /**
   * Places committed attempts; resolves once they are placed (a carrier that cannot place them
   * throws, and the engine records them as call loss). Their events go to `report`, during this
   * call or later, each attempt's ending with `ended`.
   */
  place(requests: readonly PlaceRequest[], report: (event: CallEvent) => void): Promise<void>;
}
