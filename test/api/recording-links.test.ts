// Recording links (docs/decisions.md D15) on a real store and real files, with the wall clock moved by
// hand: a link works until its 48 hours pass, for exactly the call it names; the key is the store's
// (a second process on the store signs alike); a task's recordings go with it; the sweep removes only
// what is older than the retention days.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { LINK_LIFETIME_S, recordingLinks } from '../../src/api/recording-links.js';
import type { Database } from '../../src/store/executor.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { openTestDatabase } from '../support/test-server.js';

let db: Database;
let store: Store;
let remove = async () => {};
let dir: string;
let now = Date.UTC(2026, 11, 1);

before(async () => {
  ({ db, remove } = await openTestDatabase());
  await migrate(db);
  store = sqlStore(db);
  dir = mkdtempSync(path.join(tmpdir(), 'robotcall-recordings-'));
});
after(async () => {
  await db.close();
  await remove();
  rmSync(dir, { recursive: true, force: true });
});

const wav = (task: number, call: number) => {
  mkdirSync(path.join(dir, String(task)), { recursive: true });
  const file = path.join(dir, String(task), `${call}.wav`);
  writeFileSync(file, 'RIFF');
  return file;
};
const parts = (url: string) => {
  const u = new URL(url);
  return { expires: Number(u.searchParams.get('Expires')), signature: u.searchParams.get('Signature')! };
};

test('a link names one call, works for 48 hours, and is signed with the store\'s key', async () => {
  const links = await recordingLinks(store, dir, () => now);
  assert.equal(links.url('http://h', 7, 70), null, 'no file, no link');
  const file = wav(7, 70);
  const url = links.url('http://h', 7, 70)!;
  assert.match(url, /^http:\/\/h\/recordings\/7\/70\.wav\?Expires=\d+&Signature=[0-9a-f]{64}$/);
  const { expires, signature } = parts(url);
  assert.equal(expires, now / 1000 + LINK_LIFETIME_S);
  assert.deepEqual(await links.resolve(7, 70, expires, signature), { file });
  assert.deepEqual(await links.resolve(7, 71, expires, signature), { refused: 'signature' }, 'not for another call');
  assert.deepEqual(await links.resolve(7, 70, expires + 1, signature), { refused: 'signature' }, 'nor a later expiry');

  const other = await recordingLinks(store, dir, () => now);
  assert.deepEqual(await other.resolve(7, 70, expires, signature), { file }, 'another process on the store accepts it');

  now += LINK_LIFETIME_S * 1000 + 1000;
  assert.deepEqual(await links.resolve(7, 70, expires, signature), { refused: 'expired' });
});

test("a task's recordings are removed with it; the sweep removes only those older than the retention", async () => {
  const links = await recordingLinks(store, dir, () => now);
  const old = wav(8, 80);
  const fresh = wav(8, 81);
  const otherTask = wav(9, 90);
  const tenDaysAgo = (now - 10 * 86_400_000) / 1000;
  utimesSync(old, tenDaysAgo, tenDaysAgo);
  assert.equal(await links.sweep(7), 1);
  assert.deepEqual([existsSync(old), existsSync(fresh), existsSync(otherTask)], [false, true, true]);
  const { expires, signature } = parts(links.url('http://h', 8, 81)!);
  await links.removeTask(8);
  assert.deepEqual(await links.resolve(8, 81, expires, signature), { refused: 'missing' });
  assert.ok(existsSync(otherTask), 'another task keeps its recordings');
  await links.removeAll();
  assert.equal(existsSync(otherTask), false);
});
