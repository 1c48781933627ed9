// CreateRobotTask: a new task in INIT with its robot, callers and redial policy (docs/api/CreateRobotTask.md, D3).
import { defineAction } from '../action.js';
import { boolean, integer, named, optional, required, text } from '../param-schema.js';
import { createTask } from '../../app/task-creation.js';
import { MAX_CALLER_TEXT, MAX_CORP_NAME, MAX_RECALL_STATE_CODES_TEXT, MAX_TASK_NAME } from '../../domain/limits.js';

export default defineAction({
  params: {
    TaskName: named(required(text(MAX_TASK_NAME))),
    DialogId: required(integer(1)),
    Caller: required(text(MAX_CALLER_TEXT)),
    NumberStatusIdent: required(boolean()),
    RetryType: required(integer(0, 1)),
    RecallStateCodes: optional(text(MAX_RECALL_STATE_CODES_TEXT)),
    RecallTimes: optional(integer(0, 10)),
    RecallInterval: optional(integer(2, 30)),
    CorpName: optional(text(MAX_CORP_NAME)),
    IsSelfLine: optional(boolean()),
  },
  async handle(p, ctx) {
    const task = await createTask(ctx, {
      name: p.TaskName, robotId: p.DialogId, caller: p.Caller, isSelfLine: p.IsSelfLine === true, numberStatusIdent: p.NumberStatusIdent,
      corpName: p.CorpName, retryType: p.RetryType, recallStateCodes: p.RecallStateCodes, recallTimes: p.RecallTimes, recallInterval: p.RecallInterval,
    });
    return { Data: String(task.id) };
  },
});
