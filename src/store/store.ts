// The storage port in domain words. api/ and engine/ depend on this, never on a driver.
import type { CallFilter, CallRecord, CallStats, CalleeListing } from '../domain/calls.js';
import type { AccessKey, Account, CalledBatch, NewTask, Robot, RobotInput, Task, TaskChange, TaskStatus } from '../domain/types.js';

export interface TaskFilter {
  /** Case-sensitive substring of the task name. */
  nameContains?: string;
  status?: TaskStatus;
  /** Creation time range [from, to) in epoch ms. */
  createdFrom?: number;
  createdTo?: number;
}

export interface Page {
  offset: number;
  limit: number;
}

/** What a new batch adds, decided from the task's numbers so far (called inside the store's lock). */
export interface BatchPlan {
  newKeys: string[];
  duplicates: string[];
}

/** Decides what a batch adds to a task (see addCalledBatch); `existingKeys` holds at least the batch's keys the task has. Throws to refuse. */
export type PlanBatch = (task: Task, existingKeys: ReadonlySet<string>, storedNumbers: number) => BatchPlan;

export interface KeyListing extends AccessKey {
  accountName: string;
}

/**
 * Every object a Store returns is a snapshot: a change yields a new object and none is ever
 * mutated in place. Callers may keep derived data beside one (task-view.ts caches a task's JSON).
 */
export interface Store {
  findAccessKey(id: string): Promise<AccessKey | null>;
  findAccount(id: number): Promise<Account | null>;
  findAccountByName(name: string): Promise<Account | null>;
  /** Every account in id order (admin API). */
  listAccounts(): Promise<Account[]>;
  /** Creates the account with its demo robots and caller numbers. */
  createAccount(name: string, now: number): Promise<Account>;
  /** Inserts the key, or updates its secret/account and re-activates it. */
  saveAccessKey(key: AccessKey): Promise<void>;
  listAccessKeys(): Promise<KeyListing[]>;
  setAccessKeyActive(id: string, active: boolean): Promise<boolean>;

  listRobots(accountId: number): Promise<Robot[]>;
  findRobot(accountId: number, robotId: number): Promise<Robot | null>;
  listCallerNumbers(accountId: number): Promise<string[]>;
  /** Adds a number the account may show as Caller; false if it had it already. */
  addCallerNumber(accountId: number, number: string): Promise<boolean>;
  /** False if the account did not have it. */
  removeCallerNumber(accountId: number, number: string): Promise<boolean>;

  createTask(task: NewTask): Promise<Task>;
  findTask(accountId: number, id: number): Promise<Task | null>;
  /** Any account's task (admin API only). */
  findTaskById(id: number): Promise<Task | null>;
  /** Applies `change` only if the task is still in `from` (compare-and-set); null if it moved on. */
  changeTask(accountId: number, id: number, from: TaskStatus, change: TaskChange): Promise<Task | null>;
  /** Deletes only if still in `from`; false if it moved on or is gone. */
  deleteTask(accountId: number, id: number, from: TaskStatus): Promise<boolean>;
  listTasks(accountId: number, filter: TaskFilter, page: Page): Promise<{ tasks: Task[]; total: number }>;

  /**
   * Adds a batch under a lock on the task: `plan` sees the task, which of the batch's number keys
   * it already has and how many numbers its batches hold as uploaded (duplicates included), and may
   * throw to refuse (nothing is written then).
   */
  addCalledBatch(accountId: number, taskId: number, batch: Omit<CalledBatch, 'taskId'>, plan: PlanBatch): Promise<Task>;
  /**
   * BatchRobotSmartCall's writes as one transaction: creates the task, adds `batch` as
   * addCalledBatch does, then applies `start(filled)` to it in INIT. If any step throws (or the
   * connection is lost), nothing is stored. Returns the task after the batch and after the start.
   */
  createStartedTask(
    task: NewTask, batch: Omit<CalledBatch, 'taskId'>, plan: PlanBatch, start: (filled: Task) => TaskChange,
  ): Promise<{ filled: Task; started: Task }>;
  findCalledBatch(fileName: string): Promise<CalledBatch | null>;

  /** Creates or replaces a robot (a null id: a new one, its id from the sequence); null when the id belongs to another account. */
  saveRobot(accountId: number, robotId: number | null, input: RobotInput, now: number): Promise<{ robot: Robot; created: boolean } | null>;
  /** Sets the balance (null = unlimited) or, with `add`, tops it up. */
  changeBalance(accountId: number, fen: number | null, add: boolean): Promise<Account | null>;

  /** Call records as the call APIs see them at engine time `now` (calls that have ended). */
  listLatestCalls(taskId: number, now: number, filter: CallFilter, page: Page): Promise<CallRecord[]>;
  findLatestCall(taskId: number, now: number, dialed: string): Promise<CallRecord | null>;
  listTaskCalls(taskId: number, now: number, page: Page): Promise<CallRecord[]>;
  listCallees(taskId: number, state: string | undefined, page: Page): Promise<CalleeListing[]>;
  countCallees(taskId: number): Promise<Record<string, number>>;
  listDuplicates(taskId: number): Promise<Array<{ fileName: string; numbers: string[] }>>;
  /** A task's outcomes by code and label and its dials over time, as of engine time `now` (the console's charts). */
  callStats(taskId: number, now: number): Promise<CallStats>;
  /** The statuses a task has taken, oldest first, with the engine time of each (migration 10). */
  listStatusLog(taskId: number): Promise<Array<{ status: string; at: number }>>;
  carrierStats(): Promise<{ dials: number; inFlight: number; byCode: Record<string, number> }>;

  readSetting<T>(key: string): Promise<T | null>;
  writeSetting(key: string, value: unknown): Promise<void>;
  listScenarios(): Promise<Array<[string, unknown]>>;
  saveScenario(number: string, scenario: unknown): Promise<void>;
  deleteScenario(number: string): Promise<boolean>;

  /** The engine wrote these rows (store/engine-store.ts reports each write as it commits): a store that keeps copies re-reads them. */
  refresh(changed: { tasks?: Iterable<number>; accounts?: Iterable<number> }): Promise<void>;
  /** Reset to seed state: no tasks or scenarios, demo robots and callers, unlimited balances; keys and accounts stay. */
  resetToSeed(now: number): Promise<void>;

  close(): Promise<void>;
}
