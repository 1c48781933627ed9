// RFC 3261 timers on UDP (§17.1.1.2, §17.1.2.2), against a trunk written here on a real UDP socket
// that stays silent for a while: the INVITE goes again at T1, 2·T1, 4·T1… until a response; a
// provisional stops it; a BYE's retransmissions are capped at T2; a retransmitted final is
// acknowledged again. Short timers (T1 = 40 ms) keep it fast; the intervals are what is checked.
import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { test } from 'node:test';
import { header, parseMessage, serializeMessage, type SipRequest } from '../../src/carrier/sip/message.js';
import { buildOffer } from '../../src/carrier/sip/sdp.js';
import type { CallEnd } from '../../src/carrier/sip/sip-call.js';
import { responseTo, SipUserAgent } from '../../src/carrier/sip/user-agent.js';

const T1 = 40;

interface Seen { method: string; at: number; from: RemoteInfo; rq: SipRequest }

async function trunk(answer: (rq: SipRequest, nth: number, reply: (text: Buffer) => void) => void) {
  const socket = createSocket('udp4');
  const seen: Seen[] = [];
  const t0 = performance.now();
  socket.on('message', (data, from) => {
    const m = parseMessage(data);
    if (m.kind !== 'request') return;
    seen.push({ method: m.method, at: performance.now() - t0, from, rq: m });
    answer(m, seen.filter((s) => s.method === m.method).length, (text) => socket.send(text, from.port, from.address));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, seen, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

const offer = buildOffer({ address: '127.0.0.1', port: 40_000, sessionId: '1' });
const SDP = 'v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n';

test('the INVITE is retransmitted at doubling intervals until the trunk answers; the 486 is acknowledged, twice when sent twice', async () => {
  const t = await trunk((rq, nth, reply) => {
    if (rq.method === 'INVITE' && nth === 4) {
      const busy = serializeMessage(responseTo(rq, 486, 'Busy Here'));
      reply(busy);
      setTimeout(() => reply(busy), 20); // as if our ACK were lost
    }
  });
  const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: t.port }, credentials: null, ringTimeoutMs: 10_000, timers: { t1: T1, t2: 8 * T1 } });
  try {
    const end = await new Promise<CallEnd>((resolve) => ua.call({ caller: '1', callee: '2', offer }, { ended: resolve }));
    assert.deepEqual(end, { answered: false, code: '200002', status: 486, reasons: [], why: 'final' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const invites = t.seen.filter((s) => s.method === 'INVITE');
    assert.equal(invites.length, 4);
    const gaps = invites.slice(1).map((s, i) => s.at - invites[i]!.at);
    // Never much sooner than the timer (the first datagram may leave a little after its timer started);
    // a load only makes them later.
    gaps.forEach((gap, i) => assert.ok(gap >= T1 * 2 ** i - 15 && gap < T1 * 2 ** i + 200, `gap ${i + 1} is ${gap} ms, T1·2^${i} = ${T1 * 2 ** i}`));
    assert.equal(new Set(invites.map((s) => header(s.rq, 'via'))).size, 1, 'a retransmission is the same request');
    assert.equal(t.seen.filter((s) => s.method === 'ACK').length, 2, 'each copy of the final is acknowledged');
  } finally {
    await ua.close();
    await t.close();
  }
});

test('a provisional stops the INVITE retransmissions; a BYE is retransmitted at most every T2 until answered', async () => {
  const t = await trunk((rq, nth, reply) => {
    if (rq.method === 'INVITE') {
      reply(serializeMessage(responseTo(rq, 180, 'Ringing')));
      const ok = serializeMessage(responseTo(rq, 200, 'OK', [['contact', '<sip:trunk@127.0.0.1>'], ['content-type', 'application/sdp']], SDP));
      setTimeout(() => reply(ok), 10 * T1);
      setTimeout(() => reply(ok), 11 * T1); // as if the ACK were lost: the 2xx comes again
    }
    if (rq.method === 'BYE' && nth === 6) reply(serializeMessage(responseTo(rq, 200, 'OK')));
  });
  const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: t.port }, credentials: null, ringTimeoutMs: 10_000, timers: { t1: T1, t2: 4 * T1 } });
  try {
    const end = await new Promise<CallEnd>((resolve) => {
      // The robot hangs up once the 2xx has come again (and been acknowledged again).
      const call = ua.call({ caller: '1', callee: '2', offer }, { answered: () => setTimeout(() => call.hangup(), 2 * T1), ended: resolve });
    });
    assert.deepEqual(end, { answered: true, by: 'robot' });
    assert.equal(t.seen.filter((s) => s.method === 'INVITE').length, 1, 'the 180 came before T1: no INVITE went again');
    assert.equal(t.seen.filter((s) => s.method === 'ACK').length, 2, 'the 2xx and its retransmission are each acknowledged');
    const byes = t.seen.filter((s) => s.method === 'BYE');
    assert.equal(byes.length, 6);
    const gaps = byes.slice(1).map((s, i) => s.at - byes[i]!.at);
    const expected = [T1, 2 * T1, 4 * T1, 4 * T1, 4 * T1];
    gaps.forEach((gap, i) => assert.ok(gap >= expected[i]! - 15 && gap < expected[i]! + 200, `BYE gap ${i + 1} is ${gap} ms, expected ${expected[i]}`));
    // Capped at T2: the last three take 3·T2 (480 ms), where doubling on would take 1,120.
    assert.ok(gaps.slice(2).reduce((a, b) => a + b, 0) < 3 * 4 * T1 + 300, `the last three gaps: ${gaps.slice(2).join(', ')} ms`);
    assert.equal(header(byes[0]!.rq, 'to'), header(t.seen.find((s) => s.method === 'ACK')!.rq, 'to'), "the BYE is in the 2xx's dialog (its To tag)");
  } finally {
    await ua.close();
    await t.close();
  }
});
