// Reading the console API's query strings and JSON bodies, each value bounded (the API's limits,
// src/domain/limits.ts): a value out of bounds answers 400 naming it, never a 500.
import { z } from 'zod';
import { ConsoleError } from './console-error.js';
import { INT32_MAX } from '../domain/limits.js';
import { hasControlChar, jsonTextProblem } from '../domain/plain-text.js';
import { firstIssue } from '../zod-message.js';

/** Text of at most `max` characters without control characters (PostgreSQL stores no NUL). */
export const plain = (max: number) => z.string().max(max).refine((t) => !hasControlChar(t), 'control characters are not allowed');

export const pageQuery = {
  offset: z.string().regex(/^\d{1,10}$/, `a whole number from 0 to ${INT32_MAX}`).transform(Number).pipe(z.number().max(INT32_MAX)).optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'a whole number from 1 to 100').transform(Number).pipe(z.number().min(1).max(100)).optional(),
};

/** A positive id from a path: a safe integer, or 404 as a missing one would answer. */
export function idParam(text: string, what = 'task'): number {
  if (/^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  throw new ConsoleError(404, what === 'task' ? 'isv.TASK_NOT_FOUND' : 'NotFound', `No ${what} ${text.slice(0, 40)}.`);
}

/**
 * The value, or 400 with the API's code for the field it names: `Invalid` + the field in the wire's
 * case (name → InvalidName, robotId → InvalidRobotId), `InvalidParameter` for the body as a whole.
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? undefined : issue.path.find((p): p is string => typeof p === 'string');
  const code = field ? `Invalid${field[0]!.toUpperCase()}${field.slice(1)}` : 'InvalidParameter';
  throw new ConsoleError(400, code, firstIssue(where, parsed.error));
}

/** A JSON object body (changes are sent as JSON; an empty body is `{}`). */
export function jsonBody(body: unknown): unknown {
  if (body === undefined || (Buffer.isBuffer(body) && body.length === 0)) return {};
  if (!Buffer.isBuffer(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ConsoleError(400, 'InvalidParameter', 'The body is not valid JSON.');
  }
  const problem = jsonTextProblem(parsed);
  if (problem !== null) throw new ConsoleError(400, 'InvalidParameter', `The body ${problem}.`);
  return parsed;
}
