import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerChallenge, parseAuthParams, parseChallenge } from './digest.js';

test("RFC 2617's worked example (MD5, qop=auth) gives its published response", () => {
  const challenge = parseChallenge(
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  assert.ok(challenge);
  const value = answerChallenge({
    challenge, credentials: { username: 'Mufasa', password: 'Circle Of Life' }, method: 'GET', uri: '/dir/index.html', nonceCount: 1, cnonce: '0a4f113b',
  });
  const p = parseAuthParams(value.replace(/^Digest /, ''));
  assert.equal(p.response, '6629fae49393a05397450978507c4ef1');
  assert.deepEqual([p.qop, p.nc, p.cnonce, p.opaque, p.algorithm], ['auth', '00000001', '0a4f113b', '5ccc069c403ebaf9f0171e9517f40e41', 'MD5']);
});

test("RFC 7616's worked example with SHA-256 gives its published response", () => {
  const challenge = parseChallenge(
    'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  assert.ok(challenge);
  const value = answerChallenge({
    challenge, credentials: { username: 'Mufasa', password: 'Circle of Life' }, method: 'GET', uri: '/dir/index.html', nonceCount: 1,
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  });
  assert.equal(parseAuthParams(value.replace(/^Digest /, '')).response, '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

test('without qop the response is H(HA1:nonce:HA2), and no nc or cnonce is sent', () => {
  const challenge = parseChallenge('Digest realm="sipp", nonce="abc"');
  assert.ok(challenge);
  const value = answerChallenge({ challenge, credentials: { username: 'u', password: 'p' }, method: 'INVITE', uri: 'sip:1@h', nonceCount: 1 });
  assert.doesNotMatch(value, /qop|nc=|cnonce/);
  assert.match(value, /response="[0-9a-f]{32}"/);
});

test('challenges we cannot answer are null; a digest without realm or nonce is refused', () => {
  assert.equal(parseChallenge('Basic realm="x"'), null);
  assert.equal(parseChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256'), null);
  assert.equal(parseChallenge('Digest realm="x", nonce="n", qop="auth-int"'), null);
  assert.throws(() => parseChallenge('Digest realm="x"'));
});

test('quoted parameters keep their commas and escapes', () => {
  assert.deepEqual({ ...parseAuthParams('realm="a, b", nonce="q\\"x", stale=TRUE') }, { realm: 'a, b', nonce: 'q"x', stale: 'TRUE' });
});
