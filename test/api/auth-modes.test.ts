import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { admin, newKey } from '../support/admin.js';
import { client } from '../support/clients.js';
import { rawCall, send, signV1 } from '../support/raw-request.js';
import { signV3 } from '../support/raw-v3.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const keyCount = async (s: TestServer) => ((await admin(s.port, 'GET', 'keys')).json.keys as unknown[]).length;

// Longer than 64, or outside [A-Za-z0-9._-]: never a key, never looked up or created.
const ODD_KEY_IDS = ['L'.repeat(6000), 'L'.repeat(65), 'LTAI\u0000x', 'LTAI key', 'LTAI/x', 'LTAI键', 'LTAI%x', 'LTAI\u0001'];

async function expectOddKeyIdsNotFound(s: TestServer): Promise<void> {
  const before = await keyCount(s);
  for (const id of ODD_KEY_IDS) {
    const v1 = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: id, secret: 'shared-secret' });
    assert.deepEqual([v1.status, v1.json().Code], [404, 'InvalidAccessKeyId.NotFound'], `v1 ${JSON.stringify(id.slice(0, 20))}`);
    if (!/^[ -~]*$/.test(id)) continue; // a header cannot carry it
    const v3 = await send(s.port, signV3('QueryRobotTaskList', {}, { port: s.port, accessKeyId: id, secret: 'shared-secret' }));
    assert.deepEqual([v3.status, v3.json().Code], [404, 'InvalidAccessKeyId.NotFound'], `V3 ${JSON.stringify(id.slice(0, 20))}`);
  }
  assert.equal(await keyCount(s), before, 'no key or account was made for them');
}

test('any-key mode gives every new AccessKeyId its own account and checks only the form of signatures', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key' } });
  try {
    const a = client('openapi-v3', { port: s.port, accessKeyId: 'LTAIanyone1', accessKeySecret: 'whatever' });
    const b = client('pop-get', { port: s.port, accessKeyId: 'LTAIanyone2', accessKeySecret: 'other' });
    const id = (await a('CreateRobotTask', { TaskName: 'a', DialogId: 1, Caller: '1', NumberStatusIdent: true, RetryType: 0 })).body;
    assert.equal(id.Code, 'isv.TEMPLATE_ILLEGAL', 'the new account exists and has its own robots, not robot 1');
    const robots = JSON.parse((await a('QueryRobotv2AllList')).body.Data as string) as Array<{ id: number }>;
    const created = await a('CreateRobotTask', { TaskName: 'a', DialogId: robots[0]!.id, Caller: '057156860008', NumberStatusIdent: true, RetryType: 0 });
    assert.equal(created.body.Code, 'OK');
    assert.equal((await b('QueryRobotTaskDetail', { Id: created.body.Data as string })).body.Code, 'isv.TASK_NOT_FOUND');
    const sts = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIanyone1', secret: 'x', common: { SecurityToken: 't' } });
    assert.equal(sts.status, 200, 'STS tokens are accepted in any-key mode');
    const malformed = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIanyone1', secret: 'x', common: { Signature: 'not-base64' } });
    assert.equal(malformed.json().Code, 'SignatureDoesNotMatch', 'the signature must still be well formed');
  } finally {
    await s.close();
  }
});

test('any-key mode with --any-key-secret checks every signature against it', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key', anyKeySecret: 'shared-secret' } });
  try {
    assert.equal((await client('pop-get', { port: s.port, accessKeyId: 'LTAInew', accessKeySecret: 'shared-secret' })('QueryRobotTaskList')).status, 200);
    assert.equal((await client('pop-get', { port: s.port, accessKeyId: 'LTAInew', accessKeySecret: 'nope' })('QueryRobotTaskList')).body.Code, 'SignatureDoesNotMatch');
  } finally {
    await s.close();
  }
});

test('--rate-limit answers Throttling.User with x-acs-retry-after, per account', async () => {
  const s = await startTestServer({ flags: { rateLimit: 3 } });
  try {
    const codes: string[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret });
      codes.push(String(r.json().Code));
      if (r.status === 400) retryAfter = r.headers.get('x-acs-retry-after');
    }
    assert.deepEqual(codes.slice(0, 3), ['OK', 'OK', 'OK']);
    assert.equal(codes[3], 'Throttling.User');
    assert.ok(Number(retryAfter) > 0 && Number(retryAfter) <= 1000, `retry after ${retryAfter}`);
    const err = await client('openapi-v3', s)('QueryRobotTaskList').catch((e: unknown) => e);
    assert.equal((err as { body?: { Code?: string } }).body?.Code, 'Throttling.User');
    // A throttled request stores nothing: the same signed request passes once the wait is over.
    const signed = signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret });
    assert.equal((await send(s.port, signed)).json().Code, 'Throttling.User');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await send(s.port, signed)).json().Code, 'OK', 'its nonce was not used up');
    assert.equal((await send(s.port, signed)).json().Code, 'SignatureNonceUsed', 'then it is');
  } finally {
    await s.close();
  }
});

test('any-key mode with --any-key-secret makes no account for a forged request: the signature and nonce come first', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key', anyKeySecret: 'shared-secret', engine: 'off' } });
  try {
    const before = await keyCount(s);
    for (let i = 0; i < 20; i++) {
      const forged = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: `LTAIforged${i}`, secret: 'guess' });
      assert.deepEqual([forged.status, forged.json().Code], [400, 'SignatureDoesNotMatch']);
      const v3 = await send(s.port, signV3('QueryRobotTaskList', {}, { port: s.port, accessKeyId: `LTAIforgedv3${i}`, secret: 'guess' }));
      assert.deepEqual([v3.status, v3.json().Code], [400, 'SignatureDoesNotMatch']);
    }
    assert.equal(await keyCount(s), before, 'no account for a forged request');
    const badNonce = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIbadnonce', secret: 'shared-secret', nonce: 'n'.repeat(129) });
    assert.deepEqual([badNonce.status, badNonce.json().Code], [400, 'InvalidSignatureNonce']);
    assert.equal(await keyCount(s), before, 'no account for a refused nonce');
    const signed = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIgenuine', secret: 'shared-secret' });
    assert.equal(signed.status, 200, signed.text);
    assert.equal(await keyCount(s), before + 1, 'a verified request makes its account');
    await expectOddKeyIdsNotFound(s);
  } finally {
    await s.close();
  }
});

test('any-key mode without a secret makes no account for a malformed signature', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key', engine: 'off' } });
  try {
    const before = await keyCount(s);
    const malformed = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAImalformed', secret: 'x', common: { Signature: 'not-base64' } });
    assert.equal(malformed.json().Code, 'SignatureDoesNotMatch');
    assert.equal(await keyCount(s), before);
    await expectOddKeyIdsNotFound(s);
  } finally {
    await s.close();
  }
});

test('strict mode answers an AccessKeyId of the wrong form InvalidAccessKeyId.NotFound', async () => {
  const s = await startTestServer({ flags: { engine: 'off' } });
  try {
    await expectOddKeyIdsNotFound(s);
    const sts = await send(s.port, signV3('QueryRobotTaskList', {}, { port: s.port, accessKeyId: 'STS.NUx9e_k-1', secret: 'x' }));
    assert.deepEqual([sts.status, sts.json().Code], [404, 'InvalidAccessKeyId.NotFound'], 'an STS-shaped id has the right form');
  } finally {
    await s.close();
  }
  // A configured key no request could name is refused at start, not at the first call.
  assert.throws(() => loadConfig({ ROBOTCALL_ACCESS_KEY_ID: 'my key', ROBOTCALL_ACCESS_KEY_SECRET: 's' }), /invalid access key id \(ROBOTCALL_ACCESS_KEY_ID\): must be 1-64 characters/);
});

test('any-key mode checks a key robotcall holds with its own secret against that secret, never the shared one', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key', anyKeySecret: 'shared-secret', engine: 'off' } });
  try {
    const own = await newKey(s.port);
    for (const id of [own.AccessKeyId, s.accessKeyId]) {
      const shared = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: id, secret: 'shared-secret' });
      assert.deepEqual([shared.status, shared.json().Code], [400, 'SignatureDoesNotMatch'], `v1 ${id} with the shared secret`);
      const v3 = await send(s.port, signV3('QueryRobotTaskList', {}, { port: s.port, accessKeyId: id, secret: 'shared-secret' }));
      assert.deepEqual([v3.status, v3.json().Code], [400, 'SignatureDoesNotMatch'], `V3 ${id} with the shared secret`);
    }
    const ownSigned = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: own.AccessKeyId, secret: own.AccessKeySecret });
    assert.equal(ownSigned.status, 200, 'its own secret still works');
    const adopted = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIadopted', secret: 'shared-secret' });
    assert.equal(adopted.status, 200, 'a new key id is checked against the shared secret');
    const again = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIadopted', secret: 'shared-secret' });
    assert.equal(again.status, 200, 'and so is an adopted one');
  } finally {
    await s.close();
  }
  const open = await startTestServer({ flags: { auth: 'any-key', engine: 'off' } });
  try {
    const own = await newKey(open.port);
    const guessed = await rawCall(open.port, 'QueryRobotTaskList', {}, { accessKeyId: own.AccessKeyId, secret: 'anything' });
    assert.deepEqual([guessed.status, guessed.json().Code], [400, 'SignatureDoesNotMatch'], 'without a shared secret too');
  } finally {
    await open.close();
  }
});

test('any-key mode adopts at most maxAdoptedKeys new AccessKeyIds; past that they are not found and nothing is stored', async () => {
  const s = await startTestServer({ flags: { auth: 'any-key', anyKeySecret: 'shared-secret', engine: 'off' }, start: { maxAdoptedKeys: 2 } });
  try {
    for (const id of ['LTAIcap1', 'LTAIcap2']) {
      assert.equal((await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: id, secret: 'shared-secret' })).status, 200);
    }
    const before = await keyCount(s);
    const third = await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIcap3', secret: 'shared-secret' });
    assert.deepEqual([third.status, third.json().Code], [404, 'InvalidAccessKeyId.NotFound']);
    assert.match(String(third.json().Message), /10,000|adopted/);
    assert.equal(await keyCount(s), before, 'no key or account for it');
    assert.equal((await rawCall(s.port, 'QueryRobotTaskList', {}, { accessKeyId: 'LTAIcap1', secret: 'shared-secret' })).status, 200, 'adopted keys still work');
    assert.equal((await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret })).status, 200, 'so do keys of its own');
  } finally {
    await s.close();
  }
});
