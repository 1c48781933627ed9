// The embedded hot path (docs/decisions.md D10): keys, accounts, robots, caller numbers and tasks are served
// from memory and written through. Only valid while this process is the store's single writer,
// which the data-dir lock guarantees for PGlite; the engine's writes come back via refresh() as each commits.
import { type AccessKey, type Account, type Robot, type Task } from '../domain/types.js';
import type { Database } from './executor.js';
import type { Store } from './store.js';
import { selectAccounts, selectAccountsByIds, selectKeys } from './sql/accounts.js';
import { selectCallerNumbers, selectRobots } from './sql/robots.js';
import { selectAllTasks, selectTasksByIds } from './sql/tasks.js';
import { sqlStore } from './sql-store.js';

export async function cachedStore(db: Database): Promise<Store> {
  const inner = sqlStore(db);
  const keys = new Map<string, AccessKey>();
  const accounts = new Map<number, Account>();
  const robots = new Map<number, Robot[]>();
  const callers = new Map<number, string[]>();
  const tasks = new Map<number, Task>();
  // Per account, newest first, as QueryRobotTaskList pages them.
  const tasksByAccount = new Map<number, Task[]>();

  const load = async () => {
    for (const map of [keys, accounts, robots, callers, tasks, tasksByAccount]) map.clear();
    for (const k of await selectKeys(db)) keys.set(k.id, k);
    for (const a of await selectAccounts(db)) accounts.set(a.id, a);
    for (const r of await selectRobots(db)) listOf(robots, r.accountId).push(r);
    for (const c of await selectCallerNumbers(db)) listOf(callers, c.accountId).push(c.number);
    for (const t of (await selectAllTasks(db)).reverse()) {
      tasks.set(t.id, t);
      listOf(tasksByAccount, t.accountId).push(t);
    }
  };
  await load();

  const putTask = (t: Task): Task => {
    const list = listOf(tasksByAccount, t.accountId);
    const at = list.findIndex((x) => x.id === t.id);
    if (at >= 0) list[at] = t;
    else list.unshift(t);
    tasks.set(t.id, t);
    return t;
  };
  const dropTask = (accountId: number, id: number) => {
    tasks.delete(id);
    tasksByAccount.set(accountId, listOf(tasksByAccount, accountId).filter((t) => t.id !== id));
  };
  const ownTask = (accountId: number, id: number) => {
    const t = tasks.get(id);
    return t && t.accountId === accountId ? t : null;
  };
  const refreshTasks = async (ids: number[]) => {
    const found = await selectTasksByIds(db, ids);
    for (const t of found) putTask(t);
    for (const id of ids) {
      const t = tasks.get(id);
      if (t && !found.some((f) => f.id === id)) dropTask(t.accountId, id);
    }
  };

  return {
    ...inner,
    findAccessKey: async (id) => keys.get(id) ?? null,
    findAccount: async (id) => accounts.get(id) ?? null,
    findAccountByName: async (name) => [...accounts.values()].find((a) => a.name === name) ?? null,
    createAccount: async (name, now) => {
      const account = await inner.createAccount(name, now);
      accounts.set(account.id, account);
      robots.set(account.id, await inner.listRobots(account.id));
      callers.set(account.id, await inner.listCallerNumbers(account.id));
      return account;
    },
    saveAccessKey: async (key) => {
      await inner.saveAccessKey(key);
      keys.set(key.id, { ...key });
    },
    setAccessKeyActive: async (id, active) => {
      const ok = await inner.setAccessKeyActive(id, active);
      const k = keys.get(id);
      if (ok && k) keys.set(id, { ...k, active });
      return ok;
    },
    listRobots: async (accountId) => robots.get(accountId) ?? [],
    findRobot: async (accountId, robotId) => (robots.get(accountId) ?? []).find((r) => r.id === robotId) ?? null,
    listCallerNumbers: async (accountId) => callers.get(accountId) ?? [],
    addCallerNumber: async (accountId, number) => {
      const added = await inner.addCallerNumber(accountId, number);
      callers.set(accountId, await inner.listCallerNumbers(accountId));
      return added;
    },
    removeCallerNumber: async (accountId, number) => {
      const removed = await inner.removeCallerNumber(accountId, number);
      callers.set(accountId, await inner.listCallerNumbers(accountId));
      return removed;
    },

    createTask: async (t) => putTask(await inner.createTask(t)),
    findTask: async (accountId, id) => ownTask(accountId, id),
    findTaskById: async (id) => tasks.get(id) ?? null,
    changeTask: async (accountId, id, from, change) => {
      const t = await inner.changeTask(accountId, id, from, change);
      if (t) return putTask(t);
      // The engine may have moved the task since our copy: re-read it so a retry plans from the truth.
      await refreshTasks([id]);
      return null;
    },
    deleteTask: async (accountId, id, from) => {
      const ok = await inner.deleteTask(accountId, id, from);
      if (ok) dropTask(accountId, id);
      else await refreshTasks([id]);
      return ok;
    },
    listTasks: async (accountId, filter, page) => {
      const matching = listOf(tasksByAccount, accountId).filter((t) =>
        (filter.nameContains === undefined || t.name.includes(filter.nameContains))
        && (filter.status === undefined || t.status === filter.status)
        && (filter.createdFrom === undefined || t.createdAt >= filter.createdFrom)
        && (filter.createdTo === undefined || t.createdAt < filter.createdTo));
      return { tasks: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
    },
    addCalledBatch: async (accountId, taskId, batch, plan) =>
      putTask(await inner.addCalledBatch(accountId, taskId, batch, plan)),
    // Cached only once committed: a transaction that rolled back leaves no task here either.
    createStartedTask: async (t, batch, plan, start) => {
      const done = await inner.createStartedTask(t, batch, plan, start);
      putTask(done.started);
      return done;
    },

    saveRobot: async (accountId, robotId, input, now) => {
      const saved = await inner.saveRobot(accountId, robotId, input, now);
      if (saved) robots.set(accountId, await inner.listRobots(accountId));
      return saved;
    },
    changeBalance: async (accountId, fen, add) => {
      const account = await inner.changeBalance(accountId, fen, add);
      if (account) accounts.set(account.id, account);
      return account;
    },
    refresh: async (changed) => {
      const taskIds = [...(changed.tasks ?? [])];
      if (taskIds.length > 0) await refreshTasks(taskIds);
      const accountIds = [...(changed.accounts ?? [])];
      if (accountIds.length > 0) for (const a of await selectAccountsByIds(db, accountIds)) accounts.set(a.id, a);
    },
    resetToSeed: async (now) => {
      await inner.resetToSeed(now);
      await load();
    },
  };
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
