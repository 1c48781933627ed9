// Glossary and shapes of the domain, in our words (wire names are mapped at the API edge).
//
// account       a tenant: owns access keys, robots, caller numbers, tasks and a balance.
// access key    AccessKeyId + secret; active or disabled; resolves a request to one account.
// robot         a dialog script (= DialogId / robotId) with an audit status; AUDITPASS is usable.
// caller number a number the account owns and may show to callees (`Caller`).
// task          a robot outbound-call task: CreateRobotTask's configuration plus status and totals.
// called batch  one UploadRobotTaskCalledFile call, kept whole; served as an .xlsx (`called[]`).
// callee        one distinct number of a task (made from the batches at dispatch).
// attempt/call  one dial of a callee (domain/calls.ts).
// redial        a further attempt for a callee whose state code is in RecallStateCodes.

export const TASK_STATUSES = [
  'INIT', 'READY', 'DISPATCH', 'EXCUTING', 'MANUAL_STOP', 'SYSTEM_STOP', 'ARREARS_STOP', 'CANCEL', 'SYSTEM_CANCEL', 'FINISH',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['FINISH', 'CANCEL', 'SYSTEM_CANCEL']);

export type ScheduleType = 'SINGLE' | 'ORDER';

export const AUDIT_STATUSES = ['CONFIGURABLE', 'AUDITING', 'AUDITPASS', 'AUDITFAIL'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** State codes a task may redial on (docs/api/README.md §4.2, docs/decisions.md D3). */
export const RECALL_STATE_CODES: ReadonlySet<string> = new Set(['200002', '200003', '200005', '200010', '200011', '200012']);

export interface Account {
  id: number;
  name: string;
  /** Integer fen; null = unlimited (docs/decisions.md D7). */
  balanceFen: number | null;
  createdAt: number;
}

export interface AccessKey {
  id: string;
  secret: string;
  accountId: number;
  active: boolean;
  createdAt: number;
}

export interface Robot {
  id: number;
  accountId: number;
  name: string;
  robotType: string;
  auditStatus: AuditStatus;
  asrId: string;
  asrType: string;
  remark: string;
  /** The robot's dialog (dialog/dialog-format.ts), validated when saved; null = its seed's or the fallback. */
  dialog: unknown;
  /** Index into DEMO_ROBOTS for a seeded robot (a reset restores it), else null. */
  seedIndex: number | null;
  createdAt: number;
  modifiedAt: number;
}

/** What the admin API sets on a robot. */
export interface RobotInput {
  name: string;
  auditStatus: AuditStatus;
  dialog: unknown;
}

/** Times are engine-clock epoch milliseconds; null when unset. */
export interface Task {
  id: number;
  accountId: number;
  name: string;
  robotId: number;
  robotName: string;
  corpName: string;
  caller: string;
  numberStatusIdent: boolean;
  isSelfLine: boolean;
  retryType: number;
  recallStateCodes: string;
  recallTimes: number;
  recallInterval: number;
  status: TaskStatus;
  scheduleType: ScheduleType;
  scheduleTime: number | null;
  createdAt: number;
  fireTime: number | null;
  completeTime: number | null;
  /** Set once the task's batches have been turned into callees (DISPATCH done). */
  dispatched: boolean;
  /** Engine time of the last start or resume through the API: the engine acts on it no earlier. */
  runFrom: number | null;
  totalCount: number;
  finishCount: number;
  calledFiles: string[];
}

export type NewTask = Pick<Task,
  'accountId' | 'name' | 'robotId' | 'robotName' | 'corpName' | 'caller' | 'numberStatusIdent' | 'isSelfLine'
  | 'retryType' | 'recallStateCodes' | 'recallTimes' | 'recallInterval' | 'createdAt'>;

/** The fields a status change may set. */
export type TaskChange = Partial<Pick<Task, 'status' | 'scheduleType' | 'scheduleTime' | 'fireTime' | 'completeTime' | 'runFrom'>> & {
  /** Engine time of the change, for the task's status history (migration 10). */
  statusAt?: number;
};

export interface CalledBatch {
  fileName: string;
  taskId: number;
  createdAt: number;
  /** Numbers exactly as uploaded, in order (duplicates included). */
  numbers: string[];
  ttsHead: string[];
  /** Per-number TTS values, positional with ttsHead; key `all` holds defaults. */
  ttsParams: ReadonlyMap<string, string[]>;
}
