// The Carrier port (docs/architecture.md §6): place the calls of a batch and report each one's outcome and
// timeline. The engine commits every attempt before calling dial() (at most once per attempt).
import type { Dialog } from '../dialog/dialog-format.js';
import type { Conversation } from '../domain/calls.js';

export interface DialRequest {
  attemptId: number;
  taskId: number;
  /** The normalised number dialed (phone-number.ts numberKey). */
  number: string;
  /** 1 for the first dial of a callee. */
  attempt: number;
  caller: string;
  /** Engine-clock ms. */
  startedAt: number;
  dialog: Dialog;
  vars: Readonly<Record<string, string>>;
}

export interface DialResult extends Conversation {
  attemptId: number;
  /** The carrier's final state code (docs/api/README.md §4.2). */
  code: string;
  /** What early-media detection heard when the call was not answered (kept when NumberStatusIdent). */
  earlyMediaCode: string | null;
  answeredAt: number | null;
  endedAt: number;
}

export interface Carrier {
  /** True when every call ends the instant it starts (`--carrier-timing zero`): calls hold no line. */
  readonly instant: boolean;
  dial(requests: readonly DialRequest[]): Promise<DialResult[]>;
}
