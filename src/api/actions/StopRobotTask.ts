// StopRobotTask: pause a task (→ MANUAL_STOP, never auto-resumes; D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { stopTask } from '../../app/task-lifecycle.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await stopTask(ctx, p.TaskId);
    return { Data: 'true' };
  },
});
