// The SIP parser fuzzed (fast-check): whatever a peer sends, parsing answers a message or throws
// SipParseError — never another error, never a hang; what parses writes back and parses to the same
// message; the header-value readers (addresses, Via, CSeq, URIs, digest challenges, SDP answers)
// throw only their own errors. Inputs: random bytes, and real messages cut, spliced and mutated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCSeq, parseNameAddr, parseSipUri, parseVia } from './address.js';
import { parseChallenge } from './digest.js';
import { hasControl, parseMessage, serializeMessage, SipParseError } from './message.js';
import { parseAnswer, SdpError } from './sdp.js';
import { StreamFramer, FramingError } from './stream-framer.js';

const SEEDS = [
  'INVITE sip:13800000001@trunk:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKa;rport\r\nMax-Forwards: 70\r\n'
    + 'From: <sip:057156860006@trunk>;tag=1\r\nTo: <sip:13800000001@trunk>\r\nCall-ID: c@robotcall\r\nCSeq: 1 INVITE\r\n'
    + 'Content-Type: application/sdp\r\nContent-Length: 31\r\n\r\nv=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 1 R',
  'SIP/2.0 401 Unauthorized\r\nv: SIP/2.0/TCP h;branch=z9hG4bKb\r\nf: "A, B" <sip:a@b>;tag=x\r\nt: <sip:c@d>;tag=y\r\ni: id\r\n'
    + 'CSeq: 2 INVITE\r\nWWW-Authenticate: Digest realm="r", nonce="n", qop="auth"\r\nReason: Q.850;cause=17\r\nl: 0\r\n\r\n',
  'BYE sip:robotcall@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP [::1]:5060;branch=z9hG4bKc\r\nRecord-Route: <sip:p1;lr>, <sip:p2;lr>\r\n'
    + 'Subject: folded\r\n  line\r\nContent-Length: 0\r\n\r\n',
];

/** A seed cut, spliced with another, or with bytes flipped, inserted or deleted. */
const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom('flip', 'insert', 'delete', 'cut', 'splice')), { maxLength: 8 }))
  .map(([a, b, edits]) => {
    let bytes = Buffer.from(a, 'utf8');
    for (const [at, value, kind] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'flip') bytes[i] = value;
      else if (kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([value]), bytes.subarray(i)]);
      else if (kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
      else if (kind === 'cut') bytes = bytes.subarray(0, i);
      else bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(b, 'utf8').subarray(value % b.length)]);
    }
    return bytes;
  });

const anyInput = fc.oneof(mutated, fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)), fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)));

const only = (fn: () => unknown, ...allowed: Array<new (...args: never[]) => Error>) => {
  try {
    fn();
  } catch (err) {
    if (!allowed.some((E) => err instanceof E)) throw err;
  }
};

test('parseMessage answers a message or SipParseError for any input; what parses survives a round trip', () => {
  fc.assert(fc.property(anyInput, (bytes) => {
    let m;
    try {
      m = parseMessage(bytes);
    } catch (err) {
      assert.ok(err instanceof SipParseError, `not a SipParseError: ${String(err)}`);
      return;
    }
    // Nothing a peer sends reaches a header value that could not be written back (a stray CR or LF
    // would break out of its line, and serialize refuses it).
    assert.ok(m.headers.every(([, v]) => !hasControl(v)), 'no control character in a parsed value');
    const again = parseMessage(serializeMessage(m));
    assert.deepEqual({ ...again, headers: again.headers.filter(([n]) => n !== 'content-length') }, { ...m, headers: m.headers.filter(([n]) => n !== 'content-length') });
  }), { numRuns: 3_000 });
});

test('the header readers throw only their own errors', () => {
  fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutated.map((b) => b.toString('utf8').split('\r\n')[1] ?? '')), (value) => {
    only(() => parseNameAddr(value), SipParseError);
    only(() => parseVia(value), SipParseError);
    only(() => parseCSeq(value), SipParseError);
    only(() => parseSipUri(value), SipParseError);
    only(() => parseChallenge(value), SipParseError);
    only(() => parseAnswer(value), SdpError);
  }), { numRuns: 3_000 });
});

test('the stream framer gives the same messages whatever the chunking, or FramingError', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...SEEDS.slice(1)), { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (messages, sizes) => {
    const stream = Buffer.from(messages.join('\r\n'), 'utf8');
    const framer = new StreamFramer();
    const out: string[] = [];
    let at = 0;
    for (let i = 0; at < stream.length; i++) {
      const size = sizes[i % sizes.length]!;
      for (const frame of framer.push(stream.subarray(at, at + size))) out.push(frame.toString('utf8'));
      at += size;
    }
    assert.deepEqual(out, messages);
  }), { numRuns: 500 });
  fc.assert(fc.property(anyInput, (bytes) => only(() => new StreamFramer().push(bytes), FramingError)), { numRuns: 2_000 });
});
