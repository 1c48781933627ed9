// What a robot conversation leaves in a call record: who said what when, and which counters its
// intents fed. The dialog runner produces it; the call records and the call APIs read it.

/** Which counter of the call record an intent feeds (QueryRobotTaskCallList's *Count fields). */
export const INTENT_KINDS = ['sure', 'deny', 'reject', 'custom', 'knowledge-business', 'knowledge-common'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

export interface Utterance {
  role: 'robot' | 'custom';
  content: string;
  /** Offset from the answer, ms. */
  atMs: number;
}

/** Hits per intent kind; `default` counts replies that matched no intent (and silences). */
export type Counters = Record<IntentKind | 'default', number>;
