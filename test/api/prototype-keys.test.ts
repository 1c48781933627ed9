// Names a client chooses must never be looked up on Object.prototype: an action, a V3 algorithm or
// signed header, a TTS variable, a dialog node or branch value named `constructor`, `__proto__`,
// `toString` or `hasOwnProperty` answers its documented error (or works as any other name would).
import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { admin } from '../support/admin.js';
import { client } from '../support/clients.js';
import { rawCall, send } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
let s: TestServer;

before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

/** A V3 request signed by hand, so the action, algorithm and signed headers can be anything. */
async function v3Raw(opts: { action?: string; algorithm?: string; extraSigned?: string[] }) {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${s.port}`, 'x-acs-action': opts.action ?? 'QueryRobotTaskList', 'x-acs-version': '2017-05-25',
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'x-acs-signature-nonce': randomUUID().replace(/-/g, ''),
    'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
  };
  const names = [...Object.keys(headers), ...(opts.extraSigned ?? [])].sort();
  const block = names.map((h) => `${h}:${Object.hasOwn(headers, h) ? headers[h] : ''}\n`).join('');
  const canonical = ['GET', '/', '', block, names.join(';'), headers['x-acs-content-sha256']].join('\n');
  const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', s.accessKeySecret).update(toSign).digest('hex');
  const algorithm = opts.algorithm ?? 'ACS3-HMAC-SHA256';
  const { host: _host, ...sent } = headers;
  return send(s.port, { method: 'GET', query: '', body: '', headers: {
    ...sent, authorization: `${algorithm} Credential=${s.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`,
  } });
}

describe('names that are Object.prototype keys', () => {
  test('Action=constructor, __proto__, toString... answers InvalidAction.NotFound on v1 and V3', async () => {
    for (const action of PROTO_NAMES) {
      const r = await rawCall(s.port, action, {}, { ...s, secret: s.accessKeySecret });
      assert.equal(r.json().Code, 'InvalidAction.NotFound', `v1 ${action}: ${r.text}`);
      assert.equal(r.status, 404, `v1 ${action}`);
      const r3 = await v3Raw({ action });
      assert.equal(r3.json().Code, 'InvalidAction.NotFound', `V3 ${action}: ${r3.text}`);
    }
  });

  test('an Authorization naming toString or constructor as its algorithm is no 500', async () => {
    for (const algorithm of ['toString', 'constructor', '__proto__', 'ACS3-toString']) {
      const r = await v3Raw({ algorithm });
      assert.ok(r.status >= 400 && r.status < 500, `${algorithm}: ${r.status} ${r.text}`);
    }
  });

  test('signed header names like __proto__ or constructor are read as absent headers, and verify', async () => {
    const r = await v3Raw({ extraSigned: ['__proto__', 'constructor', 'tostring'] });
    assert.equal(r.status, 200, r.text);
  });

  test('TTS variables and values named after prototype keys are kept as given', async () => {
    const v3 = client('openapi-v3', s);
    const id = Number((await v3('CreateRobotTask', {
      TaskName: 'proto', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
    })).body.Data);
    const r = await v3('UploadRobotTaskCalledFile', {
      Id: id, CalledNumber: '13800138000', TtsParamHead: JSON.stringify(PROTO_NAMES),
      TtsParam: JSON.stringify([{ number: 'all', params: PROTO_NAMES }]),
    });
    assert.equal(r.body.Code, 'OK', JSON.stringify(r.body));
    const bad = await v3('UploadRobotTaskCalledFile', {
      Id: id, CalledNumber: '13800138000', TtsParamHead: '["a"]', TtsParam: JSON.stringify([{ number: '__proto__', params: ['x'] }]),
    });
    assert.equal(bad.body.Code, 'InvalidTtsParam', JSON.stringify(bad.body));
  });

  test('admin: a dialog naming an undefined node constructor or toString is refused; one naming __proto__ too', async () => {
    const account = 'LTAItestkey0000000001';
    const put = (dialog: unknown) => admin(s.port, 'PUT', `accounts/${account}/robots/1000000075003`, { dialog });
    for (const ghost of ['constructor', 'toString', '__proto__']) {
      const r = await put({ start: ghost, nodes: { a: { hangup: true } } });
      assert.equal(r.status, 400, `start ${ghost}: ${JSON.stringify(r.json)}`);
      const n = await put({ start: 'a', nodes: { a: { next: ghost } } });
      assert.equal(n.status, 400, `next ${ghost}: ${JSON.stringify(n.json)}`);
    }
    const proto = await admin(s.port, 'PUT', `accounts/${account}/robots/1000000075003`, JSON.parse(
      '{"dialog":{"start":"a","nodes":{"a":{"branch":{"var":"x","cases":{"__proto__":"a"},"default":"a"}},"__proto__":{"hangup":true}}}}'));
    assert.equal(proto.status, 400, JSON.stringify(proto.json));
    assert.match(String(proto.json.error), /__proto__/);
    const ok = await put({ start: 'constructor', nodes: {
      constructor: { branch: { var: 'toString', cases: { toString: 'hasOwnProperty', valueOf: 'constructor' }, default: 'hasOwnProperty' } },
      hasOwnProperty: { hangup: true },
    } });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
  });
});
