// CancelRobotTask: terminate any non-final task, INIT included (→ CANCEL; D4). TaskId is optional in
// the metadata but the call means nothing without it, so it is required here (docs/api/CancelRobotTask.md).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { cancelTask } from '../../app/task-lifecycle.js';

export default defineAction({
  params: { TaskId: required(integer(1)) },
  async handle(p, ctx) {
    await cancelTask(ctx, p.TaskId);
    return { Data: 'true' };
  },
});
