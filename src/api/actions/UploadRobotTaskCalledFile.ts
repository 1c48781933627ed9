// UploadRobotTaskCalledFile: validates a batch of callee numbers, de-duplicates it against the task,
// and stores it whole; callee rows are made at dispatch (docs/decisions.md D5).
import { defineAction } from '../action.js';
import { missing } from '../errors.js';
import { integer, required, optional, text } from '../param-schema.js';
import { parseTts } from '../tts-param.js';
import { addCallees } from '../../app/task-creation.js';
import { DomainError } from '../../domain/errors.js';
import { MAX_TTS_HEAD_TEXT, MAX_TTS_PARAM_TEXT, MAX_UPLOAD_NUMBERS_TEXT } from '../../domain/limits.js';
import { splitNumbers } from '../../domain/phone-number.js';

/** Per call limit (D5). */
export const MAX_NUMBERS_PER_UPLOAD = 100_000;

export default defineAction({
  params: {
    Id: required(integer(1)),
    CalledNumber: required(text(MAX_UPLOAD_NUMBERS_TEXT)),
    TtsParamHead: optional(text(MAX_TTS_HEAD_TEXT)),
    TtsParam: optional(text(MAX_TTS_PARAM_TEXT)),
  },
  async handle(p, ctx) {
    const numbers = splitNumbers(p.CalledNumber);
    // Only commas and blanks: as empty as an empty value, which counts as absent.
    if (numbers.length === 0) throw missing('CalledNumber');
    if (numbers.length > MAX_NUMBERS_PER_UPLOAD) {
      throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT', `At most ${MAX_NUMBERS_PER_UPLOAD} numbers per call; got ${numbers.length}.`);
    }
    const { task } = await addCallees(ctx, p.Id, numbers, () => parseTts(p.TtsParamHead, p.TtsParam, new Set(numbers)));
    return { Data: String(task.id) };
  },
});
