import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signV1 } from './raw-request.js';

test('the test signer reproduces the docs/api/README.md v1 vector', () => {
  const { query } = signV1({ Action: 'QueryRobotTaskDetail', Id: '1045001' }, {
    method: 'POST', accessKeyId: 'testid', secret: 'testsecret', nonce: 'c6a7e9a1-4a0e-4c1e-9f43-0d2b7b1f1a11', timestamp: '2024-01-01T00:00:00Z',
  });
  assert.match(query, /&Signature=EEF91xMpiuh8wW9d%2B%2B5%2BmWw1%2FZQ%3D$/);
});
