// `robotcall robots put FILE` (docs/decisions.md D12): through the admin API of the server holding an
// embedded data dir, or straight into PostgreSQL; the running server serves the robot at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { client, data } from '../support/clients.js';
import { runCli, serveWithTestKey } from '../support/process.js';
import { TEST_KEY, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const ROBOT = {
  account: TEST_KEY.accessKeyId, robotId: 1000000099401, name: '文件机器人', auditStatus: 'AUDITPASS',
  dialog: { start: 'hi', nodes: { hi: { say: '您好，${name}。', hangup: true } } },
};

async function exerciseRobots(storeArgs: string[], port: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-robots-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'robot.json');
  writeFileSync(file, JSON.stringify(ROBOT));
  const put = await runCli(['robots', 'put', file, ...storeArgs]);
  assert.equal(put.code, 0, put.stderr);
  assert.deepEqual(JSON.parse(put.stdout), { robotId: ROBOT.robotId, name: ROBOT.name, auditStatus: 'AUDITPASS', dialog: ROBOT.dialog, seeded: false });
  const call = client('openapi-v3', { port, ...TEST_KEY });
  const robots = data<Array<{ id: number; robotName: string }>>(await call('QueryRobotInfoList', {}));
  assert.ok(robots.some((r) => r.id === ROBOT.robotId && r.robotName === ROBOT.name), JSON.stringify(robots));

  writeFileSync(file, JSON.stringify({ ...ROBOT, auditStatus: 'AUDITFAIL', dialog: { start: 'nowhere', nodes: {} } }));
  const bad = await runCli(['robots', 'put', file, ...storeArgs]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /dialog\.start names node "nowhere"/);

  writeFileSync(file, JSON.stringify({ auditStatus: 'AUDITFAIL' }));
  const reaudit = await runCli(['robots', 'put', file, '--account', TEST_KEY.accessKeyId, '--robot-id', String(ROBOT.robotId), ...storeArgs]);
  assert.equal(reaudit.code, 0, reaudit.stderr);
  assert.equal(JSON.parse(reaudit.stdout).auditStatus, 'AUDITFAIL');
  assert.deepEqual(JSON.parse(reaudit.stdout).dialog, ROBOT.dialog, 'fields left out keep their value');
  const refused = await call('CreateRobotTask', { TaskName: 't', DialogId: ROBOT.robotId, Caller: '057156860006', NumberStatusIdent: false, RetryType: 0 });
  assert.equal(refused.body.Code, 'isv.TEMPLATE_ILLEGAL', 'the server sees the new audit status at once');

  writeFileSync(file, JSON.stringify({ name: '太大' }));
  const tooHigh = await runCli(['robots', 'put', file, '--account', TEST_KEY.accessKeyId, '--robot-id', '9999999999999', ...storeArgs]);
  assert.equal(tooHigh.code, 1, 'a hand-chosen id past 8999999999999 is refused');
  assert.match(tooHigh.stderr, /robotId must be 13 digits from 1000000000000 to 8999999999999/);

  writeFileSync(file, JSON.stringify({ name: '新机器人' }));
  const fresh = await runCli(['robots', 'put', file, '--account', 'default', ...storeArgs]);
  assert.equal(fresh.code, 0, fresh.stderr);
  const created = JSON.parse(fresh.stdout) as { robotId: number; name: string };
  assert.match(String(created.robotId), /^\d{13}$/, 'without an id, a new robot gets the next free one');
  const task = { TaskName: 't', DialogId: created.robotId, NumberStatusIdent: false, RetryType: 0 };
  assert.equal((await call('CreateRobotTask', { ...task, Caller: '057156860006' })).body.Code, 'OK');

  assert.equal((await call('CreateRobotTask', { ...task, Caller: '02112345678' })).body.Code, 'isv.DISPLAY_NUMBER_ILLEGAL');
  const add = await runCli(['callers', 'add', '02112345678', '--account', TEST_KEY.accessKeyId, '--json', ...storeArgs]);
  assert.equal(add.code, 0, add.stderr);
  assert.ok((JSON.parse(add.stdout) as string[]).includes('02112345678'));
  assert.equal((await call('CreateRobotTask', { ...task, Caller: '02112345678' })).body.Code, 'OK', 'the server sees a caller number at once');
  const badNumber = await runCli(['callers', 'add', 'x12', '--account', TEST_KEY.accessKeyId, ...storeArgs]);
  assert.equal(badNumber.code, 1);
  assert.match(badNumber.stderr, /is not a caller number/);
  assert.equal((await runCli(['callers', 'remove', '02112345678', '--account', TEST_KEY.accessKeyId, ...storeArgs])).code, 0);
  assert.equal((await call('CreateRobotTask', { ...task, Caller: '02112345678' })).body.Code, 'isv.DISPLAY_NUMBER_ILLEGAL');
}

test('robots put goes through the running server that holds an embedded data dir', { skip: usePostgres && 'embedded only' }, async () => {
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await serveWithTestKey(['--data-dir', dir], cleanups);
  await exerciseRobots(['--data-dir', dir], port);
});

test('robots put writes PostgreSQL directly, and a running server sees it', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const port = await serveWithTestKey(['--database-url', db.url], cleanups);
  await exerciseRobots(['--database-url', db.url], port);
});
