// The embedded hot path (DECISIONS D10): keys, accounts, robots, caller numbers and tasks are served
// from memory and written through. Only valid while this process is the store's single writer,
// which the data-dir lock guarantees for PGlite.
import type { AccessKey, Account, Robot, Task } from '../domain/types.js';
import type { Database } from './executor.js';
import type { Store } from './store.js';
import { selectAccounts, selectKeys } from './sql/accounts.js';
import { selectCallerNumbers, selectRobots } from './sql/robots.js';
import { selectAllTasks } from './sql/tasks.js';
import { sqlStore } from './sql-store.js';

export async function cachedStore(db: Database): Promise<Store> {
  const inner = sqlStore(db);
  const keys = new Map<string, AccessKey>((await selectKeys(db)).map((k) => [k.id, k]));
  const accounts = new Map<number, Account>((await selectAccounts(db)).map((a) => [a.id, a]));
  const robots = new Map<number, Robot[]>();
  for (const r of await selectRobots(db)) listOf(robots, r.accountId).push(r);
  const callers = new Map<number, string[]>();
  for (const c of await selectCallerNumbers(db)) listOf(callers, c.accountId).push(c.number);
  const tasks = new Map<number, Task>();
  // Per account, newest first, as QueryRobotTaskList pages them.
  const tasksByAccount = new Map<number, Task[]>();
  for (const t of (await selectAllTasks(db)).reverse()) {
    tasks.set(t.id, t);
    listOf(tasksByAccount, t.accountId).push(t);
  }

  const putTask = (t: Task): Task => {
    const list = listOf(tasksByAccount, t.accountId);
    const at = list.findIndex((x) => x.id === t.id);
    if (at >= 0) list[at] = t;
    else list.unshift(t);
    tasks.set(t.id, t);
    return t;
  };
  const ownTask = (accountId: number, id: number) => {
    const t = tasks.get(id);
    return t && t.accountId === accountId ? t : null;
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

    createTask: async (t) => putTask(await inner.createTask(t)),
    findTask: async (accountId, id) => ownTask(accountId, id),
    changeTask: async (accountId, id, from, change) => {
      const t = await inner.changeTask(accountId, id, from, change);
      return t ? putTask(t) : null;
    },
    deleteTask: async (accountId, id, from) => {
      const ok = await inner.deleteTask(accountId, id, from);
      if (ok) {
        tasks.delete(id);
        tasksByAccount.set(accountId, listOf(tasksByAccount, accountId).filter((t) => t.id !== id));
      }
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
  };
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
