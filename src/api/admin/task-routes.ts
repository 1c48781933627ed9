// Admin: a task's internals (docs/decisions.md D12): callees by state, duplicates dropped at upload, and
// every attempt — what the Alibaba API does not show but a test wants to check.
import type { FastifyInstance } from 'fastify';
import type { CallRecord } from '../../domain/calls.js';
import type { Task } from '../../domain/types.js';
import { AdminError } from '../../admin/admin-error.js';
import { idOf, pageOf, type AdminDeps } from './admin-deps.js';

type TaskRoute = { Params: { id: string }; Querystring: { state?: string; offset?: string; limit?: string } };

const CALLEE_STATES = ['pending', 'dialing', 'done', 'skipped'];

export function registerTaskRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const load = async (id: string): Promise<Task> => {
    // An id past 2^53 cannot exist, and PostgreSQL answered 500 for one past 2^63.
    const taskId = idOf(id);
    const task = taskId === null ? null : await deps.store.findTaskById(taskId);
    if (!task) throw new AdminError(404, `no task ${id}`);
    return task;
  };

  app.get<TaskRoute>('/_robotcall/tasks/:id', async (request) => {
    const task = await load(request.params.id);
    return {
      id: task.id, accountId: task.accountId, status: task.status, totalCount: task.totalCount, finishCount: task.finishCount,
      dispatched: task.dispatched, callees: await deps.store.countCallees(task.id),
    };
  });

  app.get<TaskRoute>('/_robotcall/tasks/:id/callees', async (request) => {
    const task = await load(request.params.id);
    const { state } = request.query;
    if (state !== undefined && !CALLEE_STATES.includes(state)) throw new AdminError(400, `state must be one of ${CALLEE_STATES.join(', ')}`);
    return { callees: await deps.store.listCallees(task.id, state, pageOf(request.query, 10_000)) };
  });

  app.get<TaskRoute>('/_robotcall/tasks/:id/duplicates', async (request) => {
    const task = await load(request.params.id);
    return { batches: await deps.store.listDuplicates(task.id) };
  });

  app.get<TaskRoute>('/_robotcall/tasks/:id/calls', async (request) => {
    const task = await load(request.params.id);
    const calls = await deps.store.listTaskCalls(task.id, deps.clock.now(), pageOf(request.query, 10_000));
    return { calls: calls.map(callView) };
  });
}

function callView(c: CallRecord) {
  return {
    callId: c.id, callee: c.callee, dialed: c.dialed, attempt: c.attempt, caller: c.caller, code: c.code,
    earlyMediaCode: c.earlyMediaCode, startedAt: c.startedAt, answeredAt: c.answeredAt, endedAt: c.endedAt,
    durationS: c.durationS, costFen: c.costFen, ...c.result,
  };
}
