// CreateRobotTask: a new task in INIT with its robot, callers and redial policy (docs/api/CreateRobotTask.md, D3).
import { defineAction } from '../action.js';
import { invalid, missing } from '../errors.js';
import { MAX_CALLER_TEXT, MAX_CORP_NAME, MAX_RECALL_STATE_CODES_TEXT, MAX_TASK_NAME } from '../param-limits.js';
import { boolean, integer, named, optional, required, text } from '../param-schema.js';
import { callerNumbers, checkCallers, usableRobot } from '../task-setup.js';
import { RECALL_STATE_CODES } from '../../domain/types.js';

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
    if (p.RetryType === 1) {
      for (const name of ['RecallStateCodes', 'RecallTimes', 'RecallInterval'] as const) if (p[name] === undefined) throw missing(name);
    }
    const codes = p.RecallStateCodes === undefined ? [] : p.RecallStateCodes.split(',');
    const badCode = codes.find((c) => !RECALL_STATE_CODES.has(c.trim()));
    if (badCode !== undefined) {
      throw invalid('RecallStateCodes', `RecallStateCodes may only list ${[...RECALL_STATE_CODES].join(', ')}; got "${badCode}".`);
    }
    const callers = callerNumbers(p.Caller, p.IsSelfLine === true, 'Caller');
    const robot = await usableRobot(ctx, p.DialogId);
    await checkCallers(ctx, callers, p.IsSelfLine === true);
    const task = await ctx.store.createTask({
      accountId: ctx.account.id,
      name: p.TaskName,
      robotId: robot.id,
      robotName: robot.name,
      corpName: p.CorpName ?? '',
      // Echoed byte-exact as sent (D3), not the normalised list.
      caller: p.Caller,
      numberStatusIdent: p.NumberStatusIdent,
      isSelfLine: p.IsSelfLine ?? false,
      retryType: p.RetryType,
      recallStateCodes: p.RecallStateCodes ?? '',
      recallTimes: p.RecallTimes ?? 0,
      recallInterval: p.RecallInterval ?? 0,
      createdAt: ctx.now(),
    });
    return { Data: String(task.id) };
  },
});
