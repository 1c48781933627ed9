// StopRobotTask: pause a task (→ MANUAL_STOP, never auto-resumes; D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { changeTask } from '../task-access.js';
import { planStop } from '../../domain/task-status.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await changeTask(ctx, p.TaskId, planStop);
    return { Data: 'true' };
  },
});
