// What a chaos run gathers for its checks: the carrier ledger as written, and per task what the API
// shows once the run is over. Plain records, so the invariants can be fed crafted ones in a test.

/** One line of `--carrier-ledger` (README "Configuration"): written before the dial, one per dial. */
export interface LedgerLine {
  attemptId: number;
  taskId: number;
  number: string;
  attempt: number;
  at: number;
}

/** One ended attempt, as `GET /_robotcall/tasks/:id/calls` lists it (engine-clock ms). */
export interface CallRecord {
  callId: number;
  callee: string;
  dialed: string;
  attempt: number;
  code: string;
  startedAt: number;
  endedAt: number;
}

/** One callee, as `GET /_robotcall/tasks/:id/callees` lists it. */
export interface CalleeRow {
  number: string;
  state: string;
  attempts: number;
}

/** One QueryRobotTaskCallList entry: the callee's latest ended call (docs/api/QueryRobotTaskCallList.md). */
export interface CallListEntry {
  called: string;
  /** `<taskId>^<attemptId>`. */
  callId: string;
  recallCurTimes: string;
}

export interface RedialPolicy {
  recallTimes: number;
  recallCodes: string[];
  /** Minutes from an attempt's end to its redial. */
  recallIntervalMin: number;
}

export interface TaskFacts {
  taskId: number;
  accountId: number;
  /** QueryRobotTaskDetail's status when the run stopped waiting. */
  status: string;
  /** QueryRobotTaskList's counters. */
  totalCount: number;
  finishCount: number;
  policy: RedialPolicy;
  /** The numbers uploaded (distinct). */
  uploaded: string[];
  callees: CalleeRow[];
  calls: CallRecord[];
  callList: CallListEntry[];
}

export interface Limits {
  taskConcurrency: number;
  accountConcurrency: number;
  callsPerSecond: number;
}

/** One broken rule: which invariant, how many times, and the first few cases in words. */
export interface Violation {
  invariant: string;
  count: number;
  examples: string[];
}
