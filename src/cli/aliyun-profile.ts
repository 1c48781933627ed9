// Credentials from a profile of the `aliyun` CLI's own config file, so people reuse the key they already
// configured. The file is what `aliyun configure` writes, `~/.aliyun/config.json`: `{"current": NAME,
// "profiles": [{"name", "mode", "access_key_id", "access_key_secret", "region_id", ...}]}`. The aliyun
// CLI takes another file only from its own `--config-path` flag (no environment variable), and the
// profile from `--profile`, else ALIBABACLOUD_PROFILE / ALIBABA_CLOUD_PROFILE / ALICLOUD_PROFILE, else
// `current`; robotcall does the same.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ProfileKey { accessKeyId: string; accessKeySecret: string; source: string }

/** The aliyun CLI's config file under a home directory. */
export const aliyunConfigPath = (home: string) => path.join(home, '.aliyun', 'config.json');

/** A config file is a handful of profiles: anything near this size is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The key of profile `name` (else the file's `current`), or null when the file does not exist and
 * `required` is false. A profile that is missing, not of mode AK, or without a key is refused, naming why.
 */
export function readAliyunProfile(file: string, name: string | undefined, required: boolean): ProfileKey | null {
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) throw new Error(`${file} is over 1 MiB: not an aliyun CLI config`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT' && !required) return null;
    throw new Error(`cannot read the aliyun CLI config ${file}: ${(err as Error).message}`, { cause: err });
  }
  let config: { current?: unknown; profiles?: unknown };
  try {
    config = JSON.parse(text) as typeof config;
  } catch {
    throw new Error(`${file} is not JSON: not an aliyun CLI config`);
  }
  const profiles = Array.isArray(config?.profiles) ? config.profiles as Array<Record<string, unknown>> : [];
  const wanted = name ?? (typeof config?.current === 'string' && config.current !== '' ? config.current : 'default');
  const profile = profiles.find((p) => p !== null && typeof p === 'object' && p.name === wanted);
  if (!profile) {
    const names = profiles.map((p) => p?.name).filter((n) => typeof n === 'string');
    throw new Error(`no profile "${wanted}" in ${file}${names.length ? ` (it has ${names.join(', ')})` : ''}`);
  }
  const mode = typeof profile.mode === 'string' ? profile.mode : '';
  // The aliyun CLI reads modes in any case (NormalizeMode); every other mode needs an STS or OAuth
  // exchange with Alibaba's own services, which a robotcall server does not stand in for.
  if (mode.toLowerCase() !== 'ak') {
    throw new Error(`profile "${wanted}" in ${file} is of mode ${mode || '(none)'}; robotcall reads AK profiles only `
      + '(`aliyun configure --mode AK --profile NAME`), or give --access-key-id and --access-key-secret');
  }
  const id = profile.access_key_id;
  const secret = profile.access_key_secret;
  if (typeof id !== 'string' || id === '' || typeof secret !== 'string' || secret === '') {
    throw new Error(`profile "${wanted}" in ${file} has no access_key_id and access_key_secret`);
  }
  return { accessKeyId: id, accessKeySecret: secret, source: `profile "${wanted}" of ${file}` };
}
