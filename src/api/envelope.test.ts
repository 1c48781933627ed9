import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonText, newRequestId, renderResult, xmlSafe } from './envelope.js';

test('request ids are upper-case UUID v4 shaped and never repeat', () => {
  const ids = Array.from({ length: 10_000 }, newRequestId);
  for (const id of [ids[0]!, ids.at(-1)!]) assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});

test('a JSON envelope is exactly what JSON.stringify makes, escaped-once fields included', () => {
  const text = '{"name":"王\\"x\\u2028","n":1}\n<&>';
  const r = renderResult('QueryRobotTaskDetail', 'JSON', 'ID-1', { PageNo: '1', Data: jsonText(text), Raw: text });
  assert.equal(r.body, JSON.stringify({ RequestId: 'ID-1', Code: 'OK', Message: 'OK', PageNo: '1', Data: text, Raw: text }));
  const xml = renderResult('QueryRobotTaskDetail', 'XML', 'ID-1', { Data: jsonText(text) });
  assert.match(xml.body, /<QueryRobotTaskDetailResponse><RequestId>ID-1<\/RequestId><Code>OK<\/Code><Message>OK<\/Message><Data>\{&quot;name&quot;/);
});

test('xmlSafe writes characters XML cannot carry as \\uXXXX, which inside JSON text is the same JSON', () => {
  assert.equal(xmlSafe('plain 王 \u{1F600}\t\n'), 'plain 王 \u{1F600}\t\n');
  assert.equal(xmlSafe('a\u0000b\u0008\uFFFE\uD800'), 'a\\u0000b\\u0008\\ufffe\\ud800');
  const json = JSON.stringify({ v: 'x\\\uFFFF\u0001"' });
  assert.deepEqual(JSON.parse(xmlSafe(json)), JSON.parse(json));
});
