// CancelOrderRobotTask: drop a schedule that has not fired (READY ORDER → INIT SINGLE; D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { changeTask } from '../task-access.js';
import { planCancelOrder } from '../../domain/task-status.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await changeTask(ctx, p.TaskId, planCancelOrder);
    return { Data: 'true' };
  },
});
