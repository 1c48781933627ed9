// Validates a batch of callee numbers with their TTS values and plans what it adds to a task
// (docs/decisions.md D5); every way numbers reach a task (upload, batch call, spreadsheet) goes through it.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { numberKey } from '../domain/phone-number.js';
import { assertUploadable } from '../domain/task-status.js';
import type { CalledBatch, Task } from '../domain/types.js';
import type { BatchPlan } from '../store/store.js';

/** Per task limit (docs/api/UploadRobotTaskCalledFile.md documents the 300,000). */
export const MAX_NUMBERS_PER_TASK = 300_000;
/**
 * Every upload is stored whole, duplicates included (the .xlsx serves it as uploaded), so the
 * distinct-number limit alone let one task grow without end: the same 100,000 numbers uploaded
 * again and again. Bounded per task: the uploads, and the numbers they hold as uploaded.
 */
export const MAX_UPLOADS_PER_TASK = 1_000;
export const MAX_STORED_NUMBERS_PER_TASK = 1_000_000;

/** TTS values of a batch: variable names, and per callee number (as given) or `all` the values, positional. */
export interface TtsValues {
  head: string[];
  byNumber: Map<string, string[]>;
}

export interface ValidBatch {
  batch: Omit<CalledBatch, 'taskId'>;
  keys: string[];
}

/**
 * Every number valid (else isv.MOBILE_NUMBER_ILLEGAL naming it). The TTS values are read only after
 * the numbers passed, so a bad number is the error reported when both are wrong.
 */
export function validateBatch(numbers: string[], readTts: () => TtsValues, now: number): ValidBatch {
  const keys = numbers.map((n) => {
    const key = numberKey(n);
    if (key === null) throw new DomainError('isv.MOBILE_NUMBER_ILLEGAL', n);
    return key;
  });
  const tts = readTts();
  return { batch: { fileName: `${randomUUID()}--robotCallApi`, createdAt: now, numbers, ttsHead: tts.head, ttsParams: tts.byNumber }, keys };
}

/** What the batch adds to the task: numbers it does not have yet; the rest are duplicates. */
export function planBatch(valid: ValidBatch): (task: Task, existing: ReadonlySet<string>, storedNumbers: number) => BatchPlan {
  return (task, existing, storedNumbers) => {
    assertUploadable(task);
    if (task.calledFiles.length >= MAX_UPLOADS_PER_TASK) {
      throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT', `A task takes at most ${MAX_UPLOADS_PER_TASK} uploads; it has ${task.calledFiles.length}.`);
    }
    if (storedNumbers + valid.batch.numbers.length > MAX_STORED_NUMBERS_PER_TASK) {
      throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT',
        `A task's uploads hold at most ${MAX_STORED_NUMBERS_PER_TASK} numbers as uploaded, duplicates included; they hold ${storedNumbers} and this batch has ${valid.batch.numbers.length}.`);
    }
    const seen = new Set(existing);
    const newKeys: string[] = [];
    const duplicates: string[] = [];
    valid.keys.forEach((key, i) => {
      if (seen.has(key)) duplicates.push(valid.batch.numbers[i]!);
      else {
        seen.add(key);
        newKeys.push(key);
      }
    });
    if (task.totalCount + newKeys.length > MAX_NUMBERS_PER_TASK) {
      throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT',
        `A task holds at most ${MAX_NUMBERS_PER_TASK} distinct numbers; it has ${task.totalCount} and this batch adds ${newKeys.length}.`);
    }
    return { newKeys, duplicates };
  };
}
