import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { client } from '../support/clients.js';
import { robotcall } from '../support/process.js';
import { TEST_KEY, freshDataDir, startTestServer, templateDir, usePostgres } from '../support/test-server.js';
import { openPglite } from '../../src/store/pglite.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const SKIP = usePostgres && 'embedded only';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

/** `serve` on the dir until it exits, or until it is ready (then it is stopped: it should not have started). */
async function serveOutcome(dir: string): Promise<{ started: boolean; code: number | null; stderr: string }> {
  const p = robotcall(['serve', '--port', '0', '--engine', 'off', '--data-dir', dir], KEY_ENV);
  // Whatever an assertion does later, the process does not outlive the test.
  const stuck = setTimeout(() => p.child.kill('SIGKILL'), 90_000);
  cleanups.push(() => { p.child.kill('SIGKILL'); });
  const started = await p.ready().then(() => true, () => false);
  if (started) p.child.kill('SIGTERM');
  const code = await p.exited();
  clearTimeout(stuck);
  return { started, code, stderr: p.stderr() };
}

async function expectRefused(dir: string, message: RegExp) {
  const r = await serveOutcome(dir);
  assert.equal(r.started, false, 'it must not start');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^robotcall: [^\n]+\n$/, `one line, no stack:\n${r.stderr}`);
  assert.match(r.stderr, message);
}

async function dirWithTasks(names: string[]): Promise<string> {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const s = await startTestServer({ dataDir: dir, flags: { engine: 'off' } });
  const call = client('openapi-v3', s);
  for (const TaskName of names) await call('CreateRobotTask', { TaskName, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 });
  await s.close();
  return dir;
}

async function fileOf(dir: string, relation: string): Promise<string> {
  const db = await openPglite(path.join(dir, 'pglite'));
  const [row] = await db.query<{ p: string }>('select pg_relation_filepath($1) as p', [relation]);
  await db.close();
  return path.join(dir, 'pglite', row!.p);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a table file cut short is refused at start, naming the data dir, the table and what to do', { skip: SKIP }, async () => {
  const dir = await dirWithTasks(['one', 'two', 'three']);
  truncateSync(await fileOf(dir, 'tasks'), 0);
  await expectRefused(dir, new RegExp(`data dir ${escape(dir)} is damaged: table tasks has 0 rows, 3 when it was last closed cleanly.*restore it from a backup, or move it aside`));
});

test('after a clean stop the counts match and it starts; after a crash only readability is checked', { skip: SKIP }, async () => {
  const dir = await dirWithTasks(['kept']);
  const again = await serveOutcome(dir);
  assert.equal(again.started, true, again.stderr);
  assert.equal(again.code, 0, `a SIGTERM after the ready line is a clean stop:\n${again.stderr}`);
  const crashed = robotcall(['serve', '--port', '0', '--engine', 'off', '--data-dir', dir], KEY_ENV);
  cleanups.push(() => { crashed.child.kill('SIGKILL'); });
  await crashed.ready();
  crashed.child.kill('SIGKILL');
  await crashed.exited();
  const afterCrash = await serveOutcome(dir);
  assert.equal(afterCrash.started, true, afterCrash.stderr);
});

test('a damaged catalog or log is one line naming the data dir and what to do', { skip: SKIP }, async () => {
  const catalog = await freshDataDir();
  cleanups.push(() => rmSync(catalog, { recursive: true, force: true }));
  truncateSync(await fileOf(catalog, 'pg_class'), 0);
  await expectRefused(catalog, new RegExp(`data dir ${escape(catalog)} cannot be read as a robotcall store .*restore it from a backup, or move it aside`));

  const wal = await freshDataDir();
  cleanups.push(() => rmSync(wal, { recursive: true, force: true }));
  const walDir = path.join(wal, 'pglite', 'pg_wal');
  for (const f of readdirSync(walDir).filter((f) => /^[0-9A-F]{24}$/.test(f))) writeFileSync(path.join(walDir, f), Buffer.alloc(1000, 1));
  await expectRefused(wal, new RegExp(`data dir ${escape(wal)} cannot be read as a robotcall store`));
});

/** Runs `mount`; says why not when this machine does not allow it. */
function mount(t: TestContext, args: string[], target: string): boolean {
  try {
    execFileSync('mount', [...args, target], { stdio: 'pipe' });
  } catch (err) {
    t.skip(`mounting is not permitted here (${String((err as { stderr?: Buffer }).stderr ?? err).trim()}); this test needs root or CAP_SYS_ADMIN`);
    return false;
  }
  cleanups.push(() => { execFileSync('umount', ['-l', target]); });
  return true;
}

test('a read-only data dir says so in plain words', { skip: (SKIP || process.platform !== 'linux') && 'embedded, Linux' }, async (t) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-ro-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const source = path.join(root, 'source');
  const dir = path.join(root, 'data');
  cpSync(await templateDir(), source, { recursive: true });
  mkdirSync(dir);
  if (!mount(t, ['--bind', '-o', 'ro', source], dir)) return;
  await expectRefused(dir, new RegExp(`data dir ${escape(dir)} is on a read-only file system`));
});

test('a full disk says so in plain words', { skip: (SKIP || process.platform !== 'linux') && 'embedded, Linux' }, async (t) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-full-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  // 2 MB: a fresh store needs about 40.
  if (!mount(t, ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], root)) return;
  const dir = path.join(root, 'data');
  await expectRefused(dir, new RegExp(`data dir ${escape(dir)}: the disk is full`));
});
