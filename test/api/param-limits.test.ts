import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, data, type Caller, type Reply } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { UNSTORABLE as CONTROLS, storedTasks } from '../support/stored-state.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ROBOT = 1000000075003;
const TASK = { TaskName: 'limits target', DialogId: ROBOT, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 };
const BATCH = { CalledNumber: '13800138000', CalledShowNumber: '057156860006', DialogId: String(ROBOT), TaskName: 'batch', CorpName: '某某科技' };
const DAY = 86_400_000;

let s: TestServer;
let v3: Caller;
let post: Caller;
let taskId: number;
let snapshot: string;

function refused(r: Reply, code: string) {
  assert.equal(r.status, 400, `${code}: ${JSON.stringify(r.body)}`);
  assertGolden(r.body, loadGolden('gateway-error'), { code });
}

async function accepted(r: Reply): Promise<void> {
  assert.equal(r.body.Code, 'OK', JSON.stringify(r.body));
  const id = Number(r.body.Data ?? r.body.TaskId);
  if (r.body.TaskId !== undefined) await v3('CancelOrderRobotTask', { TaskId: id });
  assert.equal((await v3('DeleteRobotTask', { TaskId: id })).body.Code, 'OK');
}

before(async () => {
  s = await startTestServer({ flags: { engine: 'off' } });
  v3 = client('openapi-v3', s);
  post = client('pop-post', s);
  taskId = Number((await v3('CreateRobotTask', TASK)).body.Data);
  await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13800138000,13900139000' });
  snapshot = await storedTasks(v3);
});
after(async () => {
  assert.equal(await storedTasks(v3), snapshot);
  await s.close();
});

describe('every text parameter has a maximum', () => {
  test('CreateRobotTask: CorpName 100 characters, Caller 100 numbers in 2,500 characters, RecallStateCodes 100 characters', async () => {
    await accepted(await v3('CreateRobotTask', { ...TASK, CorpName: '公'.repeat(100) }));
    refused(await v3('CreateRobotTask', { ...TASK, CorpName: '公'.repeat(101) }), 'InvalidCorpName');
    const selfLine = (n: number) => Array.from({ length: n }, (_, i) => `0571${String(i).padStart(8, '0')}`).join(',');
    await accepted(await v3('CreateRobotTask', { ...TASK, IsSelfLine: true, Caller: selfLine(100) }));
    refused(await v3('CreateRobotTask', { ...TASK, IsSelfLine: true, Caller: selfLine(101) }), 'InvalidCaller');
    refused(await v3('CreateRobotTask', { ...TASK, Caller: `057156860008${' '.repeat(2500)}` }), 'InvalidCaller');
    refused(await v3('CreateRobotTask', { ...TASK, RetryType: 1, RecallTimes: 1, RecallInterval: 5, RecallStateCodes: '200002,'.repeat(14) + '200002' }), 'InvalidRecallStateCodes');
  });

  test('with IsSelfLine, each caller is a number of 3 to 20 digits (a leading + and hyphens allowed)', async () => {
    await accepted(await v3('CreateRobotTask', { ...TASK, IsSelfLine: true, Caller: '+86-571-8765-4321, 95555' }));
    for (const bad of ['abc', '12', '1'.repeat(21), '0571 8765', '057156860008,<script>']) {
      refused(await v3('CreateRobotTask', { ...TASK, IsSelfLine: true, Caller: bad }), 'InvalidCaller');
    }
    refused(await v3('BatchRobotSmartCall', { ...BATCH, IsSelfLine: true, CalledShowNumber: 'x' }), 'InvalidCalledShowNumber');
  });

  test('a 7 MB CorpName in a form body is refused at once', async () => {
    const started = performance.now();
    refused(await post('CreateRobotTask', { ...TASK, CorpName: 'x'.repeat(7 * 1024 * 1024) }), 'InvalidCorpName');
    assert.ok(performance.now() - started < 5_000);
  });

  test('BatchRobotSmartCall: TaskName 30, CorpName 100, CalledNumber 20,000 characters, CalledShowNumber 100 numbers', async () => {
    refused(await v3('BatchRobotSmartCall', { ...BATCH, TaskName: 'n'.repeat(31) }), 'InvalidTaskName');
    refused(await v3('BatchRobotSmartCall', { ...BATCH, CorpName: 'c'.repeat(101) }), 'InvalidCorpName');
    refused(await v3('BatchRobotSmartCall', { ...BATCH, CalledNumber: '1'.repeat(20_001) }), 'InvalidCalledNumber');
    const shows = Array.from({ length: 101 }, () => '057156860006').join(',');
    refused(await v3('BatchRobotSmartCall', { ...BATCH, CalledShowNumber: shows }), 'InvalidCalledShowNumber');
  });

  test('UploadRobotTaskCalledFile: CalledNumber 2,000,000 characters, 30 TTS names of 50 characters, values of 500', async () => {
    refused(await post('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '1'.repeat(2_000_001) }), 'InvalidCalledNumber');
    const upload = (head: string[], params: unknown[]) => v3('UploadRobotTaskCalledFile', {
      Id: taskId, CalledNumber: '13700137000', TtsParamHead: JSON.stringify(head), TtsParam: JSON.stringify([{ number: '13700137000', params }]),
    });
    const names = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    refused(await upload(names(31), names(31)), 'InvalidTtsParamHead');
    refused(await upload(['n'.repeat(51)], ['x']), 'InvalidTtsParamHead');
    refused(await upload(['name'], ['x'.repeat(501)]), 'InvalidTtsParam');
    refused(await upload(['name'], names(31)), 'InvalidTtsParam');
    refused(await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13700137000', TtsParamHead: `["a"${' '.repeat(10_000)}]`, TtsParam: '[]' }), 'InvalidTtsParamHead');
  });

  test('filters: TaskName 30 characters, Called and Callee 32', async () => {
    refused(await v3('QueryRobotTaskList', { TaskName: 'n'.repeat(31) }), 'InvalidTaskName');
    refused(await v3('QueryRobotTaskCallList', { TaskId: taskId, Called: '1'.repeat(33) }), 'InvalidCalled');
    for (const action of ['QueryRobotTaskCallDetail', 'QueryCallDetailByTaskId']) {
      refused(await v3(action, { TaskId: taskId, Callee: '1'.repeat(33), QueryDate: 0 }), 'InvalidCallee');
    }
  });
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
    for (const c of [...CONTROLS, '\udfff']) {
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

describe('times', () => {
  test('BatchRobotSmartCall ScheduleTime 2^53-1 is refused, and the list and detail still answer', async () => {
    refused(await v3('BatchRobotSmartCall', { ...BATCH, ScheduleCall: true, ScheduleTime: '9007199254740991' }), 'InvalidScheduleTime');
    assert.equal((await v3('QueryRobotTaskList', { PageSize: 100 })).status, 200);
    assert.equal((await v3('QueryRobotTaskDetail', { Id: taskId })).status, 200);
  });

  test('a ScheduleTime is at most 366 days after now', async () => {
    await accepted(await v3('BatchRobotSmartCall', { ...BATCH, ScheduleCall: true, ScheduleTime: Date.now() + 365 * DAY }));
    refused(await v3('BatchRobotSmartCall', { ...BATCH, ScheduleCall: true, ScheduleTime: Date.now() + 367 * DAY }), 'InvalidScheduleTime');
    const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (const text of [local(Date.now() + 367 * DAY), '9999-12-31 23:59:59', '0099-06-01 00:00:00']) {
      refused(await v3('StartRobotTask', { TaskId: taskId, ScheduleTime: text }), 'InvalidScheduleTime');
    }
  });

  test('Time is a date from 1970-01-01 to 9999-12-31 (years below 100 are not 19xx)', async () => {
    for (const bad of ['0050-01-01', '0099-12-31', '1969-12-31', '10000-01-01']) refused(await v3('QueryRobotTaskList', { Time: bad }), 'InvalidTime');
    for (const good of ['1970-01-01', '9999-12-31']) {
      const r = await v3('QueryRobotTaskList', { Time: good });
      assert.deepEqual([r.status, r.body.TotalCount], [200, '0'], good);
    }
  });

  test('QueryDate is a time in milliseconds up to the end of 9999', async () => {
    for (const action of ['QueryRobotTaskCallDetail', 'QueryCallDetailByTaskId']) {
      for (const bad of ['9007199254740991', '253402300800000']) {
        refused(await v3(action, { TaskId: taskId, Callee: '13800138000', QueryDate: bad }), 'InvalidQueryDate');
      }
      assert.equal((await v3(action, { TaskId: taskId, Callee: '13800138000', QueryDate: '253402300799999' })).body.Code, 'isv.CALL_RECORD_NOT_FOUND');
    }
  });
});

describe('integer ranges', () => {
  test('call-list filters and pages are int32: 2^31 is Invalid{Name}, 2^31-1 is served', async () => {
    for (const name of ['DurationFrom', 'DurationTo', 'DialogCountFrom', 'DialogCountTo', 'PageNo']) {
      refused(await v3('QueryRobotTaskCallList', { TaskId: taskId, [name]: 2 ** 31 }), `Invalid${name}`);
      const r = await v3('QueryRobotTaskCallList', { TaskId: taskId, [name]: 2 ** 31 - 1 });
      assert.deepEqual([r.status, r.body.Data], [200, '[]'], name);
    }
    refused(await v3('QueryRobotTaskCallList', { TaskId: taskId, CallResult: 1_000_000 }), 'InvalidCallResult');
    refused(await v3('QueryRobotTaskList', { PageNo: 2 ** 31 }), 'InvalidPageNo');
    assert.equal((await v3('QueryRobotTaskList', { PageNo: 2 ** 31 - 1 })).body.Data, '[]');
  });
});

describe('empty number lists', () => {
  test('CalledNumber of only commas and blanks is MissingCalledNumber and adds no called file', async () => {
    for (const empty of [',,,', ' , , ', ',']) {
      refused(await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: empty }), 'MissingCalledNumber');
      refused(await v3('BatchRobotSmartCall', { ...BATCH, CalledNumber: empty }), 'MissingCalledNumber');
    }
  });
});
