// The options every API command (`call`, `tasks`, `import`, `export`) takes: where the server is, which
// key signs, and how. Credentials, first match wins (README "CLI: API commands"):
//   1. --profile NAME: that aliyun CLI profile (of --config-path, default ~/.aliyun/config.json);
//   2. else the id and the secret each from its flag, ROBOTCALL_ACCESS_KEY_ID / _SECRET, or
//      ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (what Alibaba's SDKs and tools read);
//   3. else the aliyun CLI profile named by ALIBABA_CLOUD_PROFILE (or its aliases), else that file's current one.
import { InvalidArgumentError, Option, type Command } from 'commander';
import os from 'node:os';
import { apiClientEnv, type ApiClientEnv } from '../config.js';
import { aliyunConfigPath, readAliyunProfile, type ProfileKey } from './aliyun-profile.js';
import { rpcClient, type HttpMethod, type RpcCall, type SignatureVersion } from './rpc-client.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';

export interface ApiFlags {
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  profile?: string;
  configPath?: string;
  signature?: SignatureVersion;
  timeout?: number;
}

export interface ApiClient {
  call: RpcCall;
  endpoint: URL;
  /** Where the key came from, for messages (never the secret). */
  keySource: string;
}

/** Adds the API options to a command. */
export function withApiOptions(command: Command): Command {
  return command
    .option('--endpoint <url>', `the robotcall server (env ROBOTCALL_ENDPOINT; default ${DEFAULT_ENDPOINT})`, (v: string) => { endpointOption(v); return v; })
    .option('--access-key-id <id>', 'AccessKeyId (env ROBOTCALL_ACCESS_KEY_ID or ALIBABA_CLOUD_ACCESS_KEY_ID)')
    .option('--access-key-secret <secret>', 'its secret (better the env ROBOTCALL_ACCESS_KEY_SECRET: a flag shows in the process list)')
    .option('--profile <name>', 'use this profile of the aliyun CLI\'s config (mode AK)')
    .option('--config-path <file>', 'the aliyun CLI config to read profiles from (default ~/.aliyun/config.json)')
    .addOption(new Option('--signature <version>', 'v1 (HMAC-SHA1, as pop-core) or v3 (ACS3-HMAC-SHA256, as openapi-client)').choices(['v1', 'v3']).default('v3'))
    .option('--timeout <seconds>', 'seconds to wait for each answer, 1-600 (default 60)', secondsOption(1, 600));
}

/** A client for the flags and the environment; `method` is how every request is sent. */
export function apiClient(flags: ApiFlags, method: HttpMethod, env: ApiClientEnv = apiClientEnv()): ApiClient {
  let endpoint: URL;
  try {
    endpoint = endpointOption(flags.endpoint ?? env.ROBOTCALL_ENDPOINT ?? DEFAULT_ENDPOINT);
  } catch (err) {
    throw new Error(`invalid endpoint (ROBOTCALL_ENDPOINT): ${(err as Error).message}`, { cause: err });
  }
  const key = credentials(flags, env);
  const call = rpcClient({
    endpoint, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, signature: flags.signature ?? 'v3', method,
    timeoutMs: (flags.timeout ?? 60) * 1000,
  });
  return { call, endpoint, keySource: key.source };
}

function credentials(flags: ApiFlags, env: ApiClientEnv): ProfileKey {
  const configFile = flags.configPath ?? aliyunConfigPath(env.HOME ?? os.homedir());
  if (flags.profile !== undefined) {
    if (flags.accessKeyId !== undefined || flags.accessKeySecret !== undefined) {
      throw new Error('give either --profile or --access-key-id / --access-key-secret, not both');
    }
    return readAliyunProfile(configFile, flags.profile, true)!;
  }
  const id = pick([flags.accessKeyId, '--access-key-id'], [env.ROBOTCALL_ACCESS_KEY_ID, 'ROBOTCALL_ACCESS_KEY_ID'], [env.ALIBABA_CLOUD_ACCESS_KEY_ID, 'ALIBABA_CLOUD_ACCESS_KEY_ID']);
  const secret = pick([flags.accessKeySecret, '--access-key-secret'], [env.ROBOTCALL_ACCESS_KEY_SECRET, 'ROBOTCALL_ACCESS_KEY_SECRET'], [env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET']);
  if (id && secret) return { accessKeyId: id.value, accessKeySecret: secret.value, source: id.from === secret.from.replace('SECRET', 'ID') ? id.from : `${id.from} and ${secret.from}` };
  if (id || secret) {
    const [given, missing] = id ? [id.from, 'an access key secret'] : [secret!.from, 'an access key id'];
    throw new Error(`${given} is set but ${missing} is not: give both (--access-key-id / --access-key-secret, or their variables)`);
  }
  const profile = env.ALIBABACLOUD_PROFILE ?? env.ALIBABA_CLOUD_PROFILE ?? env.ALICLOUD_PROFILE;
  const key = readAliyunProfile(configFile, profile, flags.configPath !== undefined || profile !== undefined);
  if (key) return key;
  throw new Error('no access key: give --access-key-id and --access-key-secret, set ROBOTCALL_ACCESS_KEY_ID and '
    + `ROBOTCALL_ACCESS_KEY_SECRET, or name an AK profile of the aliyun CLI with --profile (${configFile} does not exist)`);
}

function pick(...sources: Array<[string | undefined, string]>): { value: string; from: string } | null {
  for (const [value, from] of sources) if (value !== undefined && value !== '') return { value, from };
  return null;
}

/** An http(s) URL of the server's root; `host:port` alone means http. */
export function endpointOption(value: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch { /* reported below */ }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new InvalidArgumentError('must be an http:// or https:// URL of a robotcall server, e.g. http://127.0.0.1:8080');
  }
  // The RPC endpoint is `/`: a path would be signed as `/` and sent elsewhere.
  if (url.pathname !== '/' || url.search || url.hash) throw new InvalidArgumentError('must be the server\'s root URL, without a path or query (the API is served at /)');
  return url;
}

/** A number of seconds within bounds, for commander. */
export function secondsOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n >= min && n <= max)) throw new InvalidArgumentError(`must be a number of seconds from ${min} to ${max}`);
    return n;
  };
}
