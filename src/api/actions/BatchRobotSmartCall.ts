// BatchRobotSmartCall: a robot task created, filled and started in one call (RetryType 0), listed by
// QueryRobotTaskList/Detail like any other (docs/api/BatchRobotSmartCall.md, docs/decisions.md D13).
import { defineAction } from '../action.js';
import { planBatch, validateBatch } from '../called-batch.js';
import { missing } from '../errors.js';
import {
  MAX_BATCH_NUMBERS_TEXT, MAX_CALLER_TEXT, MAX_CORP_NAME, MAX_TASK_NAME, MAX_TTS_HEAD_TEXT, MAX_TTS_PARAM_TEXT,
} from '../param-limits.js';
import { boolean, integer, named, optional, required, text } from '../param-schema.js';
import { logApiMove } from '../task-access.js';
import { assertScheduleTime, callerNumbers, checkCallers, usableRobot } from '../task-setup.js';
import { DomainError } from '../../domain/errors.js';
import { splitNumbers } from '../../domain/phone-number.js';
import { planStart } from '../../domain/task-status.js';

/** docs/api/BatchRobotSmartCall.md: 1-1000 callees per call. */
const MAX_CALLEES = 1_000;

export default defineAction({
  params: {
    CalledNumber: required(text(MAX_BATCH_NUMBERS_TEXT)),
    CalledShowNumber: required(text(MAX_CALLER_TEXT)),
    DialogId: required(integer(1)),
    TaskName: named(required(text(MAX_TASK_NAME))),
    CorpName: optional(text(MAX_CORP_NAME)),
    IsSelfLine: optional(boolean()),
    EarlyMediaAsr: optional(boolean()),
    ScheduleCall: optional(boolean()),
    ScheduleTime: optional(integer(0)),
    TtsParamHead: optional(text(MAX_TTS_HEAD_TEXT)),
    TtsParam: optional(text(MAX_TTS_PARAM_TEXT)),
  },
  async handle(p, ctx) {
    const isSelfLine = p.IsSelfLine === true;
    if (!isSelfLine && p.CorpName === undefined) throw missing('CorpName');
    let scheduleTime: number | null = null;
    if (p.ScheduleCall === true) {
      if (p.ScheduleTime === undefined) throw missing('ScheduleTime');
      assertScheduleTime(ctx, p.ScheduleTime, 'epoch ms');
      scheduleTime = p.ScheduleTime;
    }
    // The limit counts the entries as sent, duplicates included (D13).
    const numbers = splitNumbers(p.CalledNumber);
    // Only commas and blanks: as empty as an empty value, which counts as absent.
    if (numbers.length === 0) throw missing('CalledNumber');
    if (numbers.length > MAX_CALLEES) throw new DomainError('isv.VOICE_ROBOT_CALLEE_LIMIT', String(numbers.length));
    const callers = callerNumbers(p.CalledShowNumber, isSelfLine, 'CalledShowNumber');
    const robot = await usableRobot(ctx, p.DialogId);
    await checkCallers(ctx, callers, isSelfLine);
    const valid = validateBatch(numbers, p.TtsParamHead, p.TtsParam, ctx.now());

    // One transaction: a request that fails anywhere (even on a lost connection) stores nothing.
    const { filled, started } = await ctx.store.createStartedTask({
      accountId: ctx.account.id, name: p.TaskName, robotId: robot.id, robotName: robot.name, corpName: p.CorpName ?? '',
      caller: p.CalledShowNumber, numberStatusIdent: p.EarlyMediaAsr === true, isSelfLine,
      retryType: 0, recallStateCodes: '', recallTimes: 0, recallInterval: 0, createdAt: ctx.now(),
    }, valid.batch, planBatch(valid), (task) => ({ ...planStart(task, { scheduleTime, balanceAllows: true }), runFrom: ctx.now() }));
    logApiMove(ctx, filled, started);
    ctx.wakeEngine();
    return { TaskId: String(started.id) };
  },
});
