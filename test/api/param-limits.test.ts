import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, data, type Caller, type Reply } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { storedTasks } from '../support/stored-state.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ROBOT = 1000000075003;
const TASK = { TaskName: 'limits target', DialogId: ROBOT, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 };
const BATCH = { CalledNumber: '13800138000', CalledShowNumber: '057156860006', DialogId: String(ROBOT), TaskName: 'batch', CorpName: '某某科技' };
const CONTROLS = ['\u0000', '\u0001', '\t', '\n', '\u001f', '\u007f', '\ufffe', '\uffff'];

let s: TestServer;
let v3: Caller;
let taskId: number;
let snapshot: string;

function refused(r: Reply, code: string) {
  assert.equal(r.status, 400, `${code}: ${JSON.stringify(r.body)}`);
  assertGolden(r.body, loadGolden('gateway-error'), { code });
}

before(async () => {
  s = await startTestServer({ flags: { engine: 'off' } });
  v3 = client('openapi-v3', s);
  taskId = Number((await v3('CreateRobotTask', TASK)).body.Data);
  await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13800138000,13900139000' });
  snapshot = await storedTasks(v3);
});
after(async () => {
  assert.equal(await storedTasks(v3), snapshot);
  await s.close();
});

describe('control characters', () => {
  test('C0 controls, DEL and U+FFFE/U+FFFF are refused in every text parameter, as Invalid{Name}', async () => {
    const cases: Array<[string, Record<string, string | number | boolean>, string]> = [
      ['CreateRobotTask', TASK, 'TaskName'], ['CreateRobotTask', TASK, 'CorpName'],
      ['CreateRobotTask', { ...TASK, IsSelfLine: true }, 'Caller'],
      ['BatchRobotSmartCall', BATCH, 'TaskName'], ['BatchRobotSmartCall', BATCH, 'CorpName'],
      ['BatchRobotSmartCall', { ...BATCH, IsSelfLine: true }, 'CalledShowNumber'],
      ['UploadRobotTaskCalledFile', { Id: taskId }, 'CalledNumber'],
      ['QueryRobotTaskList', {}, 'TaskName'],
      ['QueryRobotTaskCallList', { TaskId: taskId }, 'Called'],
      ['QueryRobotTaskCallDetail', { TaskId: taskId, QueryDate: 0 }, 'Callee'],
      ['StartRobotTask', { TaskId: taskId }, 'ScheduleTime'],
    ];
    for (const [action, base, name] of cases) {
      for (const c of CONTROLS) refused(await v3(action, { ...base, [name]: `057156860008${c}` }), `Invalid${name}`);
    }
  });

  test('inside TtsParamHead and TtsParam JSON: names, values, numbers and keys; lone surrogates too', async () => {
    const upload = (head: string, param: string) => v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13700137000', TtsParamHead: head, TtsParam: param });
    for (const c of [...CONTROLS, '\ud800', '\udfff']) {
      const esc = JSON.stringify(c).slice(1, -1);
      refused(await upload(`["na${esc}me"]`, '[{"number":"all","params":["x"]}]'), 'InvalidTtsParamHead');
      refused(await upload('["name"]', `[{"number":"all","params":["x${esc}"]}]`), 'InvalidTtsParam');
      refused(await upload('["name"]', `[{"number":"all","params":["x"],"no${esc}te":1}]`), 'InvalidTtsParam');
    }
    refused(await upload('["name"]', '[{"number":"13700137000\\u0000","params":["x"]}]'), 'InvalidTtsParam');
  });

  test('a called-file name with a control character is simply not found', async () => {
    const [file] = data<{ called: Array<{ fileName: string }> }>(await v3('QueryRobotTaskDetail', { Id: taskId })).called;
    const base = `http://127.0.0.1:${s.port}/files`;
    assert.equal((await fetch(`${base}/${file!.fileName}.xlsx`)).status, 200);
    for (const name of [`${file!.fileName}%00.xlsx`, `%00${file!.fileName}.xlsx`, '%00.xlsx', `${file!.fileName.slice(0, 8)}%00.xlsx`]) {
      const r = await fetch(`${base}/${name}`);
      assert.equal(r.status, 404, name);
      assert.equal(((await r.json()) as { Code: string }).Code, 'FileNotFound');
    }
  });
});
