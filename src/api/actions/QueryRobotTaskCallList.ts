// QueryRobotTaskCallList: one entry per callee that has an ended call, showing its latest attempt,
// in order of first dial, filtered and paged (docs/api/QueryRobotTaskCallList.md, docs/decisions.md D13).
import { defineAction } from '../action.js';
import { callListRow } from '../call-view.js';
import { INT32_MAX, MAX_NUMBER_FILTER, MAX_STATE_CODE } from '../../domain/limits.js';
import { integer, oneOf, optional, required, text } from '../param-schema.js';
import { listCalls } from '../../app/task-queries.js';

export default defineAction({
  params: {
    // Typed string in the api, but it names the same integer ids as everywhere else.
    TaskId: required(integer(1)),
    PageNo: optional(integer(1, INT32_MAX)),
    PageSize: optional(integer(1, 100)),
    DurationFrom: optional(integer(0, INT32_MAX)),
    DurationTo: optional(integer(0, INT32_MAX)),
    DialogCountFrom: optional(integer(0, INT32_MAX)),
    DialogCountTo: optional(integer(0, INT32_MAX)),
    // 1 user, 0 robot, as in the responses (D13: the request doc's opposite reading is its error).
    HangupDirection: optional(oneOf(['0', '1'])),
    // Any state code (D13), not only the five the request doc lists.
    CallResult: optional(integer(0, MAX_STATE_CODE)),
    Called: optional(text(MAX_NUMBER_FILTER)),
  },
  async handle(p, ctx) {
    const pageNo = p.PageNo ?? 1;
    const pageSize = p.PageSize ?? 10;
    const { calls } = await listCalls(ctx, p.TaskId, {
      durationFrom: p.DurationFrom,
      durationTo: p.DurationTo,
      dialogCountFrom: p.DialogCountFrom,
      dialogCountTo: p.DialogCountTo,
      hangup: p.HangupDirection === undefined ? undefined : p.HangupDirection === '1' ? 'user' : 'robot',
      code: p.CallResult === undefined ? undefined : String(p.CallResult),
      called: p.Called,
    }, { offset: (pageNo - 1) * pageSize, limit: pageSize });
    return { Data: JSON.stringify(calls.map((c) => callListRow(c, ctx.timezone))) };
  },
});
