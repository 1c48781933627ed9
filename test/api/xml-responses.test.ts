import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { rawCall, type RawReply } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Characters XML 1.0 does not allow in a document, as stored data or echoed input may hold them.
const ODD = 'a\u0001b\u001Fc\uFFFEd\uFFFFe';
// XML 1.0 §2.2 Char. XMLValidator checks the structure but lets any character through.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

const xmlCall = (action: string, params: Record<string, string>, common: Record<string, string> = {}) =>
  rawCall(s.port, action, params, { ...s, secret: s.accessKeySecret, common: { Format: 'XML', ...common } });

function wellFormed(r: RawReply): Record<string, Record<string, string>> {
  assert.equal(r.contentType, 'text/xml;charset=utf-8');
  assert.equal(XMLValidator.validate(r.text), true, r.text);
  assert.doesNotMatch(r.text, NOT_XML_CHAR);
  return new XMLParser({ parseTagValue: false }).parse(r.text) as Record<string, Record<string, string>>;
}

test('a business error echoing a number with control characters and noncharacters is well-formed XML', async () => {
  const created = await xmlCall('CreateRobotTask', {
    TaskName: 'xml', DialogId: '1000000075003', Caller: '057156860008', NumberStatusIdent: 'false', RetryType: '0',
  });
  const id = wellFormed(created).CreateRobotTaskResponse!.Data!;
  const r = await xmlCall('UploadRobotTaskCalledFile', { Id: id, CalledNumber: `13800138000,138${ODD}` });
  assert.equal(r.status < 500, true);
  wellFormed(r);
});

test('a gateway error echoing a control character is well-formed XML', async () => {
  const r = await xmlCall('QueryRobotTaskList', {}, { SignatureMethod: `HMAC${ODD}` });
  assert.equal(r.status, 400);
  const body = wellFormed(r);
  assert.equal(body.Error!.Code, 'InvalidSignatureMethod');
  assert.match(body.Error!.Message!, /HMACa\\u0001b\\u001fc\\ufffed\\uffffe$/, 'a disallowed character is written as the text \\uXXXX');
});

test('stored data holding such characters renders as well-formed XML whose Data is the same JSON as in JSON', async () => {
  const key = await s.server.store.findAccessKey(s.accessKeyId);
  // Data written before any input rule existed (or by another tool) may hold anything.
  const task = await s.server.store.createTask({
    accountId: key!.accountId, name: `legacy ${ODD}`, robotId: 1000000075003, robotName: `机器人${ODD}`, corpName: ODD,
    caller: '057156860008', numberStatusIdent: false, isSelfLine: false, retryType: 0, recallStateCodes: '', recallTimes: 0,
    recallInterval: 0, createdAt: Date.now(),
  });
  for (const [action, params] of [['QueryRobotTaskDetail', { Id: String(task.id) }], ['QueryRobotTaskList', { TaskName: 'legacy' }]] as const) {
    const xml = wellFormed(await xmlCall(action, params))[`${action}Response`]!;
    const json = (await rawCall(s.port, action, params, { ...s, secret: s.accessKeySecret })).json();
    assert.match(String(json.Data), /\uFFFE/, 'JSON carries the character itself');
    assert.deepEqual(JSON.parse(xml.Data!), JSON.parse(String(json.Data)), action);
  }
});

test('an empty Format= answers as an absent one (XML, docs/decisions.md D3), not InvalidParameter.Format', async () => {
  const call = (common: Record<string, string | undefined>, badSignature = false) =>
    rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common, badSignature });
  const absent = await call({ Format: undefined });
  const empty = await call({ Format: '' });
  assert.equal(absent.status, 200, absent.text);
  assert.equal(empty.status, 200, empty.text);
  assert.equal(empty.contentType, absent.contentType);
  assert.ok(wellFormed(empty).QueryRobotTaskListResponse);
  const refused = await call({ Format: '' }, true);
  assert.equal(refused.status, 400);
  assert.equal(wellFormed(refused).Error!.Code, 'SignatureDoesNotMatch');
});
