// QueryRobotTaskCallDetail: the latest ended call to one callee of a task, with its transcript
// (docs/api/QueryRobotTaskCallDetail.md). QueryDate is validated but matching is by (TaskId, Callee) (D13).
import { defineAction } from '../action.js';
import { callDetail } from '../call-view.js';
import { CALL_DETAIL_PARAMS } from '../call-access.js';
import { findCall } from '../../app/task-queries.js';

export default defineAction({
  params: CALL_DETAIL_PARAMS,
  async handle(p, ctx) {
    const { call } = await findCall(ctx, p.TaskId, p.Callee);
    const recording = call.result.recordingMs === undefined ? null : ctx.recordingUrl(call.taskId, call.id);
    return { Data: JSON.stringify(callDetail(call, ctx.timezone, recording)) };
  },
});
