// Wire shapes of the console API (docs/console.md) and of the admin API the operator view calls (README "Admin API").

export const TASK_STATUSES = [
  'INIT', 'READY', 'DISPATCH', 'EXCUTING', 'MANUAL_STOP', 'SYSTEM_STOP', 'ARREARS_STOP', 'CANCEL', 'SYSTEM_CANCEL', 'FINISH',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['FINISH', 'CANCEL', 'SYSTEM_CANCEL']);

export const ACTIONS = ['start', 'stop', 'cancel', 'cancelOrder', 'delete', 'upload'] as const;
export type ActionName = (typeof ACTIONS)[number];
export type ActionState = { allowed: true } | { allowed: false; why: 'status' | 'no-callees' | 'balance'; reason: string };

/** Engine times come as epoch ms, with a formatted copy where the contract shows one. */
export type TimeValue = number | string | null;

export interface Session {
  accessKeyId: string;
  account: { id: number; name: string };
  expiresAt: number;
}

export interface Overview {
  account: { id: number; name: string; balanceFen: number | null };
  timezone: string;
  now: number;
  time: string;
  statuses: Record<string, number>;
}

export interface TaskView {
  id: number;
  name: string;
  status: string;
  scheduleType: string;
  robotId: number;
  robotName: string;
  caller: string | string[];
  corpName: string;
  numberStatusIdent: boolean;
  retryType: number;
  recallStateCodes: string | string[];
  recallTimes: number;
  recallInterval: number;
  totalCount: number;
  finishCount: number;
  createdAt: number;
  createdTime: string;
  scheduleTime: TimeValue;
  completeTime: TimeValue;
  /** Formatted copies; not in the contract's list, used when the server sends them. */
  scheduleTimeText?: string;
  completeTimeText?: string;
  actions: Record<ActionName, ActionState>;
}

export interface TaskDetail {
  task: TaskView;
  timeline: Array<{ status: string; at: number; time: string }>;
}

/** GET /tasks/:id/stats: apart from the task, since a large task's take a moment to read. */
export interface TaskStats {
  outcomes: Array<{ code: string; meaning: string; count: number }>;
  labels: Array<{ label: string; count: number }>;
  callsOverTime: { bucketMs: number; points: Array<{ at: number; time: string; count: number }> };
}

export interface CallRow {
  id: number;
  callee: string;
  attempt: number;
  code: string;
  meaning: string;
  startTime: TimeValue;
  endTime: TimeValue;
  durationS: number;
  rounds: number;
  hangup: 'user' | 'robot' | null;
  labels: string[];
  hasRecording: boolean;
}

export interface CallDetail {
  call: CallRow;
  transcript: Array<{ role: 'robot' | 'custom'; content: string; atMs: number }>;
  recordingUrl: string | null;
}

export interface Intent { kind: string; keywords: string[]; digits?: string[]; next: string; label?: string }
export interface DialogNode {
  say?: string;
  label?: string;
  ask?: { intents: Intent[]; default: string };
  branch?: { var: string; cases: Record<string, string>; default: string };
  next?: string;
  hangup?: boolean;
  transfer?: string;
}
export interface Dialog { start: string; nodes: Record<string, DialogNode> }

export interface Robot { id: number; name: string; robotType: string; auditStatus: string; dialog: Dialog | null }

/** The last line of a callee sheet's NDJSON answer. */
export interface SheetDone {
  rows: number;
  valid: number;
  added?: number;
  duplicates: { count: number; sample: Array<{ row: number; number: string }> };
  errors: { count: number; sample: Array<{ row: number; message: string }> };
  variables: string[];
}
export type SheetOutcome = { done: SheetDone } | { failed: { code: string; message: string } };

export interface NewTaskBody {
  name: string;
  robotId: number;
  callers: string[];
  corpName: string;
  numberStatusIdent: boolean;
  retry: null | { codes: string[]; times: number; intervalMin: number };
}

// Admin API (operator).
export interface Health { status: string; store: string; version?: string; engine: { state: string; reason?: string; failedPasses?: number; since?: TimeValue } }
export interface ClockView { mode: string; rate: number; now: number; time: string; timezone: string; engine: string }
export interface AccountRow { id: number; name: string; balanceFen: number | null; createdAt: TimeValue }
export interface ReceiptsView {
  accountId: number; url: string | null; taskStatusUrl: string | null; updatedAt: string | null;
  queued: number; pendingBatches: number; failedBatches: number; delivered: number; lastError: string | null; nextAttemptAt: number | null;
}
export interface KeyRow { AccessKeyId: string; AccountId: number; AccountName?: string; Active: boolean; CreatedAt: string }
export interface IssuedKey { AccountId: number; AccessKeyId: string; AccessKeySecret: string }
export interface CarrierStats { carrier?: string; dials: number; inFlight: number; byCode: Record<string, number> }
export interface Scenario { number: string; outcomes?: string[]; utterances?: string[]; ringMs?: number; hangup?: string }
