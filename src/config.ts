// loadConfig(env, flags) → Config: the only reader of process.env. Every option is also a CLI flag;
// flags win over the environment, which wins over the defaults below.
import { z } from 'zod';
import { isValidZone } from './domain/zoned-time.js';

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
}

export type ConfigFlags = Partial<Record<keyof Config, string | number | undefined>>;

const ENV: Record<keyof Config, string> = {
  port: 'ROBOTCALL_PORT', host: 'ROBOTCALL_HOST', dataDir: 'ROBOTCALL_DATA_DIR', databaseUrl: 'DATABASE_URL',
  auth: 'ROBOTCALL_AUTH', anyKeySecret: 'ROBOTCALL_ANY_KEY_SECRET', publicUrl: 'ROBOTCALL_PUBLIC_URL',
  timezone: 'ROBOTCALL_TIMEZONE', rateLimit: 'ROBOTCALL_RATE_LIMIT', adminToken: 'ROBOTCALL_ADMIN_TOKEN',
  engine: 'ROBOTCALL_ENGINE', accessKeyId: 'ROBOTCALL_ACCESS_KEY_ID', accessKeySecret: 'ROBOTCALL_ACCESS_KEY_SECRET',
  logLevel: 'ROBOTCALL_LOG_LEVEL',
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
