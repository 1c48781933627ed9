import assert from 'node:assert/strict';
import { test } from 'node:test';
import { header, headerValues, MAX_MESSAGE, parseMessage, serializeMessage, SipParseError, type SipResponse } from './message.js';

const crlf = (lines: string[]) => lines.join('\r\n');

const RINGING = crlf([
  'SIP/2.0 180 Ringing',
  'v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc;rport=5070',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKother',
  'f: "Robot, Inc." <sip:057156860006@127.0.0.1>;tag=r1',
  'To: <sip:13800000001@trunk>;tag=t1',
  'i: call-1@127.0.0.1',
  'CSeq: 1 INVITE',
  'Subject: a folded',
  '  header value',
  'Content-Length: 0',
  '', '',
]);

test('a response parses: status, reason, headers in order with compact names expanded, folded lines joined', () => {
  const m = parseMessage(RINGING) as SipResponse;
  assert.equal(m.kind, 'response');
  assert.deepEqual([m.status, m.reason], [180, 'Ringing']);
  assert.equal(header(m, 'call-id'), 'call-1@127.0.0.1');
  assert.equal(header(m, 'from'), '"Robot, Inc." <sip:057156860006@127.0.0.1>;tag=r1');
  assert.equal(header(m, 'subject'), 'a folded header value');
  assert.deepEqual(headerValues(m, 'via'), [
    'SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc;rport=5070',
    'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy',
    'SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKother',
  ]);
  assert.deepEqual(headerValues(m, 'from'), ['"Robot, Inc." <sip:057156860006@127.0.0.1>;tag=r1'], 'a comma inside quotes splits nothing');
  assert.equal(m.body, '');
});

test('a request with a body: the body is Content-Length bytes (multi-byte text counted in bytes), extra bytes dropped', () => {
  const body = 'v=0\r\ns=机器人\r\n';
  const m = parseMessage(crlf(['BYE sip:robot@127.0.0.1:5070 SIP/2.0', 'CSeq: 2 BYE', `l: ${Buffer.byteLength(body)}`, '', body + 'trailing garbage']));
  assert.equal(m.kind, 'request');
  assert.equal(m.kind === 'request' && m.method, 'BYE');
  assert.equal(m.body, body);
});

test('what is not a SIP message is refused with SipParseError', () => {
  const bad = [
    'HTTP/1.1 200 OK\r\n\r\n',
    'SIP/2.0 99 Too Low\r\n\r\n',
    'SIP/2.0 700 Too High\r\n\r\n',
    'INVITE sip:a@b SIP/3.0\r\n\r\n',
    'SIP/2.0 200 OK\r\nno colon here\r\n\r\n',
    'SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort',
    'SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n',
    'SIP/2.0 200 OK\r\nContent-Length: 0',
    `SIP/2.0 200 OK\r\nX: ${'a'.repeat(MAX_MESSAGE)}\r\n\r\n`,
    `SIP/2.0 200 OK\r\n${'X: 1\r\n'.repeat(201)}\r\n`,
    // A lone LF or CR inside a header would carry into what robotcall writes back.
    'OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nX-Injected: yes\r\n\r\n',
    'OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\rX-Injected: yes\r\n\r\n',
    'OPTIONS sip:x SIP/2.0\r\nTo: <sip:a@b>\x00\r\n\r\n',
  ];
  for (const text of bad) assert.throws(() => parseMessage(text), SipParseError, JSON.stringify(text.slice(0, 60)));
});

test('serialize writes RFC spellings and a Content-Length from the body; parse(serialize(m)) gives m back', () => {
  const m = parseMessage(RINGING);
  const wire = serializeMessage({ ...m, body: 'x=1' }).toString('utf8');
  assert.match(wire, /^SIP\/2\.0 180 Ringing\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.1:5070/);
  assert.match(wire, /\r\nCall-ID: call-1@127\.0\.0\.1\r\n/);
  assert.match(wire, /\r\nCSeq: 1 INVITE\r\n/);
  assert.match(wire, /\r\nContent-Length: 3\r\n\r\nx=1$/);
  assert.deepEqual(parseMessage(wire), { ...m, body: 'x=1', headers: [...m.headers.filter(([n]) => n !== 'content-length'), ['content-length', '3']] });
  assert.throws(() => serializeMessage({ ...m, headers: [['subject', 'a\r\nInjected: yes']] }), /line break/);
});
