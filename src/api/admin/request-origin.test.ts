import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foreignRequest, isJsonContentType } from './request-origin.js';

const own = { port: 8080, publicUrl: 'https://robotcall.example' };

test('the Host must be a loopback name with our port, or the public URL host', () => {
  for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LocalHost:8080', '[::1]:8080', '127.9.9.9:8080', 'robotcall.example:443', 'Robotcall.Example']) {
    assert.equal(foreignRequest({ host }, own, true), null, host);
  }
  for (const host of [undefined, '', 'evil.example:8080', '127.0.0.1:8081', '127.0.0.1', 'robotcall.example:80', 'localhost.evil:8080', '[::2]:8080', '127.0.0.1:8080@evil', '0.0.0.0:8080']) {
    assert.match(foreignRequest({ host }, own, true) ?? '', /Host/, String(host));
  }
  assert.equal(foreignRequest({ host: 'localhost' }, { port: 80, publicUrl: null }, true), null, 'no port is port 80');
  assert.equal(foreignRequest({ host: 'evil.example:8080' }, own, false), null, 'with a token the Host is not checked');
});

test('an Origin, when sent, must be the origin the request is addressed to or the public URL', () => {
  const host = '127.0.0.1:8080';
  assert.equal(foreignRequest({ host, origin: 'http://127.0.0.1:8080' }, own, true), null);
  assert.equal(foreignRequest({ host, origin: 'https://robotcall.example' }, own, true), null);
  for (const origin of ['http://evil.example', 'http://127.0.0.1:8081', 'https://127.0.0.1:8080', 'null', 'http://localhost:8080', 'file://', '']) {
    assert.match(foreignRequest({ host, origin }, own, true) ?? '', /another origin/, origin);
    assert.match(foreignRequest({ host, origin }, own, false) ?? '', /another origin/, `${origin} with a token`);
  }
});

test('only application/json counts as JSON', () => {
  for (const t of ['application/json', 'Application/JSON', 'application/json; charset=utf-8']) assert.ok(isJsonContentType(t), t);
  for (const t of [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'text/json']) {
    assert.ok(!isJsonContentType(t), String(t));
  }
});
