// DeleteRobotTask: remove an INIT or final task with its batches; its id is never reused (D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { loadTask } from '../task-access.js';
import { assertDeletable } from '../../domain/task-status.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const task = await loadTask(ctx, p.TaskId);
      assertDeletable(task);
      if (await ctx.store.deleteTask(ctx.account.id, task.id, task.status)) {
        // The call records went with the task (migration 9); so do the recordings.
        await ctx.recordings.removeTask(task.id).catch((err: unknown) => ctx.log.error({ err, taskId: task.id }, 'could not remove the recordings of a deleted task'));
        return { Data: 'true' };
      }
    }
    throw new Error(`task ${p.TaskId} kept changing status; gave up deleting it`);
  },
});
