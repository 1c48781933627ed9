import assert from 'node:assert/strict';
import { test } from 'node:test';
import { client } from '../support/clients.js';
import { rawCall } from '../support/raw-request.js';
import { startTestServer } from '../support/test-server.js';

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
  } finally {
    await s.close();
  }
});
