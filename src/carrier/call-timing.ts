// How long the simulated carrier's calls take (`--carrier-timing realistic`): ringing per outcome,
// and speech at a Mandarin pace. Deterministic: `unit` is a value in [0, 1) drawn from the call.
import type { Reply, SpeechTiming } from '../dialog/run-dialog.js';

/** Ringing (or announcement) before the call is answered or fails, ms. */
export function ringMs(code: string, unit: number): number {
  switch (code) {
    case '200000': case '200001': return 3_000 + Math.floor(unit * 9_000); // answered after 3–12 s
    case '200003': return 45_000; // rang out unanswered
    case '200002': return 2_000 + Math.floor(unit * 2_000); // busy tone
    case '200005': case '200007': return 6_000 + Math.floor(unit * 4_000);
    case '200010': case '200011': return 4_000 + Math.floor(unit * 2_000); // operator announcement
    case '200012': return 1_000;
    default: return 3_000;
  }
}

export const REALISTIC_SPEECH: SpeechTiming = {
  // About 4.5 Chinese characters a second, plus a breath.
  robotMs: (text) => 600 + 220 * [...text].length,
  calleeMs: (reply: Reply) => ('say' in reply ? 1_200 + 250 * [...reply.say].length : 'hangup' in reply ? 1_500 : 5_000),
};

export const INSTANT_SPEECH: SpeechTiming = { robotMs: () => 0, calleeMs: () => 0 };
