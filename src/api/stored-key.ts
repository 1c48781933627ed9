// A server key kept in the store's settings, made on first use: every serve on one database signs
// with the same one (recording links, console sessions).
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/** The key under `setting`; when two serves make one at the same start, the one stored last is read back by both. */
export async function storedKey(store: Store, setting: string): Promise<string> {
  const stored = await store.readSetting<string>(setting);
  if (stored) return stored;
  await store.writeSetting(setting, randomBytes(32).toString('hex'));
  return (await store.readSetting<string>(setting))!;
}
