// Declares an action's parameters (wire names, types, limits) and parses them with wire-accurate
// errors: every absent required parameter is reported (Missing{Name}) before any value (Invalid{Name}).
// Parsing follows DECISIONS D3: strict integers and booleans, no loose coercion, unknown names ignored.
import { z } from 'zod';
import { invalid, missing } from './errors.js';

export interface ParamSpec<T = unknown> {
  schema: z.ZodType<T, string>;
  required: boolean;
}

type Specs = Record<string, ParamSpec>;
export type ParamsOf<S extends Specs> = {
  [K in keyof S]: S[K] extends ParamSpec<infer T> ? (S[K]['required'] extends true ? T : T | undefined) : never;
};

const INTEGER = /^-?\d+$/;

export const integer = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z.string()
    .regex(INTEGER, 'must be an integer')
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n), 'must be below 2^53')
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

export const boolean = () =>
  z.string()
    .regex(/^(true|false)$/i, 'must be true or false')
    .transform((s) => s.toLowerCase() === 'true');

/** Length in Unicode code points, as "at most 30 characters" means for Chinese names. */
export const text = (maxCodePoints = Infinity) =>
  z.string().refine((s) => [...s].length <= maxCodePoints, `must be at most ${maxCodePoints} characters`);

export const oneOf = <T extends string>(values: readonly T[]) =>
  z.string().refine((s): s is T => (values as readonly string[]).includes(s), `must be one of ${values.join(', ')}`) as unknown as z.ZodType<T, string>;

export const required = <T>(schema: z.ZodType<T, string>): ParamSpec<T> & { required: true } => ({ schema, required: true });
export const optional = <T>(schema: z.ZodType<T, string>): ParamSpec<T> & { required: false } => ({ schema, required: false });

/** An empty value counts as absent: SDKs send unset strings as `Key=`. */
export function parseParams<S extends Specs>(specs: S, raw: ReadonlyMap<string, string>): ParamsOf<S> {
  const present = (name: string) => {
    const v = raw.get(name);
    return v === undefined || v === '' ? undefined : v;
  };
  for (const [name, spec] of Object.entries(specs)) if (spec.required && present(name) === undefined) throw missing(name);
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = present(name);
    if (value === undefined) continue;
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) throw invalid(name, `${name} ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
    out[name] = parsed.data;
  }
  return out as ParamsOf<S>;
}
