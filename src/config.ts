// loadConfig(env, flags) → Config: the only reader of process.env. Every option is also a CLI flag;
// flags win over the environment, which wins over the defaults below.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ACCESS_KEY_ID } from './api/key-resolver.js';
import { SCALED_RATE, usableClockSpec, type ClockMode } from './clock.js';
import { MAX_PRICE_PER_MINUTE_FEN } from './domain/billing.js';
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
  /**
   * Engine clock (docs/decisions.md D6): system, scaled:N or manual. null = not given: serve runs the
   * system clock, a worker follows the clock the store holds (docs/decisions.md D14).
   */
  clock: { mode: ClockMode; rate: number } | null;
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
  /** Wall-clock ms the simulated carrier takes to answer a dial (as a real carrier's network would). */
  carrierLatency: number;
  /** Seconds a stopping process lets calls in flight end before it releases their leases. */
  grace: number;
  /** Seconds an attempt may wait for the carrier's answer without its owner renewing it (docs/decisions.md D14). */
  engineLease: number;
  /** Seconds between an idle engine's passes when no NOTIFY wakes it. */
  enginePoll: number;
  /** Embedded store: the most requests remembered for replay protection before Throttling. */
  maxNonces: number;
  /** Who places the calls (docs/decisions.md D8, D15). */
  carrier: 'simulated' | 'sip';
  /** The SIP trunk (`sip:HOST[:PORT]`, port 5060 by default) and how robotcall reaches it. */
  sipTrunk: { host: string; port: number } | null;
  sipTransport: 'udp' | 'tcp';
  sipUsername: string | null;
  sipPassword: string | null;
  /** The address robotcall binds for SIP and RTP and writes into Via, Contact and SDP. */
  sipLocalAddress: string;
  sipPort: number;
  rtpPorts: { from: number; to: number };
  /** Seconds a call may ring before robotcall gives up (CANCEL: no answer). */
  ringTimeout: number;
  /** Seconds the robot waits for a reply after an ask before taking it as no input. */
  inputTimeout: number;
  /** Where answered SIP calls are recorded; null: `recordings` in the data dir. */
  recordingsDir: string | null;
  /** Days a recording is kept; 0: until its task is deleted. */
  recordingRetentionDays: number;
  /** Speech recognition endpoint (docs/decisions.md D15); null: the callee answers by keys only. */
  asrUrl: string | null;
  /** Longest wait between tries of a receipt batch, seconds (docs/decisions.md D16). */
  receiptMaxBackoff: number;
  /** Hours a receipt batch is retried after its first try. */
  receiptRetryHours: number;
  /** `worker` only: the port its /metrics is served on (README "Metrics"); null: none. */
  metricsPort: number | null;
  /** `worker` only: the address that port is bound to. */
  metricsHost: string;
  /** How far V8 lets the heap grow past what a full collection left, percent; 0: V8's own rule (src/cli/heap-growth.ts). */
  heapGrowingPercent: number;
}

/**
 * A request is remembered for replay protection while its signed timestamp is in the window, about
 * 16 minutes; 4,000,000 is a sustained ~4,200 requests/s, at 16-32 bytes each in memory (≤ 128 MB)
 * and 8 on disk (≤ 32 MB). Alibaba's own limit is 100 requests/s per account and API.
 */
export const DEFAULT_MAX_NONCES = 4_000_000;

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
  carrierLatency: 'ROBOTCALL_CARRIER_LATENCY', grace: 'ROBOTCALL_GRACE', engineLease: 'ROBOTCALL_ENGINE_LEASE',
  enginePoll: 'ROBOTCALL_ENGINE_POLL', maxNonces: 'ROBOTCALL_MAX_NONCES',
  carrier: 'ROBOTCALL_CARRIER', sipTrunk: 'ROBOTCALL_SIP_TRUNK', sipTransport: 'ROBOTCALL_SIP_TRANSPORT',
  sipUsername: 'ROBOTCALL_SIP_USERNAME', sipPassword: 'ROBOTCALL_SIP_PASSWORD', sipLocalAddress: 'ROBOTCALL_SIP_LOCAL_ADDRESS',
  sipPort: 'ROBOTCALL_SIP_PORT', rtpPorts: 'ROBOTCALL_RTP_PORTS', ringTimeout: 'ROBOTCALL_RING_TIMEOUT',
  inputTimeout: 'ROBOTCALL_INPUT_TIMEOUT', recordingsDir: 'ROBOTCALL_RECORDINGS_DIR', recordingRetentionDays: 'ROBOTCALL_RECORDING_RETENTION_DAYS',
  asrUrl: 'ROBOTCALL_ASR_URL', receiptMaxBackoff: 'ROBOTCALL_RECEIPT_MAX_BACKOFF', receiptRetryHours: 'ROBOTCALL_RECEIPT_RETRY_HOURS',
  metricsPort: 'ROBOTCALL_METRICS_PORT', metricsHost: 'ROBOTCALL_METRICS_HOST', heapGrowingPercent: 'ROBOTCALL_HEAP_GROWING_PERCENT',
};

// Grouped from six digits on (100,000), where counting zeros gets hard; ports stay 65535.
const fmt = (n: number) => (n >= 100_000 ? n.toLocaleString('en-US') : String(n));

/** An integer in [min, max]; one message giving the range, whatever was wrong with the value. */
const integer = (min: number, max: number) => z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  ctx.addIssue({ code: 'custom', message: `must be an integer from ${fmt(min)} to ${fmt(max)}` });
  return z.NEVER;
});

const decimal = (min: number, max: number) => z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (n >= min && n <= max) return n;
  ctx.addIssue({ code: 'custom', message: `must be a number from ${fmt(min)} to ${fmt(max)}` });
  return z.NEVER;
});

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** `''` counts as unset, so `ROBOTCALL_X=` turns an option off; the inner schema's message stays its own. */
const nullable = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? null : v), s.nullable()).default(null);

/** An http(s) base URL without query or fragment; a trailing slash is dropped. */
const baseUrl = z.string().transform((text, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch { /* reported below */ }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.search && !url.hash) return text.replace(/\/+$/, '');
  ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL (a path is kept, no query), e.g. https://robotcall.example.com' });
  return z.NEVER;
});

// Ranges (README "Configuration"). Their reasons: concurrency and pace reach 100,000 and 1,000,000
// in bench/engine.ts, which sets them out of the way; the clock's are in clock.ts (SCALED_RATE);
// 0.01 calls/s is one call every 100 s. The seed is hashed as text, any 32-bit value will do;
// 100,000 fen is 1,000 yuan a minute.

const schema = z.object({
  port: integer(0, 65535).default(8080),
  host: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  dataDir: z.string().min(1, 'must not be empty').default('./data'),
  databaseUrl: nullable(z.string().regex(/^postgres(ql)?:\/\/./, 'must be a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/robotcall')),
  auth: oneOf(['strict', 'any-key']).default('strict'),
  anyKeySecret: nullable(z.string()),
  publicUrl: nullable(baseUrl),
  timezone: z.string().refine(isValidZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  rateLimit: nullable(integer(1, 1_000_000)),
  adminToken: nullable(z.string()),
  engine: oneOf(['on', 'off']).default('on'),
  accessKeyId: nullable(z.string().regex(ACCESS_KEY_ID, 'must be 1-64 characters of A-Z a-z 0-9 . _ -')),
  accessKeySecret: nullable(z.string()),
  logLevel: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  logFormat: nullable(oneOf(['pretty', 'json'])),
  clock: nullable(z.string().transform((spec, ctx) => {
    const clock = usableClockSpec(spec);
    if (clock) return clock;
    ctx.addIssue({ code: 'custom', message: `must be system, manual or scaled:N with N a number from ${fmt(SCALED_RATE.min)} to ${fmt(SCALED_RATE.max)}` });
    return z.NEVER;
  })),
  callingHours: nullable(z.string().transform((spec, ctx) => parseCallingHours(spec)
    ?? (ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM with two-digit hours and minutes, e.g. 08:00-21:00 (21:00-08:00 wraps midnight)' }), z.NEVER))),
  pricePerMinute: integer(0, MAX_PRICE_PER_MINUTE_FEN).default(0),
  carrierSeed: integer(0, 4_294_967_295).default(1),
  carrierTiming: oneOf(['realistic', 'zero']).default('realistic'),
  carrierLedger: nullable(z.string()),
  taskConcurrency: integer(1, 100_000).default(DEFAULT_LIMITS.taskConcurrency),
  accountConcurrency: integer(1, 100_000).default(DEFAULT_LIMITS.accountConcurrency),
  callsPerSecond: decimal(0.01, 1_000_000).default(DEFAULT_LIMITS.callsPerSecond),
  // A minute of latency is a slow trunk's worst; an hour of grace or lease outlasts any call.
  carrierLatency: integer(0, 60_000).default(0),
  grace: integer(0, 3_600).default(10),
  // Renewed every third of it: 2 s is still several round trips to a database.
  engineLease: integer(2, 3_600).default(30),
  enginePoll: decimal(0.05, 60).default(1),
  // The ceiling keeps one bucket's table within 2^28 slots (fingerprint-set.ts shifts 32-bit words).
  maxNonces: integer(1, 100_000_000).default(DEFAULT_MAX_NONCES),
  carrier: oneOf(['simulated', 'sip']).default('simulated'),
  sipTrunk: nullable(z.string().transform((text, ctx) => {
    const m = /^(?:sip:)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text.trim());
    const port = m?.[2] === undefined ? 5060 : Number(m[2]);
    if (m && port >= 1 && port <= 65535) return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
    ctx.addIssue({ code: 'custom', message: 'must be sip:HOST or sip:HOST:PORT, e.g. sip:trunk.example.com:5060' });
    return z.NEVER;
  })),
  sipTransport: oneOf(['udp', 'tcp']).default('udp'),
  sipUsername: nullable(z.string().min(1).max(128)),
  sipPassword: nullable(z.string().max(256)),
  sipLocalAddress: z.string().refine((a) => isIP(a) !== 0 && a !== '0.0.0.0' && a !== '::', 'must be an IP address of this host as the trunk reaches it (not a host name, not a wildcard)').default('127.0.0.1'),
  sipPort: integer(0, 65535).default(5060),
  rtpPorts: z.string().transform((text, ctx) => {
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
    const [from, to] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (m && from >= 1024 && to <= 65535 && to - from >= 1) return { from, to };
    ctx.addIssue({ code: 'custom', message: 'must be FROM-TO with 1024 <= FROM < TO <= 65535, e.g. 20000-20999 (one call takes two ports)' });
    return z.NEVER;
  }).default({ from: 20_000, to: 20_999 }),
  ringTimeout: integer(1, 600).default(60),
  inputTimeout: integer(1, 60).default(5),
  recordingsDir: nullable(z.string().min(1)),
  recordingRetentionDays: integer(0, 3650).default(0),
  asrUrl: nullable(z.string().transform((text, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch { /* reported below */ }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return text;
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL, e.g. http://127.0.0.1:9000/recognize' });
    return z.NEVER;
  })),
  // Up to an hour between tries; a month of retrying outlasts any receiver's planned downtime.
  receiptMaxBackoff: integer(1, 3_600).default(600),
  receiptRetryHours: decimal(0.01, 720).default(24),
  metricsPort: nullable(integer(0, 65535)),
  metricsHost: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  // V8's own rule lets a heap grow to four times what it kept, its own ceiling; 1,000 is past any use.
  heapGrowingPercent: integer(0, 1_000).default(50),
});

export class ConfigError extends Error {}

/** Options set only through the environment (a secret has no business in a process listing). */
const ENV_ONLY: ReadonlySet<keyof Config> = new Set(['accessKeyId', 'accessKeySecret']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV) as Array<keyof Config>) {
    // DATABASE_URL is the common name; ROBOTCALL_DATABASE_URL wins, for a shell where DATABASE_URL means another app's database.
    const value = flags[key] ?? (key === 'databaseUrl' ? env.ROBOTCALL_DATABASE_URL ?? env[ENV[key]] : env[ENV[key]]);
    if (value !== undefined) raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path[0] as keyof Config;
    const names = ENV_ONLY.has(key) ? ENV[key] : `--${kebab(key)} / ${ENV[key]}`;
    throw new ConfigError(`invalid ${kebab(key).replace(/-/g, ' ')} (${names}): ${issue.message}`);
  }
  const config = parsed.data as Config;
  if ((config.accessKeyId === null) !== (config.accessKeySecret === null)) {
    throw new ConfigError('ROBOTCALL_ACCESS_KEY_ID and ROBOTCALL_ACCESS_KEY_SECRET must be set together');
  }
  if (config.carrier === 'sip' && config.sipTrunk === null) {
    throw new ConfigError('--carrier sip needs the trunk to dial through: --sip-trunk sip:HOST[:PORT] / ROBOTCALL_SIP_TRUNK');
  }
  if ((config.sipUsername === null) !== (config.sipPassword === null)) {
    throw new ConfigError('--sip-username and --sip-password (ROBOTCALL_SIP_USERNAME, ROBOTCALL_SIP_PASSWORD) must be set together');
  }
  return config;
}

/** A server the CLI's admin commands reach by address, with the token its admin API wants (README "CLI"). */
export interface AdminEndpoint { url: string; token: string | null }

/** The flags that decide where a CLI command goes: a server's address, or a store (a data dir, a database). */
export interface TargetFlags { url?: string; adminToken?: string; dataDir?: string; databaseUrl?: string }

/** Ample for any address a person types; the token as sent in one header line. */
export const ADMIN_URL_MAX = 2_000;
export const ADMIN_TOKEN_MAX = 4_096;

const adminUrl = z.string().max(ADMIN_URL_MAX, `must be at most ${fmt(ADMIN_URL_MAX)} characters`).pipe(baseUrl);
// fetch sends a header value as bytes: visible ASCII and spaces, which every shell can pass too.
const adminToken = z.string().regex(/^[\x20-\x7e]+$/, 'must be visible ASCII characters (and spaces)')
  .max(ADMIN_TOKEN_MAX, `must be at most ${fmt(ADMIN_TOKEN_MAX)} characters`);

/**
 * The server a CLI command names by address, or null when it names a store instead. `--url` wins;
 * a `--data-dir` or `--database-url` flag beats `ROBOTCALL_URL`, which beats the store variables
 * (flags win over the environment, as for every option). `--url` beside a store flag is refused:
 * one of them would be ignored.
 */
export function adminEndpointOf(env: NodeJS.ProcessEnv = process.env, flags: TargetFlags = {}): AdminEndpoint | null {
  const storeFlag = flags.dataDir !== undefined ? '--data-dir' : flags.databaseUrl !== undefined ? '--database-url' : null;
  if (flags.url !== undefined && storeFlag) {
    throw new ConfigError(`--url names a server and ${storeFlag} a store: give one of them`);
  }
  const url = flags.url ?? (storeFlag ? undefined : env.ROBOTCALL_URL || undefined);
  if (url === undefined) return null;
  const parsedUrl = adminUrl.safeParse(url);
  if (!parsedUrl.success) throw new ConfigError(`invalid url (--url / ROBOTCALL_URL): ${parsedUrl.error.issues[0]!.message}`);
  const token = flags.adminToken ?? (env.ROBOTCALL_ADMIN_TOKEN || undefined);
  if (token === undefined) return { url: parsedUrl.data, token: null };
  const parsedToken = adminToken.safeParse(token);
  if (!parsedToken.success) throw new ConfigError(`invalid admin token (--admin-token / ROBOTCALL_ADMIN_TOKEN): ${parsedToken.error.issues[0]!.message}`);
  return { url: parsedUrl.data, token: parsedToken.data };
}

/** An `--admin-token` flag given beside a data dir: checked like the one --url takes. */
export function adminTokenFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = adminToken.safeParse(value);
  if (!parsed.success) throw new ConfigError(`invalid admin token (--admin-token): ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Where answered SIP calls are recorded (docs/decisions.md D15). */
export const recordingsDirOf = (config: Pick<Config, 'recordingsDir' | 'dataDir'>): string =>
  path.resolve(config.recordingsDir ?? path.join(config.dataDir, 'recordings'));

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The variables the API commands (`call`, `tasks`, `import`, `export`) read, resolved in
 * src/cli/api-options.ts: the endpoint, robotcall's key pair, the pair Alibaba's own tools read, the
 * aliyun CLI's profile variables, and HOME (where that CLI keeps its config). Empty counts as unset.
 */
export const API_CLIENT_ENV = [
  'ROBOTCALL_ENDPOINT', 'ROBOTCALL_ACCESS_KEY_ID', 'ROBOTCALL_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE', 'HOME',
] as const;
export type ApiClientEnv = Partial<Record<(typeof API_CLIENT_ENV)[number], string>>;

export function apiClientEnv(env: NodeJS.ProcessEnv = process.env): ApiClientEnv {
  const picked: ApiClientEnv = {};
  for (const name of API_CLIENT_ENV) if (env[name]) picked[name] = env[name];
  return picked;
}
