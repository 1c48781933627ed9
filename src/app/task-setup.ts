// Checks shared by the actions that create or schedule tasks: the robot, the caller numbers, and a
// ScheduleTime against the calling hours.
import type { AppContext } from './app-context.js';
import { invalidField as invalid, missingField as missing } from './input-error.js';
import { MAX_CALLERS } from '../domain/limits.js';
import { isWithinHours } from '../domain/calling-hours.js';
import { DomainError } from '../domain/errors.js';
import { CALLER_NUMBER, splitNumbers } from '../domain/phone-number.js';
import { scheduleProblem } from '../domain/time-range.js';
import type { Robot } from '../domain/types.js';
import { formatTime } from '../domain/zoned-time.js';

/** The account's robot, if it has passed audit (isv.TEMPLATE_ILLEGAL otherwise). */
export async function usableRobot(ctx: AppContext, robotId: number): Promise<Robot> {
  const robot = await ctx.store.findRobot(ctx.account.id, robotId);
  if (!robot || robot.auditStatus !== 'AUDITPASS') throw new DomainError('isv.TEMPLATE_ILLEGAL', String(robotId));
  return robot;
}

/**
 * The numbers of a Caller / CalledShowNumber list: 1 to 100; with IsSelfLine, which skips the
 * ownership check, each must look like a phone number (README "Limits").
 */
export function callerNumbers(callerText: string, isSelfLine: boolean, param: string): string[] {
  const callers = splitNumbers(callerText);
  if (callers.length === 0) throw missing(param);
  if (callers.length > MAX_CALLERS) throw invalid(param, `${param} lists at most ${MAX_CALLERS} numbers; got ${callers.length}.`);
  const odd = isSelfLine ? callers.find((c) => !CALLER_NUMBER.test(c)) : undefined;
  if (odd !== undefined) throw invalid(param, `"${odd}" is not a phone number (3-20 digits; a leading + and hyphens allowed).`);
  return callers;
}

/** Caller numbers must be the account's unless it calls over its own line (isv.DISPLAY_NUMBER_ILLEGAL). */
export async function checkCallers(ctx: AppContext, callers: string[], isSelfLine: boolean): Promise<void> {
  if (isSelfLine) return;
  const owned = new Set(await ctx.store.listCallerNumbers(ctx.account.id));
  const foreign = callers.find((c) => !owned.has(c));
  if (foreign !== undefined) throw new DomainError('isv.DISPLAY_NUMBER_ILLEGAL', foreign);
}

/**
 * A ScheduleTime is after now (engine clock, D3) and at most 366 days later (README "Limits"), and
 * inside the calling hours (D7). `form` says how the client wrote it, for the message.
 */
export function assertScheduleTime(ctx: AppContext, at: number, form: string): void {
  const now = ctx.now();
  if (scheduleProblem(at, now) !== null) {
    throw invalid('ScheduleTime', `ScheduleTime (${form}) must be after now (${formatTime(now, ctx.timezone)} ${ctx.timezone}) and at most 366 days later.`);
  }
  assertCallingPeriod(ctx, at);
}

/** A scheduled start outside the calling hours is refused (D7). */
export function assertCallingPeriod(ctx: AppContext, at: number): void {
  if (ctx.callingHours && !isWithinHours(ctx.callingHours, at, ctx.timezone)) {
    throw new DomainError('isv.VOICE_ROBOT_NOT_PERIOD', `${ctx.callingHours.text} ${ctx.timezone}`);
  }
}
