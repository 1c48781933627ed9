// A store moved ahead by a manual or scaled clock (docs/decisions.md D17): `serve --clock system` on it says
// how far ahead it is and the way back; `robotcall reset --clock` takes it back to the wall clock.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { admin } from '../support/admin.js';
import { robotcall, runCli, type CliProcess } from '../support/process.js';
import { TEST_KEY, freshStoreArgs, usePostgres } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const DAY = 86_400_000;
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

async function serve(storeArgs: string[], clock: string): Promise<{ p: CliProcess; port: number }> {
  const p = robotcall(['serve', '--port', '0', '--clock', clock, ...storeArgs], KEY_ENV);
  cleanups.push(async () => { p.child.kill('SIGKILL'); await p.exited(); });
  return { p, port: Number(new URL(await p.ready()).port) };
}

async function stop(p: CliProcess): Promise<void> {
  p.child.kill('SIGTERM');
  assert.equal(await p.exited(), 0);
}

const storeArgs = (): Promise<string[]> => freshStoreArgs(cleanups);

async function engineNow(port: number): Promise<number> {
  return (await admin(port, 'GET', 'clock')).json.now as number;
}

test('serve --clock system on a store ahead says how far and the way back; reset --clock brings it back', async () => {
  const store = await storeArgs();
  const manual = await serve(store, 'manual');
  assert.equal((await admin(manual.port, 'POST', 'clock/advance', { ms: 30 * DAY + 5 * 3_600_000 + 600_000 })).status, 200);
  await stop(manual.p);

  const ahead = await serve(store, 'system');
  const way = usePostgres ? '--database-url URL' : store.join(' ');
  assert.match(ahead.p.stderr(), /robotcall: engine clock is 30 days 5 h ahead of the wall clock/);
  assert.ok(ahead.p.stderr().includes(`\`robotcall reset --clock --yes ${way}\`, or POST /_robotcall/reset {"clock": true}`), ahead.p.stderr());
  assert.ok(await engineNow(ahead.port) > Date.now() + 30 * DAY);

  if (!usePostgres) {
    // Through the running server that holds the data dir.
    const before = Date.now();
    const r = await runCli(['reset', '--clock', '--yes', ...store]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /engine clock back on the wall clock/);
    const now = await engineNow(ahead.port);
    assert.ok(now >= before && now <= Date.now(), `engine now ${now} is the wall clock`);
    await stop(ahead.p);
  } else {
    // On PostgreSQL the command writes the database; the server reads the clock when it starts.
    await stop(ahead.p);
    const r = await runCli(['reset', '--clock', '--yes', ...store]);
    assert.equal(r.code, 0, r.stderr);
  }

  const back = await serve(store, 'system');
  assert.doesNotMatch(back.p.stderr(), /ahead of the wall clock/);
  const now = await engineNow(back.port);
  assert.ok(Math.abs(now - Date.now()) < 5_000, `engine now ${now} is the wall clock`);
  await stop(back.p);
});

test('a plain reset command keeps the clock', async () => {
  const store = await storeArgs();
  const manual = await serve(store, 'manual');
  const now = (await admin(manual.port, 'POST', 'clock/advance', { ms: DAY })).json.now as number;
  await stop(manual.p);
  const r = await runCli(['reset', '--yes', ...store]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /clock/);
  const again = await serve(store, 'manual');
  assert.equal(await engineNow(again.port), now);
  await stop(again.p);
});
