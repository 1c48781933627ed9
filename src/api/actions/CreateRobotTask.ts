// CreateRobotTask: a new task in INIT with its robot, callers and redial policy (api/CreateRobotTask.md, D3).
import { defineAction } from '../action.js';
import { invalid, missing } from '../errors.js';
import { boolean, integer, optional, required, text } from '../param-schema.js';
import { DomainError } from '../../domain/errors.js';
import { splitNumbers } from '../../domain/phone-number.js';
import { RECALL_STATE_CODES } from '../../domain/types.js';

export default defineAction({
  params: {
    TaskName: required(text(30)),
    DialogId: required(integer(1)),
    Caller: required(text()),
    NumberStatusIdent: required(boolean()),
    RetryType: required(integer(0, 1)),
    RecallStateCodes: optional(text()),
    RecallTimes: optional(integer(0, 10)),
    RecallInterval: optional(integer(2, 30)),
    CorpName: optional(text()),
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
    const robot = await ctx.store.findRobot(ctx.account.id, p.DialogId);
    if (!robot || robot.auditStatus !== 'AUDITPASS') throw new DomainError('isv.TEMPLATE_ILLEGAL', String(p.DialogId));
    const callers = splitNumbers(p.Caller);
    if (callers.length === 0) throw missing('Caller');
    if (p.IsSelfLine !== true) {
      const owned = new Set(await ctx.store.listCallerNumbers(ctx.account.id));
      const foreign = callers.find((c) => !owned.has(c));
      if (foreign !== undefined) throw new DomainError('isv.DISPLAY_NUMBER_ILLEGAL', foreign);
    }
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
