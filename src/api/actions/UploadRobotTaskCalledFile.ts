// UploadRobotTaskCalledFile: validates a batch of callee numbers, de-duplicates it against the task,
// and stores it whole; callee rows are made at dispatch (DECISIONS D5).
import { randomUUID } from 'node:crypto';
import { defineAction } from '../action.js';
import { integer, required, optional, text } from '../param-schema.js';
import { parseTts } from '../tts-param.js';
import { DomainError } from '../../domain/errors.js';
import { numberKey, splitNumbers } from '../../domain/phone-number.js';
import { assertUploadable } from '../../domain/task-status.js';

/** Per call and per task limits (D5; api/UploadRobotTaskCalledFile.md documents the 300,000). */
export const MAX_NUMBERS_PER_UPLOAD = 100_000;
export const MAX_NUMBERS_PER_TASK = 300_000;

export default defineAction({
  params: {
    Id: required(integer(1)),
    CalledNumber: required(text()),
    TtsParamHead: optional(text()),
    TtsParam: optional(text()),
  },
  async handle(p, ctx) {
    const numbers = splitNumbers(p.CalledNumber);
    if (numbers.length > MAX_NUMBERS_PER_UPLOAD) {
      throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT', `At most ${MAX_NUMBERS_PER_UPLOAD} numbers per call; got ${numbers.length}.`);
    }
    const keys = numbers.map((n) => {
      const key = numberKey(n);
      if (key === null) throw new DomainError('isv.MOBILE_NUMBER_ILLEGAL', n);
      return key;
    });
    const tts = parseTts(p.TtsParamHead, p.TtsParam, new Set(numbers));
    const batch = { fileName: `${randomUUID()}--robotCallApi`, createdAt: ctx.now(), numbers, ttsHead: tts.head, ttsParams: tts.byNumber };
    const task = await ctx.store.addCalledBatch(ctx.account.id, p.Id, batch, (current, existing) => {
      assertUploadable(current);
      const seen = new Set(existing);
      const newKeys: string[] = [];
      const duplicates: string[] = [];
      keys.forEach((key, i) => {
        if (seen.has(key)) duplicates.push(numbers[i]!);
        else {
          seen.add(key);
          newKeys.push(key);
        }
      });
      if (current.totalCount + newKeys.length > MAX_NUMBERS_PER_TASK) {
        throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT',
          `A task holds at most ${MAX_NUMBERS_PER_TASK} distinct numbers; it has ${current.totalCount} and this batch adds ${newKeys.length}.`);
      }
      return { newKeys, duplicates };
    });
    ctx.wakeEngine();
    return { Data: String(task.id) };
  },
});
