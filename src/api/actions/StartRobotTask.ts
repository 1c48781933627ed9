// StartRobotTask: start now (SINGLE), at ScheduleTime (ORDER), or resume a stopped task (D4).
import { defineAction } from '../action.js';
import { integer, optional, required, text } from '../param-schema.js';
import { startTask } from '../../app/task-lifecycle.js';

export default defineAction({
  params: {
    TaskId: required(integer(1)),
    ScheduleTime: optional(text('yyyy-MM-dd HH:mm:ss'.length)),
  },
  async handle(p, ctx) {
    await startTask(ctx, p.TaskId, p.ScheduleTime);
    return { Data: 'true' };
  },
});
