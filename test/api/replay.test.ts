import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { data, client } from '../support/clients.js';
import { rawCall, send } from '../support/raw-request.js';
import { signV3 } from '../support/raw-v3.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TASK = { TaskName: 'replay', DialogId: '1000000075003', Caller: '057156860008', NumberStatusIdent: 'false', RetryType: '0' };

describe('the form of a nonce', () => {
  let s: TestServer;
  before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
  after(async () => { await s.close(); });

  const taskCount = async () => data<unknown[]>(await client('pop-get', s)('QueryRobotTaskList', { PageSize: 100 })).length;

  test('a SignatureNonce of 1-128 visible ASCII characters is accepted, as the clients send it', async () => {
    for (const nonce of ['0d5fb2f6e9276c0115cc84390e7da521', 'c6a7e9a1-4a0e-4c1e-9f43-0d2b7b1f1a11', '~'.repeat(128), `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}`, 'x']) {
      const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, nonce });
      assert.equal(r.status, 200, `${nonce}: ${r.text}`);
    }
  });

  test('any other nonce is InvalidSignatureNonce before anything is stored (v1 and V3)', async () => {
    const before = await taskCount();
    for (const nonce of [randomBytes(1400).toString('hex'), 'a\u0000b', 'n'.repeat(129), 'a b', 'a\u007fb', 'a\tb', 'ключ', '随机数']) {
      const r = await rawCall(s.port, 'CreateRobotTask', TASK, { ...s, secret: s.accessKeySecret, nonce });
      assert.deepEqual([r.status, r.json().Code], [400, 'InvalidSignatureNonce'], JSON.stringify(nonce.slice(0, 20)));
    }
    for (const nonce of ['n'.repeat(129), 'a b']) {
      const r = await send(s.port, signV3('CreateRobotTask', TASK, { ...s, secret: s.accessKeySecret, nonce }));
      assert.deepEqual([r.status, r.json().Code], [400, 'InvalidSignatureNonce'], `V3 ${nonce.slice(0, 20)}`);
    }
    assert.equal(await taskCount(), before);
  });
});
