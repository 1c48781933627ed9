// The engine's storage port, in the engine's words (docs/architecture.md §5, docs/decisions.md D14):
// claim due callees, commit attempts, record outcomes, settle, move tasks, find the next event. The
// engine sees no SQL and no rows; src/store/sql-engine-store.ts implements this over the SQL in
// src/store/sql/engine/, one file per step. Every write the engine makes through it is one
// set-based statement per batch, and what it changes the API sees at once (the adapter tells the
// store's cache in the same call, so a failing pass cannot skip it).
import type { CallRecord } from '../domain/calls.js';
import type { RedialTerms } from '../domain/redial-policy.js';
import type { TaskStatus } from '../domain/types.js';

/** A batch uploaded to a task that has started, whose numbers are not callees yet. */
export interface UndispatchedBatch {
  taskId: number;
  status: TaskStatus;
  /** When the task fired (its first numbers are due from then). */
  fireTime: number | null;
  numbers: string[];
  /** Normalised keys of the numbers this batch adds (its duplicates are not among them). */
  newKeys: string[];
  ttsHead: string[];
  ttsParams: ReadonlyMap<string, string[]>;
  /** The sequence number the batch's first callee gets. */
  nextSeq: number;
}

export interface NewCallee { seq: number; number: string; dial: string; tts: Record<string, string> | null }

/** An executing task with callees due, and what dialing them needs. */
export interface DialTask {
  id: number;
  accountId: number;
  /** As the task was created: comma-separated caller numbers, rotated per dial. */
  caller: string;
  corpName: string;
  /** Dials made so far (the rotation continues from it). */
  dialCount: number;
  /** Nothing is dialed before this engine time (the Start or resume request, a calling-hours opening). */
  runFrom: number | null;
  /** The earliest due time of its pending callees. */
  firstDue: number;
  /** The robot's dialog as stored (null for a robot since deleted), and its demo script's index. */
  dialog: unknown;
  seedIndex: number | null;
}

export interface DueCallee {
  taskId: number;
  seq: number;
  dialNumber: string;
  tts: Record<string, string> | null;
  /** Attempts made so far. */
  attempts: number;
  dueAt: number;
}

/** A call that holds its task's and account's lines from `startsAt` until `endsAt` (null: not known yet). */
export interface LineHolder { taskId: number; accountId: number; startsAt: number; endsAt: number | null }

export interface NewAttempt {
  taskId: number;
  accountId: number;
  calleeSeq: number;
  /** 1 for a callee's first dial. */
  attempt: number;
  caller: string;
  called: string;
  startedAt: number;
}

/** Who answers for a round's attempts until the carrier does, and until when (wall ms, docs/decisions.md D14). */
export interface AttemptLease { owner: string; leaseUntil: number }

/** What the carrier reported for an attempt, ready to store. */
export interface AttemptOutcome {
  attemptId: number;
  /** The attempt as it was placed: what its call row records besides the outcome. */
  dialed: NewAttempt;
  code: string;
  earlyMediaCode: string | null;
  answeredAt: number | null;
  endedAt: number;
  durationS: number;
  costFen: number;
  result: CallRecord['result'];
}

/** The latest attempt of a callee still dialing, ended by the settlement's time. */
export interface EndedAttempt {
  attemptId: number;
  taskId: number;
  accountId: number;
  calleeSeq: number;
  attempt: number;
  code: string;
  endedAt: number;
  costFen: number;
}

export interface TaskTerms { status: TaskStatus; terms: RedialTerms }

/** What settling ended attempts decides: each callee final or due again, and the charges. */
export interface Settlement {
  callees: Array<{ taskId: number; seq: number; attemptId: number; dueAt: number | null }>;
  /** Callees that became final, per task. */
  finished: ReadonlyMap<number, number>;
  /** Fen to charge, per account. */
  charges: ReadonlyMap<number, number>;
}

/** A task's totals for its lifecycle lines (README "Logs"); callsByCode only once it is final. */
export interface TaskTotals { id: number; accountId: number; totalCount: number; finishCount: number; callsByCode: Record<string, number> | null }

/** What settlement decides for ended attempts, given their tasks' redial terms (engine/settle.ts). */
export type Decide = (ended: readonly EndedAttempt[], tasks: ReadonlyMap<number, TaskTerms>) => Settlement;

/** One dial round's planning, inside a transaction that holds the accounts' dial locks. */
export interface DialRound {
  /** The accounts' calls that hold a line at or after `from`. */
  lineHolders(from: number): Promise<LineHolder[]>;
  /** Earliest next start the pace allows, per account (absent: never dialed). */
  pace(): Promise<Map<number, number>>;
  /** Locks up to `limit` due callees per task, most overdue first, until the round commits. */
  claimDue(before: number, limits: ReadonlyArray<{ taskId: number; limit: number }>): Promise<DueCallee[]>;
  /** Commits the attempts (before anything is dialed) on their (locked) callees, now dialing; their ids, in order. */
  commitAttempts(attempts: readonly NewAttempt[], lease: AttemptLease): Promise<number[]>;
  savePace(pace: ReadonlyMap<number, number>): Promise<void>;
}

export interface EngineStore {
  /** READY tasks whose time has come: DISPATCH, or SYSTEM_CANCEL when their robot is no longer usable. */
  fireDueStarts(at: number): Promise<Array<{ id: number; status: TaskStatus }>>;
  /**
   * Takes the oldest undispatched batch (locked with its task) and lets `fill` insert its callees;
   * marks it dispatched. Returns the task's id, or null when no batch waits.
   */
  dispatchNextBatch(fill: (batch: UndispatchedBatch, insert: (callees: NewCallee[], dueAt: number) => Promise<void>) => Promise<void>): Promise<number | null>;
  /** DISPATCH tasks all of whose batches have callees start executing. */
  startDispatched(at: number): Promise<number[]>;
  /** Pending callees of cancelled tasks are skipped; those dialed before count as finished (D7). */
  skipCancelledCallees(): Promise<number[]>;
  /** Moves every task in `from` to `to` at `at`; one that executes again runs from `at` (nothing before it is dialed). */
  moveTasks(from: TaskStatus, to: TaskStatus, at: number): Promise<number[]>;
  /** EXCUTING tasks of accounts whose set balance is at or below zero stop for arrears (D7). */
  stopTasksInArrears(at: number): Promise<number[]>;
  /** EXCUTING tasks with every callee final and every batch dispatched; completeTime = the last call's end. */
  finishTasks(at: number): Promise<number[]>;
  taskTotals(ids: readonly number[]): Promise<TaskTotals[]>;

  /** EXCUTING tasks with a callee due before `before`. */
  dueTasks(before: number): Promise<DialTask[]>;
  /** Runs one round's planning in a transaction holding the accounts' dial locks (docs/decisions.md D14). */
  planRound<T>(accountIds: readonly number[], plan: (round: DialRound) => Promise<T>): Promise<T>;
  /**
   * Records the carrier's answers as call rows, `owner` the process that placed them; an attempt
   * already recorded (as lost) keeps that. With `settleBy`, those that ended by its time are settled
   * in the same transaction, as settle() would then: one transaction instead of two, and no second
   * read of the calls. The ids recorded.
   */
  recordOutcomes(outcomes: readonly AttemptOutcome[], owner: string, settleBy?: { at: number; decide: Decide }): Promise<number[]>;
  /** These attempts, if still unanswered, as call loss 200012 (their carrier failed before it answered). */
  recordLost(attemptIds: readonly number[]): Promise<number>;
  /** Unanswered attempts whose lease ran out before `wallNow`: call loss 200012. */
  recoverExpired(wallNow: number): Promise<number>;
  /** The owner still answers for these attempts: their leases run on until `until`. */
  renewLeases(owner: string, attemptIds: readonly number[], until: number): Promise<void>;
  /** The owner stops: its unanswered attempts may be recovered at once. */
  releaseLeases(owner: string): Promise<number>;

  /**
   * Settles the latest attempts of dialing callees that ended by `at`: `decide` says what becomes of
   * each callee; the callees, finish counts and charges are written in the same transaction.
   */
  settle(at: number, decide: Decide):
    Promise<{ tasks: number[]; accounts: number[]; calls: number }>;

  /** The earliest engine time after `at` at which a started task may run, a call ends or a callee is due. */
  nextEvent(at: number): Promise<number | null>;
  /** The next scheduled start after `at`. */
  nextScheduledStart(at: number): Promise<number | null>;
  /** Pending callees of executing tasks due by `at` (README "Metrics": read when the metrics are scraped). */
  countDueCallees(at: number): Promise<number>;
}

/**
 * Wake-ups between the processes on one database (LISTEN/NOTIFY, docs/decisions.md D14). Best
 * effort: a listener whose connection was lost misses what was sent meanwhile, so readers poll too.
 */
export interface Signals {
  send(topic: string): Promise<void>;
  /** Delivers every topic sent (by any process, this one too) until the returned function is called. */
  listen(onTopic: (topic: string) => void): Promise<() => Promise<void>>;
}
