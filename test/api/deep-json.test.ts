// JSON a client sends may nest at most 64 levels (README "Limits"): deeper text is refused with the
// parameter's Invalid code (the admin API: 400), never a stack overflow answering 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { client, type Caller } from '../support/clients.js';
import { storedTasks } from '../support/stored-state.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
let v3: Caller;
let taskId: number;

const nested = (depth: number, inner = '"x"') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

before(async () => {
  s = await startTestServer({ flags: { engine: 'off' } });
  v3 = client('openapi-v3', s, { formBody: true });
  taskId = Number((await v3('CreateRobotTask', {
    TaskName: 'deep json', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
});
after(async () => { await s.close(); });

test('TtsParam and TtsParamHead nested deeper than 64 levels are Invalid, and store nothing', async () => {
  const before = await storedTasks(v3);
  const upload = (head: string, param: string) => v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13800138000', TtsParamHead: head, TtsParam: param });
  const deepParam = await upload('["a"]', nested(100_000));
  assert.equal(deepParam.body.Code, 'InvalidTtsParam', JSON.stringify(deepParam.body));
  assert.match(String(deepParam.body.Message), /64 levels/);
  const deepHead = await upload(nested(4_990), '[{"number":"all","params":["v"]}]');
  assert.equal(deepHead.body.Code, 'InvalidTtsParamHead', JSON.stringify(deepHead.body));
  assert.equal(await storedTasks(v3), before);
  // 64 levels are still accepted (an entry's other fields are ignored, however deep).
  // The array, the entry and 62 arrays: 64 levels.
  const deep64 = await upload('["a"]', `[{"number":"all","params":["v"],"extra":${nested(62)}}]`);
  assert.equal(deep64.body.Code, 'OK', JSON.stringify(deep64.body));
  const deep65 = await upload('["a"]', `[{"number":"all","params":["v"],"extra":${nested(63)}}]`);
  assert.equal(deep65.body.Code, 'InvalidTtsParam', JSON.stringify(deep65.body));
});

test('admin bodies nested 100,000 levels deep are 400', async () => {
  for (const route of ['keys', 'accounts/LTAItestkey0000000001/robots/1000000075003']) {
    const res = await fetch(`http://127.0.0.1:${s.port}/_robotcall/${route}`, {
      method: route === 'keys' ? 'POST' : 'PUT', headers: { 'content-type': 'application/json' },
      body: `{"dialog":${nested(100_000, '{}')}}`,
    });
    const body = await res.json() as Record<string, unknown>;
    assert.equal(res.status, 400, `${route}: ${JSON.stringify(body)}`);
    assert.match(String(body.error), /64 levels/);
  }
  assert.equal((await admin(s.port, 'GET', 'keys')).status, 200);
});
