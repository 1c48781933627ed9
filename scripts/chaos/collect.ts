// Gathers what the invariants are checked against, once the run is over: the ledger file, and per
// task what the API shows. The Alibaba APIs give the task (QueryRobotTaskDetail, QueryRobotTaskList),
// each callee's latest call (QueryRobotTaskCallList, QueryRobotTaskCallDetail, QueryCallDetailByTaskId);
// none lists every attempt with its start and end, so those come from the admin API's
// `tasks/:id/calls` (README "Admin API"), which reads the same call records from the store.
import { readFileSync } from 'node:fs';
import { admin } from '../../test/support/admin.js';
import type { Api, TaskPlan } from './campaign.js';
import type { CallListEntry, CallRecord, CalleeRow, LedgerLine, TaskFacts } from './facts.js';
import { INVARIANTS, type Findings } from './findings.js';
import type { Rng } from './prng.js';

/** The ledger's lines; one that is not a whole JSON dial is a finding (lines of processes never interleave). */
export function readLedger(path: string, f: Findings): LedgerLine[] {
  const lines: LedgerLine[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((text, i) => {
    if (text === '') return;
    try {
      const l = JSON.parse(text) as LedgerLine;
      if ([l.attemptId, l.taskId, l.attempt, l.at].every(Number.isSafeInteger) && typeof l.number === 'string') lines.push(l);
      else throw new Error('fields');
    } catch {
      f.add(INVARIANTS.ledgerLine, `line ${i + 1}: ${text.slice(0, 120)}`);
    }
  });
  return lines;
}

/** Pages an admin list of up to 10,000 a page. */
async function adminAll<T>(api: Api, route: string, key: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const r = await admin(api.currentPort(), 'GET', `${route}${route.includes('?') ? '&' : '?'}offset=${offset}&limit=10000`);
    if (r.status !== 200) throw new Error(`GET ${route}: ${r.status} ${JSON.stringify(r.json)}`);
    const page = r.json[key] as T[];
    all.push(...page);
    if (page.length < 10_000) return all;
  }
}

/** QueryRobotTaskCallList has no totals: page until a page is short (docs/api/QueryRobotTaskCallList.md). */
async function callList(api: Api, taskId: number): Promise<CallListEntry[]> {
  const all: CallListEntry[] = [];
  for (let page = 1; ; page++) {
    const rows = await api.data<CallListEntry[]>('QueryRobotTaskCallList', { TaskId: String(taskId), PageNo: page, PageSize: 100 });
    all.push(...rows.map((r) => ({ called: r.called, callId: r.callId, recallCurTimes: String(r.recallCurTimes) })));
    if (rows.length < 100) return all;
  }
}

export async function taskFacts(api: Api, taskId: number, plan: TaskPlan, status: string): Promise<TaskFacts> {
  const internals = (await admin(api.currentPort(), 'GET', `tasks/${taskId}`)).json as { accountId: number };
  const listed = (await api.data<Array<{ id: number; totalCount: number; finishCount: number }>>('QueryRobotTaskList', { PageSize: 100 }))
    .find((r) => r.id === taskId);
  if (!listed) throw new Error(`task ${taskId} is not in QueryRobotTaskList`);
  return {
    taskId, accountId: internals.accountId, status, totalCount: listed.totalCount, finishCount: listed.finishCount,
    policy: plan.policy, uploaded: plan.numbers,
    callees: await adminAll<CalleeRow>(api, `tasks/${taskId}/callees`, 'callees'),
    calls: await adminAll<CallRecord>(api, `tasks/${taskId}/calls`, 'calls'),
    callList: await callList(api, taskId),
  };
}

/**
 * The two per-callee detail APIs, for a few callees picked by the run's seed: each must show the
 * callee's latest attempt (its id and code) as the call records do.
 */
export async function spotCheckDetails(api: Api, t: TaskFacts, rng: Rng, n: number, f: Findings): Promise<void> {
  for (let i = 0; i < n && t.calls.length > 0; i++) {
    const callee = rng.pick(t.calls).callee;
    const latest = t.calls.filter((c) => c.callee === callee).reduce((a, c) => (a.attempt > c.attempt ? a : c));
    const params = { TaskId: String(t.taskId), Callee: callee, QueryDate: latest.startedAt };
    const expected = `${t.taskId}^${latest.callId} ${latest.code}`;
    const detail = await api.data<{ callId: string }>('QueryRobotTaskCallDetail', params);
    const byTask = await api.data<{ callId: string; statusCode: string }>('QueryCallDetailByTaskId', params);
    const seen = [`${detail.callId} ${latest.code}`, `${byTask.callId} ${byTask.statusCode}`];
    if (seen.some((s) => s !== expected)) {
      f.add(INVARIANTS.details, `task ${t.taskId}, ${callee}: expected ${expected}, QueryRobotTaskCallDetail ${seen[0]}, QueryCallDetailByTaskId ${seen[1]}`);
    }
  }
}
