// Recordings of answered SIP calls, as the call APIs show them (docs/decisions.md D15): `recordFile`
// is a URL signed with a key the store keeps (every serve on one database shares it), valid 48 hours
// from the response (as Alibaba's is); `recordStatus` 1 while the file is there. The files live in
// `<recordings dir>/<task id>/<call id>.wav`; a task's go when it is deleted, and all of them after
// the retention days when those are set.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { storedKey } from './stored-key.js';
import type { Store } from '../store/store.js';

export const LINK_LIFETIME_S = 48 * 3600;
const KEY_SETTING = 'recording_link_key';

export interface RecordingLinks {
  /** The recording's signed URL under `base`, or null when there is none. */
  url(base: string, taskId: number, callId: number): string | null;
  /** The file a signed request names, or why not. */
  resolve(taskId: number, callId: number, expires: number, signature: string): Promise<{ file: string } | { refused: 'expired' | 'signature' | 'missing' }>;
  /** Removes a task's recordings (the task was deleted). */
  removeTask(taskId: number): Promise<void>;
  /** Removes every recording (reset). */
  removeAll(): Promise<void>;
  /** Removes recordings older than `days`; how many. */
  sweep(days: number): Promise<number>;
}

export async function recordingLinks(store: Store, dir: string, wallNow: () => number): Promise<RecordingLinks> {
  let key = await loadKey(store);
  let reloadedAt = -Infinity;
  const fileOf = (taskId: number, callId: number) => path.join(dir, String(taskId), `${callId}.wav`);
  const sign = (k: string, taskId: number, callId: number, expires: number) =>
    createHmac('sha256', k).update(`${taskId}/${callId}.wav:${expires}`).digest('hex');
  const matches = (k: string, taskId: number, callId: number, expires: number, signature: string) => {
    const want = Buffer.from(sign(k, taskId, callId, expires), 'hex');
    const got = Buffer.from(signature, 'hex');
    return got.length === want.length && timingSafeEqual(got, want);
  };
  return {
    url(base, taskId, callId) {
      if (!existsSync(fileOf(taskId, callId))) return null;
      const expires = Math.floor(wallNow() / 1000) + LINK_LIFETIME_S;
      return `${base}/recordings/${taskId}/${callId}.wav?Expires=${expires}&Signature=${sign(key, taskId, callId, expires)}`;
    },
    async resolve(taskId, callId, expires, signature) {
      if (!matches(key, taskId, callId, expires, signature)) {
        // Another serve may have made the key at the same start: the stored one is the one in force.
        // Read again at most every 10 s, so bad links cannot make a read of the store each.
        if (wallNow() - reloadedAt < 10_000) return { refused: 'signature' };
        reloadedAt = wallNow();
        key = await loadKey(store);
        if (!matches(key, taskId, callId, expires, signature)) return { refused: 'signature' };
      }
      if (expires * 1000 < wallNow()) return { refused: 'expired' };
      const file = fileOf(taskId, callId);
      return existsSync(file) ? { file } : { refused: 'missing' };
    },
    removeTask: (taskId) => rm(path.join(dir, String(taskId)), { recursive: true, force: true }),
    async removeAll() {
      for (const entry of await readdir(dir).catch(() => [])) {
        if (/^\d+$/.test(entry)) await rm(path.join(dir, entry), { recursive: true, force: true });
      }
    },
    async sweep(days) {
      const before = wallNow() - days * 86_400_000;
      let removed = 0;
      for (const task of await readdir(dir).catch(() => [])) {
        if (!/^\d+$/.test(task)) continue;
        for (const name of await readdir(path.join(dir, task)).catch(() => [])) {
          const file = path.join(dir, task, name);
          const info = await stat(file).catch(() => null);
          if (info && info.mtimeMs < before && name.endsWith('.wav')) {
            await rm(file, { force: true });
            removed++;
          }
        }
      }
      return removed;
    },
  };
}

const loadKey = (store: Store) => storedKey(store, KEY_SETTING);

/** Every hour (and once at start), recordings older than `days` go; 0 keeps them until their task is deleted. */
export function sweepRecordings(links: RecordingLinks, days: number, onError: (err: unknown) => void): { stop(): void } {
  if (days === 0) return { stop: () => {} };
  const run = () => void links.sweep(days).catch(onError);
  run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
