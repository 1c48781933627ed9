// `robotcall serve` as a child process whose log lines a test reads: on a manual clock and a fresh
// store, stopped and the store removed when the test ends.
import { rmSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { robotcall, type CliProcess } from './process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from './test-server.js';

export type Line = Record<string, unknown>;

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };

/** A server for one test, stopped and its store removed when that test ends. */
export async function serve(t: TestContext, flags: string[]): Promise<{ p: CliProcess; port: number }> {
  const db = usePostgres ? await freshDatabase() : null;
  const dir = usePostgres ? null : await freshDataDir();
  const store = db ? ['--database-url', db.url] : ['--data-dir', dir!];
  const p = robotcall(['serve', '--port', '0', '--clock', 'manual', ...store, ...flags], KEY_ENV);
  t.after(async () => {
    p.child.kill('SIGKILL');
    await p.exited();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });
  return { p, port: Number(new URL(await p.ready()).port) };
}

/** The JSON lines the process has written to stdout so far. */
export const jsonLines = (p: CliProcess): Line[] => p.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);

/** Lines are written asynchronously: waits until `pick` finds what it needs. */
export async function waitFor<T>(pick: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = pick();
    if (found !== undefined) return found;
    await sleep(25);
  }
  throw new Error(`no ${what} in the log`);
}
