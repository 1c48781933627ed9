// BatchRobotSmartCall: a robot task created, filled and started in one call (RetryType 0), listed by
// QueryRobotTaskList/Detail like any other (docs/api/BatchRobotSmartCall.md, docs/decisions.md D13).
import { defineAction } from '../action.js';
import { boolean, integer, named, optional, required, text } from '../param-schema.js';
import { parseTts } from '../tts-param.js';
import { createStartedTask } from '../../app/task-creation.js';
import {
  MAX_BATCH_NUMBERS_TEXT, MAX_CALLER_TEXT, MAX_CORP_NAME, MAX_TASK_NAME, MAX_TTS_HEAD_TEXT, MAX_TTS_PARAM_TEXT,
} from '../../domain/limits.js';
import { splitNumbers } from '../../domain/phone-number.js';

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
    const numbers = splitNumbers(p.CalledNumber);
    const task = await createStartedTask(ctx, {
      name: p.TaskName, robotId: p.DialogId, caller: p.CalledShowNumber, isSelfLine: p.IsSelfLine === true,
      numberStatusIdent: p.EarlyMediaAsr === true, corpName: p.CorpName, retryType: 0,
    }, numbers, () => parseTts(p.TtsParamHead, p.TtsParam, new Set(numbers)), p.ScheduleCall === true ? { at: p.ScheduleTime } : null);
    return { TaskId: String(task.id) };
  },
});
