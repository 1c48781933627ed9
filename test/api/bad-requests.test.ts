import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admin, newKey } from '../support/admin.js';
import { client, data, type Caller, type Reply } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { rawCall, send, signV1 } from '../support/raw-request.js';
import { storedTasks } from '../support/stored-state.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TASK = {
  TaskName: 'bad input target', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 1,
  RecallStateCodes: '200002', RecallTimes: 1, RecallInterval: 5,
};

let s: TestServer;
let v1: Caller;
let v3: Caller;
let taskId: number;
let snapshot: string;

/** Every task of the account, with its detail: what no bad request may change. */
const storedState = () => storedTasks(v3);

function expectGateway(r: Reply | { status: number; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(r.status, status, `${code}: ${JSON.stringify(r.body)}`);
  assertGolden(r.body, loadGolden('gateway-error'), { code });
}

function expectBusiness(r: Reply, code: string) {
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertGolden(r.body, loadGolden('business-error'), { code });
}

before(async () => {
  // Engine off: the stored-state snapshots must change only by what the requests do.
  s = await startTestServer({ flags: { engine: 'off' } });
  v1 = client('pop-get', s);
  v3 = client('openapi-v3', s);
  taskId = Number((await v3('CreateRobotTask', TASK)).body.Data);
  await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13800138000,13900139000' });
  snapshot = await storedState();
});
after(async () => {
  // Whatever was thrown at it, the stored tasks are exactly as before.
  assert.equal(await storedState(), snapshot);
  await s.close();
});

describe('authentication failures', () => {
  test('a wrong secret fails the signature on v1 and V3, and the message shows the server string to sign', async () => {
    const bad = { ...s, accessKeySecret: 'wrong' };
    for (const name of ['pop-get', 'pop-post', 'openapi-v3', 'openapi-v2'] as const) {
      const r = await client(name, bad)('QueryRobotTaskDetail', { Id: taskId });
      expectGateway(r, 400, 'SignatureDoesNotMatch');
      assert.match(String(r.body.Message), /server string to sign is:/);
      assert.doesNotMatch(String(r.body.Message), new RegExp(s.accessKeySecret));
    }
  });

  test('an unknown key is 404 InvalidAccessKeyId.NotFound; a disabled key is InvalidAccessKeyId.Inactive', async () => {
    expectGateway(await client('pop-get', { ...s, accessKeyId: 'LTAInosuchkey' })('QueryRobotTaskList'), 404, 'InvalidAccessKeyId.NotFound');
    const k = await newKey(s.port);
    const caller = client('openapi-v3', { port: s.port, accessKeyId: k.AccessKeyId, accessKeySecret: k.AccessKeySecret });
    assert.equal((await caller('QueryRobotTaskList')).status, 200);
    assert.equal((await admin(s.port, 'POST', `keys/${k.AccessKeyId}/disable`)).status, 200);
    expectGateway(await caller('QueryRobotTaskList'), 400, 'InvalidAccessKeyId.Inactive');
  });

  test('timestamps must be well formed and within 15 minutes', async () => {
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const future = new Date(Date.now() + 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const [timestamp, code] of [[stale, 'InvalidTimeStamp.Expired'], [future, 'InvalidTimeStamp.Expired'],
      ['2024-01-01 00:00:00', 'InvalidTimeStamp.Format'], ['2024-13-01T00:00:00Z', 'InvalidTimeStamp.Format']] as const) {
      const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, timestamp });
      expectGateway({ status: r.status, body: r.json() }, 400, code);
    }
  });

  test('a nonce is accepted once, and a request with a bad signature does not use it up', async () => {
    const nonce = `nonce-${Date.now()}`;
    const forged = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, nonce, badSignature: true });
    expectGateway({ status: forged.status, body: forged.json() }, 400, 'SignatureDoesNotMatch');
    const req = signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret, nonce });
    assert.equal((await send(s.port, req)).status, 200);
    const replay = await send(s.port, req);
    expectGateway({ status: replay.status, body: replay.json() }, 400, 'SignatureNonceUsed');
  });

  test('wire text that only looks canonical (lower-case escapes) is still verified on its decoded values', async () => {
    const req = signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret });
    const lowered = { ...req, query: req.query.replace(/Timestamp=([^&]+)/, (m) => m.replace(/%3A/g, '%3a')) };
    assert.notEqual(lowered.query, req.query);
    const r = await send(s.port, lowered);
    assert.equal(r.status, 200, r.text);
  });

  test('signature method and version are checked', async () => {
    const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { SignatureMethod: 'HMAC-SHA256' } });
    expectGateway({ status: r.status, body: r.json() }, 400, 'InvalidSignatureMethod');
    const missingNonce = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { SignatureNonce: undefined } });
    expectGateway({ status: missingNonce.status, body: missingNonce.json() }, 400, 'MissingSignatureNonce');
  });

  test('V3 requests must sign the required headers and carry the body hash', async () => {
    const base = { host: `127.0.0.1:${s.port}`, 'x-acs-action': 'QueryRobotTaskList', 'x-acs-version': '2017-05-25',
      'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'x-acs-signature-nonce': `n${Date.now()}` };
    const unsigned = await send(s.port, { method: 'POST', query: '', body: '', headers: {
      ...base, 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization: `ACS3-HMAC-SHA256 Credential=${s.accessKeyId},SignedHeaders=host;x-acs-action,Signature=${'0'.repeat(64)}` } });
    expectGateway({ status: unsigned.status, body: unsigned.json() }, 400, 'IncompleteSignature');
    const all = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
    const wrongHash = await send(s.port, { method: 'POST', query: '', body: 'PageNo=1', headers: {
      ...base, 'content-type': 'application/x-www-form-urlencoded', 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization: `ACS3-HMAC-SHA256 Credential=${s.accessKeyId},SignedHeaders=${all},Signature=${'0'.repeat(64)}` } });
    expectGateway({ status: wrongHash.status, body: wrongHash.json() }, 400, 'InvalidContentSha256');
    const badAlgo = await send(s.port, { method: 'POST', query: '', body: '', headers: {
      ...base, 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization: `ACS3-RSA-SHA256 Credential=${s.accessKeyId},SignedHeaders=${all},Signature=${'0'.repeat(64)}` } });
    expectGateway({ status: badAlgo.status, body: badAlgo.json() }, 400, 'InvalidSignatureMethod');
  });

  test('an STS token is refused in strict mode', async () => {
    const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { SecurityToken: 'sts-token' } });
    expectGateway({ status: r.status, body: r.json() }, 400, 'InvalidSecurityToken.NotSupported');
  });
});

describe('request form', () => {
  test('an unknown action is 404, an action robotcall does not serve says so', async () => {
    expectGateway(await v1('NoSuchAction'), 404, 'InvalidAction.NotFound');
    const r = await v3('SmartCall', { CalledNumber: '13800138000' });
    expectGateway(r, 404, 'InvalidAction.NotFound');
    assert.match(String(r.body.Message), /SmartCall is a Dyvmsapi action robotcall does not serve/);
  });

  test('the version must be 2017-05-25 and the format JSON or XML', async () => {
    const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { Version: '2017-05-26' } });
    expectGateway({ status: r.status, body: r.json() }, 400, 'InvalidVersion');
    const f = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { Format: 'YAML' } });
    assert.equal(f.status, 400);
    assert.equal(f.contentType, 'text/xml;charset=utf-8');
    assert.match(f.text, /<Code>InvalidParameter.Format<\/Code>/);
  });

  test('methods other than GET and POST are refused', async () => {
    const r = await send(s.port, signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret, method: 'PUT' }));
    expectGateway({ status: r.status, body: r.json() }, 400, 'UnsupportedHTTPMethod');
  });

  test('URLs over 1 MiB and bodies over 8 MiB are 413 RequestTooLarge envelopes', async () => {
    const longUrl = await send(s.port, { method: 'GET', query: `Format=JSON&Action=QueryRobotTaskList&Pad=${'x'.repeat(1024 * 1024)}`, body: '' });
    expectGateway({ status: longUrl.status, body: longUrl.json() }, 413, 'RequestTooLarge');
    const huge = await send(s.port, { method: 'GET', query: `Pad=${'x'.repeat(1200 * 1024)}`, body: '' });
    assert.equal(huge.status, 413);
    assert.equal(huge.json().Code, 'RequestTooLarge');
    const bigBody = await send(s.port, { method: 'POST', query: 'Format=JSON', body: `Action=QueryRobotTaskList&Pad=${'x'.repeat(9 * 1024 * 1024)}` });
    assert.equal(bigBody.status, 413);
    assert.equal(bigBody.json().Code, 'RequestTooLarge');
  });

  test('a URL of 42 KB, as the V3 SDK sends for a big upload, is served', async () => {
    const numbers = Array.from({ length: 3500 }, (_, i) => `138${String(i).padStart(8, '0')}`).join(',');
    const id = Number((await v3('CreateRobotTask', { ...TASK, TaskName: 'long url' })).body.Data);
    const r = await v3('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers });
    assert.equal(r.body.Code, 'OK');
    await v3('DeleteRobotTask', { TaskId: id });
  });
});

describe('parameters', () => {
  test('absent required parameters are Missing{Name}, before any value is checked', async () => {
    const { TaskName: _, ...noName } = TASK;
    expectGateway(await v3('CreateRobotTask', { ...noName, DialogId: 'abc' }), 400, 'MissingTaskName');
    expectGateway(await v3('CreateRobotTask', { ...TASK, TaskName: '' }), 400, 'MissingTaskName');
    const before = await storedState();
    for (const blank of [' ', '     ', '\u3000', ' \u00a0 ']) {
      expectGateway(await v3('CreateRobotTask', { ...TASK, TaskName: blank }), 400, 'MissingTaskName');
      const batch = { CalledNumber: '13800138000', CalledShowNumber: '057156860006', DialogId: 1000000075003, CorpName: 'c', TaskName: blank };
      expectGateway(await v3('BatchRobotSmartCall', batch), 400, 'MissingTaskName');
    }
    assert.equal(await storedState(), before, 'a blank TaskName stores nothing');
    const { RecallTimes: __, ...noTimes } = TASK;
    expectGateway(await v3('CreateRobotTask', noTimes), 400, 'MissingRecallTimes');
    expectGateway(await v1('QueryRobotTaskDetail'), 400, 'MissingId');
  });

  test('values of the wrong type or out of range are Invalid{Name}', async () => {
    const cases: Array<[Record<string, string | number | boolean>, string]> = [
      [{ DialogId: 'abc' }, 'InvalidDialogId'],
      [{ DialogId: '9007199254740993' }, 'InvalidDialogId'],
      [{ NumberStatusIdent: 'yes' }, 'InvalidNumberStatusIdent'],
      [{ RetryType: 2 }, 'InvalidRetryType'],
      [{ RecallInterval: 1 }, 'InvalidRecallInterval'],
      [{ RecallInterval: 31 }, 'InvalidRecallInterval'],
      [{ RecallInterval: '5.5' }, 'InvalidRecallInterval'],
      [{ RecallTimes: 11 }, 'InvalidRecallTimes'],
      [{ RecallStateCodes: '200010,200000' }, 'InvalidRecallStateCodes'],
      [{ TaskName: '任'.repeat(31) }, 'InvalidTaskName'],
    ];
    for (const [override, code] of cases) expectGateway(await v3('CreateRobotTask', { ...TASK, ...override }), 400, code);
    expectGateway(await v3('QueryRobotTaskList', { PageSize: 101 }), 400, 'InvalidPageSize');
    expectGateway(await v3('QueryRobotTaskList', { Status: 'RUNNING' }), 400, 'InvalidStatus');
    expectGateway(await v3('QueryRobotTaskList', { Time: '2024-02-30' }), 400, 'InvalidTime');
    expectGateway(await v3('StartRobotTask', { TaskId: taskId, ScheduleTime: '2020-01-01 00:00:00' }), 400, 'InvalidScheduleTime');
    expectGateway(await v3('StartRobotTask', { TaskId: taskId, ScheduleTime: 'tomorrow' }), 400, 'InvalidScheduleTime');
  });

  test('a name of exactly 30 characters is accepted, and echoed byte for byte', async () => {
    const name = '任务'.repeat(15);
    const id = Number((await v3('CreateRobotTask', { ...TASK, TaskName: name })).body.Data);
    assert.equal(data<{ taskName: string }>(await v3('QueryRobotTaskDetail', { Id: id })).taskName, name);
    await v3('DeleteRobotTask', { TaskId: id });
  });
});

describe('business rules', () => {
  test('robots must exist, belong to the account and have passed audit', async () => {
    const other = await newKey(s.port);
    const otherRobots = data<Array<{ id: number }>>(await client('openapi-v3', { port: s.port, accessKeyId: other.AccessKeyId, accessKeySecret: other.AccessKeySecret })('QueryRobotv2AllList'));
    for (const dialog of [1, 1000000075005, 1000000075006, otherRobots[0]!.id]) {
      expectBusiness(await v3('CreateRobotTask', { ...TASK, DialogId: dialog }), 'isv.TEMPLATE_ILLEGAL');
    }
  });

  test('callers must be owned unless IsSelfLine', async () => {
    const r = await v1('CreateRobotTask', { ...TASK, Caller: '057156860008,02099999999' });
    expectBusiness(r, 'isv.DISPLAY_NUMBER_ILLEGAL');
    assert.match(String(r.body.Message), /02099999999/);
    const self = await v3('CreateRobotTask', { ...TASK, Caller: '02099999999', IsSelfLine: true });
    assert.equal(self.body.Code, 'OK');
    await v3('DeleteRobotTask', { TaskId: Number(self.body.Data) });
  });

  test('one invalid number rejects the whole batch, naming it', async () => {
    const r = await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13700137000,1234,13600136000' });
    expectBusiness(r, 'isv.MOBILE_NUMBER_ILLEGAL');
    assert.match(String(r.body.Message), /\b1234\b/);
  });

  test('TtsParam and TtsParamHead go together and must cover every variable', async () => {
    expectBusiness(await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13700137000', TtsParamHead: '["name"]' }), 'isv.TEMPLATE_MISSING_PARAMETERS');
    expectBusiness(await v3('UploadRobotTaskCalledFile', {
      Id: taskId, CalledNumber: '13700137000', TtsParamHead: '["name","amount"]', TtsParam: '[{"number":"13700137000","params":["王"]}]',
    }), 'isv.TEMPLATE_MISSING_PARAMETERS');
    expectGateway(await v3('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13700137000', TtsParamHead: 'name', TtsParam: '[]' }), 400, 'InvalidTtsParamHead');
  });

  test("another account's task answers exactly like a missing one", async () => {
    const other = await newKey(s.port);
    const theirs = client('pop-post', { port: s.port, accessKeyId: other.AccessKeyId, accessKeySecret: other.AccessKeySecret });
    const missingId = 99_999_999;
    for (const [action, param] of [['QueryRobotTaskDetail', 'Id'], ['StartRobotTask', 'TaskId'], ['CancelRobotTask', 'TaskId'],
      ['DeleteRobotTask', 'TaskId'], ['UploadRobotTaskCalledFile', 'Id']] as const) {
      const extra: Record<string, string> = action === 'UploadRobotTaskCalledFile' ? { CalledNumber: '13800138000' } : {};
      const foreign = await theirs(action, { [param]: taskId, ...extra });
      const absent = await theirs(action, { [param]: missingId, ...extra });
      expectBusiness(foreign, 'isv.TASK_NOT_FOUND');
      assert.equal(String(foreign.body.Message).replace(String(taskId), 'ID'), String(absent.body.Message).replace(String(missingId), 'ID'));
    }
    assert.equal(data<unknown[]>(await theirs('QueryRobotTaskList')).length, 0);
  });

  test('every transition D4 refuses is isv.TASK_STATUS_NOT_ALLOWED (or its own code) and changes nothing', async () => {
    const make = async () => {
      const id = Number((await v3('CreateRobotTask', { ...TASK, TaskName: 'transitions' })).body.Data);
      await v3('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
      return id;
    };
    const status = async (id: number) => data<{ status: string }>(await v3('QueryRobotTaskDetail', { Id: id })).status;
    const refused = async (id: number, action: string, params: Record<string, string | number> = {}, code = 'isv.TASK_STATUS_NOT_ALLOWED') => {
      const before = await status(id);
      expectBusiness(await v3(action, { TaskId: id, Id: id, ...params }), code);
      assert.equal(await status(id), before, `${action} changed the status`);
    };
    const empty = Number((await v3('CreateRobotTask', { ...TASK, TaskName: 'empty' })).body.Data);
    await refused(empty, 'StartRobotTask', {}, 'isv.TASK_NO_CALLEE');
    await v3('DeleteRobotTask', { TaskId: empty });

    const init = await make();
    for (const action of ['StopRobotTask', 'CancelOrderRobotTask']) await refused(init, action);
    await v3('StartRobotTask', { TaskId: init });
    for (const action of ['StartRobotTask', 'CancelOrderRobotTask', 'DeleteRobotTask']) await refused(init, action);
    await v3('StopRobotTask', { TaskId: init });
    for (const action of ['StopRobotTask', 'CancelOrderRobotTask', 'DeleteRobotTask']) await refused(init, action);
    await v3('CancelRobotTask', { TaskId: init });
    for (const action of ['StartRobotTask', 'StopRobotTask', 'CancelOrderRobotTask', 'CancelRobotTask']) await refused(init, action);
    await refused(init, 'UploadRobotTaskCalledFile', { CalledNumber: '13900139000' });
    await v3('DeleteRobotTask', { TaskId: init });
  });
});
