// Robot dialogs (docs/decisions.md D12): a robot's dialog set through the admin API, steered per number by a
// carrier scenario (D8), yields the transcript, labels, counters and transfer the call APIs show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { data } from '../support/clients.js';
import { EngineHarness, HOUR } from '../support/engine.js';
import { TEST_KEY } from '../support/test-server.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start(); });
after(async () => { await h.close(); });

const ROBOT_ID = 1000000099201;
const DIALOG = {
  start: 'hello',
  nodes: {
    hello: {
      say: '${name}您好，请问您对宽带升级感兴趣吗？',
      ask: {
        intents: [
          { kind: 'sure', keywords: ['感兴趣', '可以'], next: 'level', label: '有意向' },
          { kind: 'reject', keywords: ['不需要'], next: 'bye', label: '拒绝' },
        ],
        default: 'bye',
      },
    },
    level: { branch: { var: 'level', cases: { vip: 'agent' }, default: 'sms' } },
    agent: { say: '为您转接专属客服。', transfer: '057112345678' },
    sms: { say: '稍后短信发送办理链接给您。', hangup: true },
    bye: { say: '打扰了，再见。', hangup: true },
  },
};

test('a scenario steers the dialog: intents, a branch on a TTS variable, transfer and hang-up', async () => {
  const put = await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { name: '宽带机器人', auditStatus: 'AUDITPASS', dialog: DIALOG });
  assert.equal(put.status, 201, JSON.stringify(put.json));
  for (const [n, said] of [['13911110001', '可以的'], ['13911110002', '可以'], ['13911110003', '不需要了']]) {
    assert.equal((await h.admin('PUT', `carrier/scenarios/${n}`, { outcomes: ['200000'], utterances: [said] })).status, 200);
  }
  const id = Number((await h.ok('CreateRobotTask', {
    TaskName: 'dialog', DialogId: ROBOT_ID, Caller: '057156860006', CorpName: '电信', NumberStatusIdent: false, RetryType: 0,
  })).Data);
  await h.ok('UploadRobotTaskCalledFile', {
    Id: id, CalledNumber: '13911110001,13911110002,13911110003', TtsParamHead: '["name","level"]',
    TtsParam: '[{"number":"13911110001","params":["王先生","vip"]},{"number":"13911110002","params":["李女士","normal"]},{"number":"13911110003","params":["张先生","vip"]}]',
  });
  await h.ok('StartRobotTask', { TaskId: id });
  await h.advance(HOUR);
  const detail = async (callee: string) => data<Record<string, unknown>>(await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: callee, QueryDate: await h.now() }));
  const talk = (d: Record<string, unknown>) => (d.dialogDetail as Array<{ role: string; content: string }>).map((u) => `${u.role}:${u.content}`);

  const vip = await detail('13911110001');
  assert.deepEqual(talk(vip), ['robot:王先生您好，请问您对宽带升级感兴趣吗？', 'custom:可以的', 'robot:为您转接专属客服。']);
  assert.deepEqual([vip.label, vip.transferResult, vip.transferNumber, vip.sureCount, vip.dialogCount], ['有意向', '1', '057112345678', 1, '1']);

  const normal = await detail('13911110002');
  assert.deepEqual(talk(normal).at(-1), 'robot:稍后短信发送办理链接给您。');
  assert.deepEqual([normal.label, normal.transferResult, normal.hangupDirection], ['有意向', '3', '0']);

  const no = await detail('13911110003');
  assert.deepEqual(talk(no), ['robot:张先生您好，请问您对宽带升级感兴趣吗？', 'custom:不需要了', 'robot:打扰了，再见。']);
  assert.deepEqual([no.label, no.rejectCount, no.sureCount], ['拒绝', 1, 0]);
});

test('a callee who hangs up mid-dialog: hangupDirection 1 (user); silence takes the default path', async () => {
  await h.admin('PUT', 'carrier/scenarios/13911110004', { utterances: [], hangup: 'user' });
  await h.admin('PUT', 'carrier/scenarios/13911110005', { utterances: [''] });
  const id = await h.task(['13911110004', '13911110005'], { DialogId: ROBOT_ID });
  await h.advance(HOUR);
  const rows = data<Array<Record<string, string>>>(await h.call('QueryRobotTaskCallList', { TaskId: String(id) }));
  const by = Object.fromEntries(rows.map((r) => [r.called, r]));
  assert.deepEqual([by['13911110004']!.hangupDirection, by['13911110004']!.callResult], ['1', '已接通']);
  assert.deepEqual([by['13911110005']!.hangupDirection, by['13911110005']!.defaultCount, by['13911110005']!.label], ['0', '1', '']);
});

test('bad dialogs and scenarios are refused with a reason, and nothing is changed', async () => {
  const bad = await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { dialog: { start: 'x', nodes: { x: { say: 'hi', next: 'missing' } } } });
  assert.equal(bad.status, 400);
  assert.match(String(bad.json.error), /names node "missing"/);
  const robots = (await h.admin('GET', `accounts/${TEST_KEY.accessKeyId}/robots`)).json.robots as Array<{ robotId: number; dialog: unknown }>;
  assert.deepEqual(robots.find((r) => r.robotId === ROBOT_ID)!.dialog, DIALOG);
  const two = await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { dialog: { start: 'x', nodes: { x: { say: 'hi', hangup: true, next: 'x' } } } });
  assert.match(String(two.json.error), /exactly one of/);
  const scenario = await h.admin('PUT', 'carrier/scenarios/13911110006', { outcomes: ['999'] });
  assert.equal(scenario.status, 400);
  assert.match(String(scenario.json.error), /final state code/);
  assert.equal((await h.admin('DELETE', 'carrier/scenarios/13911110006')).status, 404);
});
