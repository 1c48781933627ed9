// Making tasks and giving them numbers: CreateRobotTask, UploadRobotTaskCalledFile and
// BatchRobotSmartCall on the API, and the console's task form and spreadsheets (docs/decisions.md D3, D5, D13).
import type { AppContext } from './app-context.js';
import { planBatch, validateBatch, type TtsValues } from './callee-batch.js';
import { invalidField, missingField } from './input-error.js';
import { logApiMove } from './task-access.js';
import { assertScheduleTime, callerNumbers, checkCallers, usableRobot } from './task-setup.js';
import { DomainError } from '../domain/errors.js';
import { planStart } from '../domain/task-status.js';
import { RECALL_STATE_CODES, type NewTask, type Task } from '../domain/types.js';

/** A task's configuration as a client gives it; field names are the API's, for the errors. */
export interface TaskSpec {
  name: string;
  robotId: number;
  /** The caller numbers as sent, comma-separated: stored byte-exact (D3). */
  caller: string;
  isSelfLine: boolean;
  numberStatusIdent: boolean;
  corpName?: string;
  retryType: number;
  recallStateCodes?: string;
  recallTimes?: number;
  recallInterval?: number;
}

/** A new task in INIT with its robot, callers and redial policy. */
export async function createTask(ctx: AppContext, spec: TaskSpec): Promise<Task> {
  // Blanks alone name nothing (the RPC API's parameter check says the same before this).
  if (spec.name.trim() === '') throw missingField('TaskName');
  if (spec.retryType === 1) {
    if (spec.recallStateCodes === undefined) throw missingField('RecallStateCodes');
    if (spec.recallTimes === undefined) throw missingField('RecallTimes');
    if (spec.recallInterval === undefined) throw missingField('RecallInterval');
  }
  const codes = spec.recallStateCodes === undefined ? [] : spec.recallStateCodes.split(',');
  const badCode = codes.find((c) => !RECALL_STATE_CODES.has(c.trim()));
  if (badCode !== undefined) {
    throw invalidField('RecallStateCodes', `RecallStateCodes may only list ${[...RECALL_STATE_CODES].join(', ')}; got "${badCode}".`);
  }
  return ctx.store.createTask(await newTask(ctx, spec, 'Caller'));
}

/**
 * Numbers with their TTS values added to a task as one batch: the task after it, and how many of
 * the numbers it did not have (as planned under the store's lock, so another upload cannot skew it).
 */
export async function addCallees(ctx: AppContext, taskId: number, numbers: string[], readTts: () => TtsValues): Promise<{ task: Task; added: number }> {
  const valid = validateBatch(numbers, readTts, ctx.now());
  const plan = planBatch(valid);
  let added = 0;
  const task = await ctx.store.addCalledBatch(ctx.account.id, taskId, valid.batch, (t, existing, stored) => {
    const planned = plan(t, existing, stored);
    added = planned.newKeys.length;
    return planned;
  });
  ctx.wakeEngine();
  return { task, added };
}

/** BatchRobotSmartCall: 1-1000 callees per call (docs/api/BatchRobotSmartCall.md). */
export const MAX_BATCH_CALLEES = 1_000;

/**
 * A task created, filled and started in one transaction: a request that fails anywhere, even on a
 * lost connection, stores nothing (D13). `schedule` null starts it now; `{at}` at that epoch ms
 * (an absent `at`: a schedule asked for without its time).
 */
export async function createStartedTask(
  ctx: AppContext, spec: TaskSpec, numbers: string[], readTts: () => TtsValues, schedule: { at: number | undefined } | null,
): Promise<Task> {
  if (!spec.isSelfLine && spec.corpName === undefined) throw missingField('CorpName');
  let scheduleTime: number | null = null;
  if (schedule !== null) {
    if (schedule.at === undefined) throw missingField('ScheduleTime');
    assertScheduleTime(ctx, schedule.at, 'epoch ms');
    scheduleTime = schedule.at;
  }
  // Only commas and blanks: as empty as an empty value, which counts as absent.
  if (numbers.length === 0) throw missingField('CalledNumber');
  // The limit counts the entries as sent, duplicates included (D13).
  if (numbers.length > MAX_BATCH_CALLEES) throw new DomainError('isv.VOICE_ROBOT_CALLEE_LIMIT', String(numbers.length));
  const task = await newTask(ctx, spec, 'CalledShowNumber');
  const valid = validateBatch(numbers, readTts, ctx.now());
  const { filled, started } = await ctx.store.createStartedTask(task, valid.batch, planBatch(valid),
    (t) => ({ ...planStart(t, { scheduleTime, balanceAllows: true }), runFrom: ctx.now(), statusAt: ctx.now() }));
  logApiMove(ctx, filled, started);
  ctx.wakeEngine();
  return started;
}

/** The row of a new task, once its callers and robot passed; `callerField` names the callers in errors. */
async function newTask(ctx: AppContext, spec: TaskSpec, callerField: string): Promise<NewTask> {
  const callers = callerNumbers(spec.caller, spec.isSelfLine, callerField);
  const robot = await usableRobot(ctx, spec.robotId);
  await checkCallers(ctx, callers, spec.isSelfLine);
  return {
    accountId: ctx.account.id,
    name: spec.name,
    robotId: robot.id,
    robotName: robot.name,
    corpName: spec.corpName ?? '',
    caller: spec.caller,
    numberStatusIdent: spec.numberStatusIdent,
    isSelfLine: spec.isSelfLine,
    retryType: spec.retryType,
    recallStateCodes: spec.recallStateCodes ?? '',
    recallTimes: spec.recallTimes ?? 0,
    recallInterval: spec.recallInterval ?? 0,
    createdAt: ctx.now(),
  };
}
