// The console API's tasks: list, detail with charts and timeline, calls and transcripts, create, and
// the status buttons (docs/console.md). Every rule is the application layer's (src/app/).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTask } from '../app/task-creation.js';
import { cancelSchedule, cancelTask, deleteTask, hasBalance, startTask, stopTask } from '../app/task-lifecycle.js';
import { findCall, findTask, listCalls, listTasks } from '../app/task-queries.js';
import { callResultLabel } from '../domain/calls.js';
import { MAX_CALLER_TEXT, MAX_CORP_NAME, MAX_NUMBER_FILTER, MAX_STATE_CODE, MAX_TASK_NAME } from '../domain/limits.js';
import { FIRST_DATE_YEAR } from '../domain/time-range.js';
import { RECALL_STATE_CODES, TASK_STATUSES, type Task } from '../domain/types.js';
import { formatTime, localDay } from '../domain/zoned-time.js';
import { ConsoleError } from './console-error.js';
import { contextOf, type ConsoleDeps } from './console-deps.js';
import { idParam, jsonBody, pageQuery, parseWith, plain } from './console-params.js';
import { callRow, taskView } from './console-views.js';
import { statsCache } from './stats-cache.js';
import type { AppContext } from '../app/app-context.js';

type Id = { Params: { id: string } };

const listQuery = z.object({
  ...pageQuery, name: plain(MAX_TASK_NAME).optional(), status: z.enum(TASK_STATUSES).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd').optional(),
}).strict();
const callsQuery = z.object({
  ...pageQuery, code: z.string().regex(/^\d{1,6}$/).refine((c) => Number(c) <= MAX_STATE_CODE).optional(),
  hangup: z.enum(['user', 'robot']).optional(), called: plain(MAX_NUMBER_FILTER).optional(),
}).strict();
const newTask = z.object({
  name: plain(MAX_TASK_NAME).min(1), robotId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  callers: z.array(plain(20).min(1)).min(1).max(100).refine((c) => c.join(',').length <= MAX_CALLER_TEXT),
  corpName: plain(MAX_CORP_NAME).optional(), numberStatusIdent: z.boolean().default(false),
  retry: z.object({
    codes: z.array(z.string().refine((c) => RECALL_STATE_CODES.has(c), 'a redialable state code')).min(1).max(6),
    times: z.number().int().min(0).max(10), intervalMin: z.number().int().min(2).max(30),
  }).strict().nullable().default(null),
}).strict();
const startBody = z.object({ scheduleTime: z.string().max(19).optional() }).strict();

export function registerTaskRoutes(app: FastifyInstance, deps: ConsoleDeps & { wallNow: () => number }): void {
  const view = async (ctx: AppContext, task: Task) => taskView(task, await hasBalance(ctx), deps.timezone);

  app.get('/tasks', async (request) => {
    const q = parseWith(listQuery, request.query, 'query');
    const ctx = contextOf(deps, request, 'QueryRobotTaskList');
    let day: { from: number; to: number } | null = null;
    if (q.date !== undefined) {
      day = localDay(q.date, deps.timezone);
      if (day === null || Number(q.date.slice(0, 4)) < FIRST_DATE_YEAR) throw new ConsoleError(400, 'InvalidParameter', 'date must be a real date, yyyy-MM-dd.');
    }
    const { tasks, total } = await listTasks(ctx, { nameContains: q.name || undefined, status: q.status, createdFrom: day?.from, createdTo: day?.to },
      { offset: q.offset ?? 0, limit: q.limit ?? 20 });
    const balanceAllows = await hasBalance(ctx);
    return { total, tasks: tasks.map((t) => taskView(t, balanceAllows, deps.timezone)) };
  });

  app.get<Id>('/tasks/:id', async (request) => {
    const ctx = contextOf(deps, request, 'QueryRobotTaskDetail');
    const task = await findTask(ctx, idParam(request.params.id));
    const log = await deps.store.listStatusLog(task.id);
    return { task: await view(ctx, task), timeline: log.map((e) => ({ ...e, time: formatTime(e.at, deps.timezone) })) };
  });

  // Apart from the task, so its page shows at once while a large task's charts are read.
  const chartsOf = statsCache(deps.store, deps.wallNow);
  app.get<Id>('/tasks/:id/stats', async (request) => {
    const ctx = contextOf(deps, request, 'QueryRobotTaskDetail');
    const task = await findTask(ctx, idParam(request.params.id));
    const stats = await chartsOf(task, ctx.now());
    const { from, bucketMs, counts } = stats.overTime;
    return {
      outcomes: Object.entries(stats.byCode).sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({ code, meaning: callResultLabel(code), count })),
      labels: Object.entries(stats.byLabel).sort(([, a], [, b]) => b - a).map(([label, count]) => ({ label, count })),
      callsOverTime: { bucketMs, points: counts.map((count, i) => ({ at: from + i * bucketMs, time: formatTime(from + i * bucketMs, deps.timezone), count })) },
    };
  });

  app.get<Id>('/tasks/:id/calls', async (request) => {
    const q = parseWith(callsQuery, request.query, 'query');
    const limit = q.limit ?? 20;
    // One more than asked tells whether a next page exists without counting them all. In upload
    // order (the callees' key), a page is read without sorting every callee of the task.
    const { calls } = await listCalls(contextOf(deps, request, 'QueryRobotTaskCallList'), idParam(request.params.id),
      { code: q.code, hangup: q.hangup, called: q.called || undefined, order: 'upload' }, { offset: q.offset ?? 0, limit: limit + 1 });
    return { calls: calls.slice(0, limit).map((c) => callRow(c, deps.timezone)), hasMore: calls.length > limit };
  });

  app.get<{ Params: { id: string; callee: string } }>('/tasks/:id/calls/:callee', async (request) => {
    const callee = parseWith(plain(MAX_NUMBER_FILTER).min(1), request.params.callee, 'callee');
    const { call } = await findCall(contextOf(deps, request, 'QueryRobotTaskCallDetail'), idParam(request.params.id), callee);
    const recordingUrl = call.result.recordingMs === undefined ? null : deps.recordings.url(deps.fileBase(), call.taskId, call.id);
    return { call: callRow(call, deps.timezone), transcript: call.result.transcript, recordingUrl };
  });

  app.post('/tasks', async (request) => {
    const b = parseWith(newTask, jsonBody(request.body), 'task');
    const ctx = contextOf(deps, request, 'CreateRobotTask');
    const task = await createTask(ctx, {
      name: b.name, robotId: b.robotId, caller: b.callers.join(','), isSelfLine: false, numberStatusIdent: b.numberStatusIdent,
      corpName: b.corpName, retryType: b.retry ? 1 : 0, recallStateCodes: b.retry?.codes.join(','), recallTimes: b.retry?.times,
      recallInterval: b.retry?.intervalMin,
    });
    return { task: await view(ctx, task) };
  });

  const change = (path: string, action: string, run: (ctx: AppContext, id: number, body: unknown) => Promise<Task>) =>
    app.post<Id>(`/tasks/:id/${path}`, async (request) => {
      const ctx = contextOf(deps, request, action);
      return { task: await view(ctx, await run(ctx, idParam(request.params.id), jsonBody(request.body))) };
    });
  change('start', 'StartRobotTask', (ctx, id, body) => startTask(ctx, id, parseWith(startBody, body, 'start').scheduleTime));
  change('stop', 'StopRobotTask', (ctx, id) => stopTask(ctx, id));
  change('cancel', 'CancelRobotTask', (ctx, id) => cancelTask(ctx, id));
  change('cancel-order', 'CancelOrderRobotTask', (ctx, id) => cancelSchedule(ctx, id));

  app.delete<Id>('/tasks/:id', async (request) => {
    await deleteTask(contextOf(deps, request, 'DeleteRobotTask'), idParam(request.params.id));
    return { deleted: true };
  });
}
