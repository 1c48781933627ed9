// CancelOrderRobotTask: drop a schedule that has not fired (READY ORDER → INIT SINGLE; D4).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { cancelSchedule } from '../../app/task-lifecycle.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await cancelSchedule(ctx, p.TaskId);
    return { Data: 'true' };
  },
});
