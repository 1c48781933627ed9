// StartRobotTask: start now (SINGLE), at ScheduleTime (ORDER), or resume a stopped task (D4).
import { defineAction } from '../action.js';
import { invalid } from '../errors.js';
import { integer, optional, required, text } from '../param-schema.js';
import { changeTask } from '../task-access.js';
import { assertScheduleTime } from '../task-setup.js';
import { planStart } from '../../domain/task-status.js';
import { parseLocalTime } from '../../domain/zoned-time.js';

export default defineAction({
  params: {
    TaskId: required(integer(1)),
    ScheduleTime: optional(text('yyyy-MM-dd HH:mm:ss'.length)),
  },
  async handle(p, ctx) {
    let scheduleTime: number | null = null;
    if (p.ScheduleTime !== undefined) {
      scheduleTime = parseLocalTime(p.ScheduleTime, ctx.timezone);
      if (scheduleTime === null) {
        throw invalid('ScheduleTime', `ScheduleTime must be yyyy-MM-dd HH:mm:ss in ${ctx.timezone}.`);
      }
      assertScheduleTime(ctx, scheduleTime, `yyyy-MM-dd HH:mm:ss in ${ctx.timezone}`);
    }
    const balance = (await ctx.store.findAccount(ctx.account.id))?.balanceFen ?? null;
    const now = ctx.now();
    await changeTask(ctx, p.TaskId, (task) => ({ ...planStart(task, { scheduleTime, balanceAllows: balance === null || balance > 0 }), runFrom: now }));
    return { Data: 'true' };
  },
});
