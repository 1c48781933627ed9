// QueryRobotTaskDetail: one task's configuration and state; Data is JSON text (docs/api/QueryRobotTaskDetail.md).
import { defineAction } from '../action.js';
import { integer, required } from '../param-schema.js';
import { taskDetailData } from '../task-view.js';
import { findTask } from '../../app/task-queries.js';

export default defineAction({
  params: { Id: required(integer(1)) },
  async handle(p, ctx) {
    const task = await findTask(ctx, p.Id);
    return { Data: taskDetailData(task, ctx.timezone, ctx.fileUrl) };
  },
});
