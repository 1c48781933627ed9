import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { after, test } from 'node:test';
import { client, data } from '../support/clients.js';
import { robotcall, runCli, type CliProcess } from '../support/process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const portOf = (url: string) => Number(new URL(url).port);

/** The generated-key line, on stderr (a pipe of its own, so it may trail the ready line a little). */
async function keyLine(p: CliProcess): Promise<RegExpExecArray> {
  for (let i = 0; i < 100; i++) {
    const m = /AccessKeyId=(\S+) AccessKeySecret=(\S+)/.exec(p.stderr());
    if (m) return m;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no generated key on stderr:\n${p.stderr()}`);
}

async function makeTask(url: string, name: string): Promise<number> {
  const call = client('openapi-v3', { port: portOf(url), ...TEST_KEY });
  const r = await call('CreateRobotTask', { TaskName: name, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: true, RetryType: 0 });
  assert.equal(r.body.Code, 'OK');
  return Number(r.body.Data);
}

async function taskNames(url: string): Promise<string[]> {
  const r = await client('pop-get', { port: portOf(url), ...TEST_KEY })('QueryRobotTaskList', { PageSize: 100 });
  return data<Array<{ taskName: string }>>(r).map((t) => t.taskName);
}

test('embedded: data survives SIGTERM and SIGKILL; a second process on a held dir names the holder', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const args = ['serve', '--port', '0', '--data-dir', dir];

  const first = robotcall(args, KEY_ENV);
  const url = await first.ready();
  assert.match(first.stdout(), new RegExp(`robotcall ready on http://127\\.0\\.0\\.1:\\d+ \\(AccessKeyId ${TEST_KEY.accessKeyId}, embedded PGlite at `));
  // The console's address, or (in a checkout not built yet) how to build it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.match(first.stderr(), new RegExp(`web console on ${url.replace(/[.]/g, '\\.')}/console|the web console is not built \\(npm run build\\)`));
  const health = await fetch(`${url}/_robotcall/health`);
  assert.deepEqual([health.status, ((await health.json()) as { status: string }).status], [200, 'ok']);
  await makeTask(url, 'before sigterm');

  const second = await runCli(args, KEY_ENV);
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`in use by robotcall pid ${first.child.pid} serving ${url.replace(/\./g, '\\.')}`));

  first.child.kill('SIGTERM');
  assert.equal(await first.exited(), 0);

  const again = robotcall(args, KEY_ENV);
  const url2 = await again.ready();
  assert.deepEqual(await taskNames(url2), ['before sigterm']);
  await makeTask(url2, 'before sigkill');
  again.child.kill('SIGKILL');
  await again.exited();

  const third = robotcall(args, KEY_ENV);
  const url3 = await third.ready();
  assert.deepEqual(await taskNames(url3), ['before sigkill', 'before sigterm']);
  third.child.kill('SIGTERM');
  assert.equal(await third.exited(), 0);
});

test('embedded: two processes started together on a dir left locked by kill -9: one serves, the other names it', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const args = ['serve', '--port', '0', '--data-dir', dir];
  const crashed = robotcall(args, KEY_ENV);
  await crashed.ready();
  crashed.child.kill('SIGKILL');
  await crashed.exited();

  const both = [robotcall(args, KEY_ENV), robotcall(args, KEY_ENV)];
  for (const p of both) cleanups.push(() => { p.child.kill('SIGKILL'); });
  const outcomes = await Promise.all(both.map((p) => p.ready().then((url) => ({ p, url }), () => ({ p, url: null }))));
  const serving = outcomes.filter((o) => o.url !== null);
  assert.equal(serving.length, 1, outcomes.map((o) => o.p.stderr()).join('\n'));
  const winner = serving[0]!;
  const loser = outcomes.find((o) => o.url === null)!.p;
  assert.equal(await loser.exited(), 1);
  // The winner may be too busy opening PGlite (synchronous WebAssembly) to answer who it is in time.
  assert.match(loser.stderr(), new RegExp(`in use by (robotcall pid ${winner.p.child.pid}|another robotcall process)`));
  await makeTask(winner.url!, 'after the race');
  assert.deepEqual(await taskNames(winner.url!), ['after the race']);
  winner.p.child.kill('SIGTERM');
  assert.equal(await winner.p.exited(), 0);
});

test('postgres: data survives a restart', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const args = ['serve', '--port', '0', '--database-url', db.url];
  const first = robotcall(args, KEY_ENV);
  await makeTask(await first.ready(), 'kept');
  first.child.kill('SIGTERM');
  assert.equal(await first.exited(), 0);
  const again = robotcall(args, KEY_ENV);
  assert.deepEqual(await taskNames(await again.ready()), ['kept']);
  again.child.kill('SIGKILL');
  await again.exited();
});

test('with no key configured or stored, one is generated and printed once', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const first = robotcall(['serve', '--port', '0', '--data-dir', dir]);
  const url = await first.ready();
  const m = await keyLine(first);
  assert.doesNotMatch(first.stdout(), /AccessKeySecret/, 'the secret stays out of the log lines on stdout');
  for (const line of first.stdout().trim().split('\n')) JSON.parse(line);
  const r = await client('pop-get', { port: portOf(url), accessKeyId: m[1]!, accessKeySecret: m[2]! })('QueryRobotTaskList');
  assert.equal(r.body.Code, 'OK');
  first.child.kill('SIGTERM');
  await first.exited();
  const second = robotcall(['serve', '--port', '0', '--data-dir', dir]);
  await second.ready();
  assert.doesNotMatch(second.stdout() + second.stderr(), /AccessKeySecret=/);
  assert.match(second.stdout(), new RegExp(`AccessKeyId ${m[1]}`));
  second.child.kill('SIGTERM');
  await second.exited();
});

test('a first start that fails after creating the store leaves the key to be generated and shown by the next', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
  const failed = await runCli(['serve', '--port', String((busy.address() as net.AddressInfo).port), '--data-dir', dir]);
  assert.equal(failed.code, 1);
  assert.doesNotMatch(failed.stdout, /AccessKeySecret=/);

  const next = robotcall(['serve', '--port', '0', '--data-dir', dir]);
  const url = await next.ready();
  const m = await keyLine(next);
  const r = await client('pop-get', { port: portOf(url), accessKeyId: m[1]!, accessKeySecret: m[2]! })('QueryRobotTaskList');
  assert.equal(r.body.Code, 'OK');
  next.child.kill('SIGTERM');
  assert.equal(await next.exited(), 0);
});

test('a bad option is one clear line and exit 1', async () => {
  const r = await runCli(['serve', '--timezone', 'Mars/Base']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /invalid timezone \(--timezone \/ ROBOTCALL_TIMEZONE\)/);
});
