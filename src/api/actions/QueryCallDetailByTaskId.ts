// QueryCallDetailByTaskId: the call record of one callee, in the SaaS-assistant shape
// (docs/api/QueryCallDetailByTaskId.md). Any task of the account, BatchRobotSmartCall's or not (D13).
import { defineAction } from '../action.js';
import { smartCallDetail } from '../call-view.js';
import { CALL_DETAIL_PARAMS } from '../call-access.js';
import { findCall } from '../../app/task-queries.js';

export default defineAction({
  params: CALL_DETAIL_PARAMS,
  async handle(p, ctx) {
    const { task, call } = await findCall(ctx, p.TaskId, p.Callee);
    const recording = call.result.recordingMs === undefined ? null : ctx.recordingUrl(call.taskId, call.id);
    return { Data: JSON.stringify(smartCallDetail(call, ctx.timezone, task.numberStatusIdent, recording)) };
  },
});
