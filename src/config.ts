// loadConfig(env, flags) → Config: the only reader of process.env. Every option is also a CLI flag;
// flags win over the environment, which wins over the defaults below.
import { z } from 'zod';
import { parseClockSpec, type ClockMode } from './clock.js';
import { parseCallingHours, type CallingHours } from './domain/calling-hours.js';
import { isValidZone } from './domain/zoned-time.js';

/** Engine pace defaults (README "Engine options"): generous enough that a scaled clock finishes campaigns quickly. */
export const DEFAULT_LIMITS = { taskConcurrency: 20, accountConcurrency: 100, callsPerSecond: 20 };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  auth: 'strict' | 'any-key';
  anyKeySecret: string | null;
  publicUrl: string | null;
  timezone: string;
  rateLimit: number | null;
  adminToken: string | null;
  engine: 'on' | 'off';
  accessKeyId: string | null;
  accessKeySecret: string | null;
  logLevel: string;
  /** null = pretty on a terminal, json otherwise (decided in main.ts, which sees stdout). */
  logFormat: 'pretty' | 'json' | null;
  /** Engine clock (DECISIONS D6): system, scaled:N or manual. */
  clock: { mode: ClockMode; rate: number };
  /** Daily window [open, close) in minutes after local midnight; null = any time (D7). */
  callingHours: CallingHours | null;
  /** Fen per started minute of an answered call (D7). */
  pricePerMinute: number;
  carrierSeed: number;
  carrierTiming: 'realistic' | 'zero';
  carrierLedger: string | null;
  /** Calls in flight at once, per task and per account; calls started per engine-clock second, per account. */
  taskConcurrency: number;
  accountConcurrency: number;
  callsPerSecond: number;
}

export type ConfigFlags = Partial<Record<keyof Config, string | number | undefined>>;

const ENV: Record<keyof Config, string> = {
  port: 'ROBOTCALL_PORT', host: 'ROBOTCALL_HOST', dataDir: 'ROBOTCALL_DATA_DIR', databaseUrl: 'DATABASE_URL',
  auth: 'ROBOTCALL_AUTH', anyKeySecret: 'ROBOTCALL_ANY_KEY_SECRET', publicUrl: 'ROBOTCALL_PUBLIC_URL',
  timezone: 'ROBOTCALL_TIMEZONE', rateLimit: 'ROBOTCALL_RATE_LIMIT', adminToken: 'ROBOTCALL_ADMIN_TOKEN',
  engine: 'ROBOTCALL_ENGINE', accessKeyId: 'ROBOTCALL_ACCESS_KEY_ID', accessKeySecret: 'ROBOTCALL_ACCESS_KEY_SECRET',
  logLevel: 'ROBOTCALL_LOG_LEVEL', logFormat: 'ROBOTCALL_LOG_FORMAT', clock: 'ROBOTCALL_CLOCK', callingHours: 'ROBOTCALL_CALLING_HOURS',
  pricePerMinute: 'ROBOTCALL_PRICE_PER_MINUTE', carrierSeed: 'ROBOTCALL_CARRIER_SEED', carrierTiming: 'ROBOTCALL_CARRIER_TIMING',
  carrierLedger: 'ROBOTCALL_CARRIER_LEDGER', taskConcurrency: 'ROBOTCALL_TASK_CONCURRENCY',
  accountConcurrency: 'ROBOTCALL_ACCOUNT_CONCURRENCY', callsPerSecond: 'ROBOTCALL_CALLS_PER_SECOND',
};

const nullable = (s: z.ZodType<string | null>) => z.union([z.literal('').transform(() => null), s]).nullable().default(null);

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: nullable(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  auth: z.enum(['strict', 'any-key']).default('strict'),
  anyKeySecret: nullable(z.string()),
  publicUrl: nullable(z.string().regex(/^https?:\/\/[^/]+/, 'must be an http(s) URL').transform((u) => u.replace(/\/+$/, ''))),
  timezone: z.string().refine(isValidZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  rateLimit: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]).nullable().default(null),
  adminToken: nullable(z.string()),
  engine: z.enum(['on', 'off']).default('on'),
  accessKeyId: nullable(z.string()),
  accessKeySecret: nullable(z.string()),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  logFormat: z.union([z.literal('').transform(() => null), z.enum(['pretty', 'json'])]).nullable().default(null),
  clock: z.string().default('system').transform((spec, ctx) => parseClockSpec(spec)
    ?? (ctx.addIssue({ code: 'custom', message: 'must be system, manual or scaled:N (N > 0)' }), z.NEVER)),
  callingHours: z.union([z.literal('').transform(() => null), z.string().transform((spec, ctx) => parseCallingHours(spec)
    ?? (ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM, e.g. 08:00-21:00 (21:00-08:00 wraps midnight)' }), z.NEVER))])
    .nullable().default(null),
  pricePerMinute: z.coerce.number().int().min(0).default(0),
  carrierSeed: z.coerce.number().int().default(1),
  carrierTiming: z.enum(['realistic', 'zero']).default('realistic'),
  carrierLedger: nullable(z.string()),
  taskConcurrency: z.coerce.number().int().positive().default(DEFAULT_LIMITS.taskConcurrency),
  accountConcurrency: z.coerce.number().int().positive().default(DEFAULT_LIMITS.accountConcurrency),
  callsPerSecond: z.coerce.number().positive().default(DEFAULT_LIMITS.callsPerSecond),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV) as Array<keyof Config>) {
    const value = flags[key] ?? env[ENV[key]];
    if (value !== undefined) raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path[0] as keyof Config;
    throw new ConfigError(`invalid ${key} (--${kebab(key)} / ${ENV[key]}): ${issue.message}`);
  }
  const config = parsed.data as Config;
  if ((config.accessKeyId === null) !== (config.accessKeySecret === null)) {
    throw new ConfigError('ROBOTCALL_ACCESS_KEY_ID and ROBOTCALL_ACCESS_KEY_SECRET must be set together');
  }
  return config;
}

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
