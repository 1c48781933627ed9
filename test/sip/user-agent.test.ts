// robotcall's SIP user agent against SIPp as the trunk (one scenario per case, test/sip/scenarios):
// every final answer becomes the state code of docs/decisions.md D15, over UDP and TCP; CANCEL at the
// ring timeout; a 2xx acknowledged and the call ended by either side's BYE; digest authentication.
// Skips without sipp (apt-get install -y sip-tester).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOffer, type Answer } from '../../src/carrier/sip/sdp.js';
import type { CallEnd } from '../../src/carrier/sip/sip-call.js';
import { SipUserAgent } from '../../src/carrier/sip/user-agent.js';
import { SIPP_MISSING, startSipp, type SippOptions } from '../support/sipp.js';

const skip = SIPP_MISSING ?? false;

interface Heard { ringing: number; early: Array<{ answer: Answer | null; reasons: string[] }>; answered: Answer | null; end: CallEnd; ms: number }

/** One call from a fresh user agent to a fresh SIPp running `scenario`; what the call reported, once SIPp has finished too. */
async function callThrough(o: SippOptions & { ringTimeoutMs?: number; credentials?: { username: string; password: string }; hangupAfterMs?: number }): Promise<Heard> {
  const sipp = await startSipp(o);
  const ua = await SipUserAgent.open({
    protocol: sipp.transport, localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: sipp.port },
    credentials: o.credentials ?? null, ringTimeoutMs: o.ringTimeoutMs ?? 10_000,
  });
  try {
    const t0 = performance.now();
    const heard = await new Promise<Heard>((resolve) => {
      const h: Omit<Heard, 'end' | 'ms'> = { ringing: 0, early: [], answered: null };
      const call = ua.call({ caller: '057156860006', callee: '13800000001', offer: buildOffer({ address: '127.0.0.1', port: 40_000, sessionId: '1' }) }, {
        ringing: () => { h.ringing++; },
        earlyMedia: (answer, reasons) => h.early.push({ answer, reasons }),
        answered: (answer) => {
          h.answered = answer;
          if (o.hangupAfterMs !== undefined) setTimeout(() => call.hangup(), o.hangupAfterMs);
        },
        ended: (end) => resolve({ ...h, end, ms: performance.now() - t0 }),
      });
    });
    const sippDone = await sipp.exited;
    assert.equal(sippDone.code, 0, `SIPp's scenario ${o.scenario} did not complete:\n${sippDone.errors}`);
    assert.equal(ua.activeCalls, 0, 'the call is forgotten once it ended');
    return heard;
  } finally {
    sipp.stop();
    await ua.close();
  }
}

const failed = (end: CallEnd) => {
  assert.equal(end.answered, false, JSON.stringify(end));
  return end as Extract<CallEnd, { answered: false }>;
};

for (const transport of ['udp', 'tcp'] as const) {
  test(`${transport}: each final refusal becomes its state code, after ringing`, { skip }, async () => {
    for (const [status, reason, code] of [[486, 'Busy Here', '200002'], [480, 'Temporarily Unavailable', '200003'], [404, 'Not Found', '200004'], [603, 'Decline', '200005'], [503, 'Service Unavailable', '200012'], [410, 'Gone', '200011'], [499, 'Unknown', '200012']] as const) {
      const heard = await callThrough({ scenario: 'reject', transport, fill: { status, reason } });
      const end = failed(heard.end);
      assert.deepEqual([end.status, end.code, end.why, heard.ringing], [status, code, 'final', 1], `${status} ${reason}`);
    }
  });

  test(`${transport}: answered, then the callee hangs up: the answer's SDP is read and the end is the user's`, { skip }, async () => {
    const heard = await callThrough({ scenario: 'answer', transport, keys: { hangup: 'user' }, fill: { talk_ms: 300 } });
    assert.deepEqual(heard.end, { answered: true, by: 'user' });
    assert.equal(heard.answered?.codec, 'PCMU');
    assert.equal(heard.answered?.eventType, 101);
    assert.equal(heard.answered?.address, '127.0.0.1');
    assert.ok(heard.ms >= 300, `the call lasted until the BYE (${heard.ms} ms)`);
  });
}

test('answered, then the robot hangs up: BYE through the dialog, answered 200', { skip }, async () => {
  const heard = await callThrough({ scenario: 'answer', keys: { hangup: 'robot' }, fill: { talk_ms: 0 }, hangupAfterMs: 200 });
  assert.deepEqual(heard.end, { answered: true, by: 'robot' });
});

test('no answer within the ring timeout: CANCEL, and the 487 ends it as no answer (200003)', { skip }, async () => {
  const heard = await callThrough({ scenario: 'ring-forever', ringTimeoutMs: 500 });
  const end = failed(heard.end);
  assert.deepEqual([end.code, end.status, end.why], ['200003', 487, 'ring-timeout']);
  assert.ok(heard.ms >= 500 && heard.ms < 5_000, `ended after the ring timeout (${heard.ms} ms)`);
});

test('early media with Reason Q.850 cause 20, then 480: the 183 says powered off, the end is no answer', { skip }, async () => {
  const heard = await callThrough({ scenario: 'early-reject', keys: { cause: 20 } });
  assert.equal(heard.early.length, 1);
  assert.deepEqual(heard.early[0]!.reasons, ['Q.850;cause=20;text="announcement"']);
  assert.equal(heard.early[0]!.answer?.codec, 'PCMA');
  assert.deepEqual([failed(heard.end).code, failed(heard.end).status], ['200003', 480]);
});

test('a digest challenge is answered with the credentials, and the call goes through', { skip }, async () => {
  const heard = await callThrough({ scenario: 'auth', credentials: { username: 'trunkuser', password: 'trunksecret' }, hangupAfterMs: 100 });
  assert.deepEqual(heard.end, { answered: true, by: 'robot' });
  assert.equal(heard.answered?.codec, 'PCMA');
});

test('wrong credentials: the trunk refuses them (403) and the call is rejected (200005)', { skip }, async () => {
  const heard = await callThrough({ scenario: 'auth', credentials: { username: 'trunkuser', password: 'wrong' } });
  assert.deepEqual([failed(heard.end).status, failed(heard.end).code], [403, '200005']);
});

test('no credentials configured: the 401 itself rejects the call (200005)', { skip }, async () => {
  const sipp = await startSipp({ scenario: 'auth' });
  const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: sipp.port }, credentials: null, ringTimeoutMs: 5_000 });
  try {
    const end = await new Promise<CallEnd>((resolve) => ua.call({ caller: '1', callee: '2', offer: buildOffer({ address: '127.0.0.1', port: 40_000, sessionId: '1' }) }, { ended: resolve }));
    assert.deepEqual([failed(end).status, failed(end).code], [401, '200005']);
  } finally {
    sipp.stop();
    await ua.close();
  }
});

test('a trunk that does not answer at all: the INVITE times out (Timer B) as call loss', async () => {
  // Nothing listens on the trunk's port; short RFC timers keep the test fast.
  const ua = await SipUserAgent.open({
    protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: 9 }, credentials: null, ringTimeoutMs: 60_000, timers: { t1: 20, t2: 160 },
  });
  try {
    const t0 = performance.now();
    const end = await new Promise<CallEnd>((resolve) => ua.call({ caller: '1', callee: '2', offer: buildOffer({ address: '127.0.0.1', port: 40_000, sessionId: '1' }) }, { ended: resolve }));
    assert.equal(failed(end).code, '200012');
    assert.ok(['timeout', 'transport'].includes(failed(end).why));
    assert.ok(performance.now() - t0 < 5_000);
  } finally {
    await ua.close();
  }
});
