// DeleteRobotTask: remove an INIT or final task with its batches; its id is never reused (D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { deleteTask } from '../../app/task-lifecycle.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await deleteTask(ctx, p.TaskId);
    return { Data: 'true' };
  },
});
