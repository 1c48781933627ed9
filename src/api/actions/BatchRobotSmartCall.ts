// BatchRobotSmartCall: a robot task created, filled and started in one call (RetryType 0), listed by
// QueryRobotTaskList/Detail like any other (api/BatchRobotSmartCall.md, DECISIONS D13).
import { defineAction } from '../action.js';
import { planBatch, validateBatch } from '../called-batch.js';
import { invalid, missing } from '../errors.js';
import { boolean, integer, optional, required, text } from '../param-schema.js';
import { logApiMove } from '../task-access.js';
import { assertCallingPeriod, checkCallers, usableRobot } from '../task-setup.js';
import { DomainError } from '../../domain/errors.js';
import { splitNumbers } from '../../domain/phone-number.js';
import { planStart } from '../../domain/task-status.js';
import { formatTime } from '../../domain/zoned-time.js';

const MAX_CALLEES = 1_000;
const MAX_SHOW_NUMBERS = 100;

export default defineAction({
  params: {
    CalledNumber: required(text()),
    CalledShowNumber: required(text()),
    DialogId: required(integer(1)),
    TaskName: required(text(30)),
    CorpName: optional(text()),
    IsSelfLine: optional(boolean()),
    EarlyMediaAsr: optional(boolean()),
    ScheduleCall: optional(boolean()),
    ScheduleTime: optional(integer(0)),
    TtsParamHead: optional(text()),
    TtsParam: optional(text()),
  },
  async handle(p, ctx) {
    const isSelfLine = p.IsSelfLine === true;
    if (!isSelfLine && p.CorpName === undefined) throw missing('CorpName');
    let scheduleTime: number | null = null;
    if (p.ScheduleCall === true) {
      if (p.ScheduleTime === undefined) throw missing('ScheduleTime');
      if (p.ScheduleTime <= ctx.now()) {
        throw invalid('ScheduleTime', `ScheduleTime (ms) must be after now (${formatTime(ctx.now(), ctx.timezone)} ${ctx.timezone}).`);
      }
      assertCallingPeriod(ctx, p.ScheduleTime);
      scheduleTime = p.ScheduleTime;
    }
    // The limit counts the entries as sent, duplicates included (D13).
    const numbers = splitNumbers(p.CalledNumber);
    if (numbers.length > MAX_CALLEES) throw new DomainError('isv.VOICE_ROBOT_CALLEE_LIMIT', String(numbers.length));
    if (splitNumbers(p.CalledShowNumber).length > MAX_SHOW_NUMBERS) {
      throw invalid('CalledShowNumber', `CalledShowNumber lists at most ${MAX_SHOW_NUMBERS} numbers.`);
    }
    const robot = await usableRobot(ctx, p.DialogId);
    await checkCallers(ctx, p.CalledShowNumber, isSelfLine, 'CalledShowNumber');
    const valid = validateBatch(numbers, p.TtsParamHead, p.TtsParam, ctx.now());

    const task = await ctx.store.createTask({
      accountId: ctx.account.id, name: p.TaskName, robotId: robot.id, robotName: robot.name, corpName: p.CorpName ?? '',
      caller: p.CalledShowNumber, numberStatusIdent: p.EarlyMediaAsr === true, isSelfLine,
      retryType: 0, recallStateCodes: '', recallTimes: 0, recallInterval: 0, createdAt: ctx.now(),
    });
    const filled = await ctx.store.addCalledBatch(ctx.account.id, task.id, valid.batch, planBatch(valid));
    const started = await ctx.store.changeTask(ctx.account.id, task.id, 'INIT', { ...planStart(filled, { scheduleTime, balanceAllows: true }), runFrom: ctx.now() });
    if (started) logApiMove(ctx, filled, started);
    ctx.wakeEngine();
    return { TaskId: String(task.id) };
  },
});
