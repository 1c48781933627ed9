import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readRpcRequest } from './request-params.js';
import { parseV3Authorization, sameSignature, v1Sign, v1StringToSign, v3CanonicalRequest, v3Sign, v3StringToSign } from './signature.js';

interface Fixture {
  name: string;
  accessKeySecret: string;
  scheme: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  expectedSignature: string;
  stringToSign: string;
  canonicalRequest?: string;
}

const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/signed-requests.json', import.meta.url), 'utf8')) as Fixture[];

test('the v1 vectors of docs/api/README.md §2.1 reproduce', () => {
  const detail = new Map(Object.entries({
    AccessKeyId: 'testid', Action: 'QueryRobotTaskDetail', Format: 'JSON', Id: '1045001', SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: 'c6a7e9a1-4a0e-4c1e-9f43-0d2b7b1f1a11', SignatureVersion: '1.0', Timestamp: '2024-01-01T00:00:00Z', Version: '2017-05-25',
  }));
  assert.equal(v1Sign(v1StringToSign('POST', detail), 'testsecret'), 'EEF91xMpiuh8wW9d++5+mWw1/ZQ=');
  const ecs = new Map(Object.entries({
    AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
  }));
  assert.equal(v1Sign(v1StringToSign('GET', ecs), 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  const vms = new Map(Object.entries({
    AccessKeyId: 'testid', Action: 'QueryRobotTaskList', Format: 'JSON', SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: 'c6a7e9a1-4a0e-4c1e-9f43-0d2b7b1f1a11', SignatureVersion: '1.0', Timestamp: '2024-01-01T00:00:00Z',
    Version: '2017-05-25', TaskName: '测试 任务*(1)~',
  }));
  assert.equal(v1Sign(v1StringToSign('GET', vms), 'testsecret'), '95bsZI/SLLjUuLvy4V9UAKeIXDc=');
});

test('V3 vector of docs/api/README.md §2.2 reproduces', () => {
  const headers = {
    host: 'dyvmsapi.aliyuncs.com', 'x-acs-action': 'QueryRobotTaskDetail', 'x-acs-version': '2017-05-25',
    'x-acs-date': '2024-01-01T00:00:00Z', 'x-acs-signature-nonce': '8f14e45fceea167a5a36dedd4bea2543',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  const canonical = v3CanonicalRequest({
    method: 'POST', query: new Map([['Id', '1045001']]), headers, signedHeaders: Object.keys(headers),
    payloadHash: headers['x-acs-content-sha256'],
  });
  const sts = v3StringToSign('ACS3-HMAC-SHA256', canonical);
  assert.equal(sts.split('\n')[1], '949ec6fb690eb14664067906f4bc305bb28b2790c7dca9c5c596386ccb83c3e7');
  assert.equal(v3Sign('ACS3-HMAC-SHA256', sts, 'testsecret'), '7f51c25c1bce9a551e25a4e50abc9e9ff5d8653c29948443f9ef79f0756136e9');
});

for (const f of fixtures) {
  test(`captured request verifies: ${f.name}`, () => {
    const { method, url, headers, body } = f.request;
    const req = readRpcRequest(method, url, headers, Buffer.from(body, 'utf8'));
    if (f.scheme.startsWith('v1')) {
      const sts = v1StringToSign(method, req.params);
      assert.equal(sts, f.stringToSign);
      assert.equal(v1Sign(sts, f.accessKeySecret), f.expectedSignature);
      assert.notEqual(v1Sign(sts, `${f.accessKeySecret}x`), f.expectedSignature);
    } else {
      const auth = parseV3Authorization(headers.Authorization ?? headers.authorization ?? '');
      assert.ok(auth);
      const canonical = v3CanonicalRequest({
        method, query: req.query, headers, signedHeaders: auth.signedHeaders, payloadHash: headers['x-acs-content-sha256']!,
      });
      assert.equal(canonical, f.canonicalRequest);
      const sts = v3StringToSign('ACS3-HMAC-SHA256', canonical);
      assert.equal(sts, f.stringToSign);
      assert.equal(v3Sign('ACS3-HMAC-SHA256', sts, f.accessKeySecret), f.expectedSignature);
      assert.equal(auth.signature, f.expectedSignature);
    }
  });
}

test('signatures compare equal only when every character matches', () => {
  assert.equal(sameSignature('EEF91xMpiuh8wW9d++5+mWw1/ZQ=', 'EEF91xMpiuh8wW9d++5+mWw1/ZQ='), true);
  assert.equal(sameSignature('EEF91xMpiuh8wW9d++5+mWw1/ZQ=', 'EEF91xMpiuh8wW9d++5+mWw1/ZR='), false);
  assert.equal(sameSignature('EEF91xMpiuh8wW9d++5+mWw1/ZQ=', 'EEF91xMpiuh8wW9d++5+mWw1/ZQ'), false);
  assert.equal(sameSignature('', ''), true);
});
