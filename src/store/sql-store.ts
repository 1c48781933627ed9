// The Store port over SQL; every read goes to the database (what PostgreSQL deployments use).
import type { CalledBatch } from '../domain/types.js';
import type { Database, SqlExecutor } from './executor.js';
import type { PlanBatch, Store } from './store.js';
import * as accounts from './sql/accounts.js';
import * as batches from './sql/batches.js';
import * as calls from './sql/calls.js';
import { clearPace } from './sql/engine/dial-limits.js';
import * as settings from './sql/settings.js';
import * as robots from './sql/robots.js';
import { deleteAllMessages } from './sql/receipts.js';
import * as tasks from './sql/tasks.js';
import * as taskStats from './sql/task-stats.js';
import { DomainError } from '../domain/errors.js';
import { numberKey } from '../domain/phone-number.js';
import { TaskKeyCache } from './task-key-cache.js';

export function sqlStore(db: Database): Store {
  const keyCache = new TaskKeyCache();
  return {
    findAccessKey: (id) => accounts.selectKey(db, id),
    findAccount: (id) => accounts.selectAccount(db, id),
    findAccountByName: (name) => accounts.selectAccountByName(db, name),
    listAccounts: () => accounts.selectAccounts(db),
    createAccount: (name, now) => db.transaction(async (tx) => {
      const account = await accounts.insertAccount(tx, name, now);
      await robots.insertDemoSeed(tx, account.id, now);
      return account;
    }),
    saveAccessKey: (key) => accounts.upsertKey(db, key),
    listAccessKeys: () => accounts.selectKeys(db),
    setAccessKeyActive: (id, active) => accounts.updateKeyActive(db, id, active),

    listRobots: (accountId) => robots.selectRobots(db, accountId),
    findRobot: (accountId, robotId) => robots.selectRobot(db, accountId, robotId),
    listCallerNumbers: async (accountId) => (await robots.selectCallerNumbers(db, accountId)).map((c) => c.number),
    addCallerNumber: (accountId, number) => robots.insertCallerNumber(db, accountId, number),
    removeCallerNumber: (accountId, number) => robots.deleteCallerNumber(db, accountId, number),

    createTask: (t) => tasks.insertTask(db, t),
    findTask: (accountId, id) => tasks.selectTask(db, accountId, id),
    findTaskById: async (id) => (await tasks.selectTasksByIds(db, [id]))[0] ?? null,
    changeTask: (accountId, id, from, change) => tasks.updateTaskIf(db, accountId, id, from, change),
    deleteTask: (accountId, id, from) => tasks.deleteTaskIf(db, accountId, id, from),
    listTasks: (accountId, filter, page) => tasks.selectTaskPage(db, accountId, filter, page),

    addCalledBatch: async (accountId, taskId, batch, plan) => {
      const added = await db.transaction((tx) => addBatch(tx, keyCache, accountId, taskId, batch, plan));
      added.committed();
      return added.task;
    },
    createStartedTask: async (t, batch, plan, start) => {
      const done = await db.transaction(async (tx) => {
        const created = await tasks.insertTask(tx, t);
        const added = await addBatch(tx, keyCache, t.accountId, created.id, batch, plan);
        const started = await tasks.updateTaskIf(tx, t.accountId, created.id, 'INIT', start(added.task));
        // No one else sees the row before this transaction commits, so it is still in INIT.
        if (!started) throw new Error(`task ${created.id} left INIT before its start`);
        return { added, started };
      });
      done.added.committed();
      return { filled: done.added.task, started: done.started };
    },
    findCalledBatch: (fileName) => batches.selectBatch(db, fileName),

    saveRobot: (accountId, robotId, input, now) => robots.upsertRobot(db, accountId, robotId, input, now),
    changeBalance: (accountId, fen, add) => accounts.updateBalance(db, accountId, fen, add),

    listLatestCalls: (taskId, now, filter, page) => calls.selectLatestCalls(db, taskId, now, filter, page),
    findLatestCall: (taskId, now, dialed) => calls.selectLatestCall(db, taskId, now, dialed),
    listTaskCalls: (taskId, now, page) => calls.selectTaskCalls(db, taskId, now, page),
    listCallees: (taskId, state, page) => calls.selectCallees(db, taskId, state, page),
    countCallees: (taskId) => calls.countCalleesByState(db, taskId),
    listDuplicates: (taskId) => calls.selectDuplicates(db, taskId),
    callStats: (taskId, now) => taskStats.selectCallStats(db, taskId, now),
    listStatusLog: (taskId) => taskStats.selectStatusLog(db, taskId),
    carrierStats: () => calls.selectCarrierStats(db),

    readSetting: (key) => settings.selectSetting(db, key),
    writeSetting: (key, value) => settings.upsertSetting(db, key, value),
    listScenarios: () => settings.selectScenarios(db),
    saveScenario: (number, scenario) => settings.upsertScenario(db, number, scenario),
    deleteScenario: (number) => settings.deleteScenario(db, number),

    refresh: async () => {},
    resetToSeed: (now) => db.transaction(async (tx) => {
      await tasks.deleteAllTasks(tx);
      await settings.deleteAllScenarios(tx);
      await clearPace(tx);
      await robots.resetRobotsToSeed(tx, now);
      await accounts.resetBalances(tx);
      await deleteAllMessages(tx);
    }),

    close: () => db.close(),
  };
}

/**
 * addCalledBatch's writes, inside the caller's transaction; `committed` is for after its commit, to
 * keep the process's key cache in step (task-key-cache.ts).
 */
async function addBatch(tx: SqlExecutor, keyCache: TaskKeyCache, accountId: number, taskId: number, batch: Omit<CalledBatch, 'taskId'>, plan: PlanBatch) {
  // The row lock serialises uploads to one task, so two batches never both count a number.
  const task = await tasks.selectTask(tx, accountId, taskId, true);
  if (!task) throw new DomainError('isv.TASK_NOT_FOUND', String(taskId));
  const keys = batch.numbers.map((n) => numberKey(n) ?? n);
  const previous = await batches.selectLastBatchName(tx, taskId);
  const stored = previous === null ? { keys: new Set<string>(), numbers: 0 }
    : keyCache.lookup(taskId, previous, keys) ?? await batches.selectTaskKeys(tx, taskId, keys);
  const { newKeys, duplicates } = plan(task, stored.keys, stored.numbers);
  await batches.insertBatch(tx, { ...batch, taskId }, newKeys, duplicates);
  await tasks.addTotalCount(tx, taskId, newKeys.length);
  return {
    task: { ...task, totalCount: task.totalCount + newKeys.length, calledFiles: [...task.calledFiles, batch.fileName] },
    committed: () => keyCache.committed(taskId, previous, batch.fileName, newKeys, batch.numbers.length),
  };
}
