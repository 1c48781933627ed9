import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin, newKey } from '../support/admin.js';
import { CLIENT_NAMES, client, data } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Robot { id: number; robotName: string; auditStatus: string; partnerId: number }

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

test('QueryRobotInfoList lists the seeded robots in id order, the first an AUDITPASS demo', async () => {
  for (const name of CLIENT_NAMES) {
    const robots = data<Robot[]>(await client(name, s)('QueryRobotInfoList'));
    assert.deepEqual(robots.map((r) => [r.id, r.auditStatus]), [
      [1000000075003, 'AUDITPASS'], [1000000075004, 'AUDITPASS'], [1000000075005, 'AUDITING'], [1000000075006, 'AUDITFAIL'],
    ]);
    assertGolden(robots[0], loadGolden('QueryRobotInfoList-robot'), { accountId: robots[0]!.partnerId });
  }
});

test('QueryRobotInfoList filters by AuditStatus and rejects unknown ones', async () => {
  const call = client('openapi-v3', s);
  assert.deepEqual(data<Robot[]>(await call('QueryRobotInfoList', { AuditStatus: 'AUDITING' })).map((r) => r.robotName), ['催收提醒机器人']);
  assert.deepEqual(data<Robot[]>(await call('QueryRobotInfoList', { AuditStatus: 'CONFIGURABLE' })), []);
  assert.equal((await call('QueryRobotInfoList', { AuditStatus: 'PASS' })).body.Code, 'InvalidAuditStatus');
});

test('QueryRobotv2AllList is a JSON array of id, name and type; each account has its own robots', async () => {
  for (const name of CLIENT_NAMES) {
    const r = await client(name, s)('QueryRobotv2AllList');
    assert.deepEqual(Object.keys(r.body), ['RequestId', 'Code', 'Message', 'Data'], name);
    const mine = data<unknown[]>(r);
    assert.deepEqual(mine[0], { id: 1000000075003, robotName: '机器人', robotType: 'CUSTOM' });
    assert.equal(mine.length, 4);
  }
  const k = await newKey(s.port);
  const theirs = data<Array<{ id: number }>>(await client('pop-get', { port: s.port, accessKeyId: k.AccessKeyId, accessKeySecret: k.AccessKeySecret })('QueryRobotv2AllList'));
  assert.equal(theirs.length, 4);
  assert.ok(theirs.every((r) => r.id > 1000000075006), 'robot ids are global, never shared between accounts');
});

test('the admin API shows the dialog each demo robot speaks, which a test can copy and edit', async () => {
  const r = await admin(s.port, 'GET', `accounts/${s.accessKeyId}/robots`);
  const robots = r.json.robots as Array<{ robotId: number; seeded: boolean; dialog: { start: string; nodes: Record<string, unknown> } | null }>;
  assert.equal(robots.length, 4);
  for (const robot of robots) {
    assert.ok(robot.seeded);
    assert.ok(robot.dialog && robot.dialog.start in robot.dialog.nodes, `robot ${robot.robotId} shows its dialog`);
  }
  assert.match(JSON.stringify(robots[0]!.dialog), /新楼盘/);
});

test('a hand-chosen robot id is at most 8999999999999, so the ids robotcall generates stay 13 digits', async () => {
  const robots = `accounts/${s.accessKeyId}/robots`;
  for (const id of ['9000000000000', '9999999999999', '0999999999999', '100000007500', '10000000750030']) {
    const r = await admin(s.port, 'PUT', `${robots}/${id}`, { name: '手选' });
    assert.equal(r.status, 400, id);
    assert.match(String(r.json.error), /robotId must be 13 digits from 1000000000000 to 8999999999999/, id);
  }
  const listed = (await admin(s.port, 'GET', robots)).json.robots as Array<{ robotId: number }>;
  assert.ok(listed.every((r) => r.robotId < 9000000000000), 'nothing was stored');
  assert.equal((await admin(s.port, 'PUT', `${robots}/8999999999999`, { name: '最大' })).status, 201);
  const next = await admin(s.port, 'POST', robots, { name: '下一个' });
  assert.equal(next.status, 201);
  assert.equal((next.json as { robotId: number }).robotId, 9000000000000, 'the next generated id is still 13 digits');
  const reaudit = await admin(s.port, 'PUT', `${robots}/9000000000000`, { auditStatus: 'AUDITFAIL' });
  assert.equal(reaudit.status, 200, 'a generated id past the bound still names its robot');
});
