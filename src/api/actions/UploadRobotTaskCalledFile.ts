// UploadRobotTaskCalledFile: validates a batch of callee numbers, de-duplicates it against the task,
// and stores it whole; callee rows are made at dispatch (docs/decisions.md D5).
import { defineAction } from '../action.js';
import { planBatch, validateBatch } from '../called-batch.js';
import { missing } from '../errors.js';
import { MAX_TTS_HEAD_TEXT, MAX_TTS_PARAM_TEXT, MAX_UPLOAD_NUMBERS_TEXT } from '../param-limits.js';
import { integer, required, optional, text } from '../param-schema.js';
import { DomainError } from '../../domain/errors.js';
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
    const valid = validateBatch(numbers, p.TtsParamHead, p.TtsParam, ctx.now());
    const task = await ctx.store.addCalledBatch(ctx.account.id, p.Id, valid.batch, planBatch(valid));
    ctx.wakeEngine();
    return { Data: String(task.id) };
  },
});
