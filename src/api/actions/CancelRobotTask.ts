// CancelRobotTask: terminate any non-final task, INIT included (→ CANCEL; D4). TaskId is optional in
// the metadata but the call means nothing without it, so it is required here (docs/api/CancelRobotTask.md).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { changeTask } from '../task-access.js';
import { planCancel } from '../../domain/task-status.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await changeTask(ctx, p.TaskId, (task) => planCancel(task, ctx.now()));
    return { Data: 'true' };
  },
});
