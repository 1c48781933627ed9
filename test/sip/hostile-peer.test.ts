// What anyone who reaches robotcall's SIP port may send, over a real UDP socket: messages that would
// carry a line break into a reply are dropped (the user agent goes on answering), and a trunk's 2xx
// with a Record-Route that is no address still makes a call whose BYE reaches the trunk.
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { test } from 'node:test';
import { header, parseMessage, serializeMessage, type SipMessage } from '../../src/carrier/sip/message.js';
import { buildOffer } from '../../src/carrier/sip/sdp.js';
import type { CallEnd } from '../../src/carrier/sip/sip-call.js';
import { responseTo, SipUserAgent } from '../../src/carrier/sip/user-agent.js';

async function peer(onMessage: (m: SipMessage, reply: (b: Buffer | string) => void) => void): Promise<{ socket: Socket; port: number; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (data, from) => {
    let m: SipMessage;
    try {
      m = parseMessage(data);
    } catch {
      return;
    }
    onMessage(m, (b) => socket.send(b, from.port, from.address));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

test('a request whose header holds a lone LF or CR is dropped and counted; the next good one is answered', async () => {
  const heard: number[] = [];
  const p = await peer((m) => { if (m.kind === 'response') heard.push(m.status); });
  const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: p.port }, credentials: null, ringTimeoutMs: 5_000 });
  try {
    const send = (text: string) => p.socket.send(Buffer.from(text), ua.local.port, '127.0.0.1');
    send('OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\nX-Injected: yes\r\nCSeq: 1 OPTIONS\r\nCall-ID: a\r\n\r\n');
    send('BYE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK2\rX-Injected: yes\r\nCSeq: 1 BYE\r\nCall-ID: b\r\n\r\n');
    send('OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK3\r\nFrom: <sip:p@h>;tag=1\r\nTo: <sip:x@h>\r\nCSeq: 1 OPTIONS\r\nCall-ID: c\r\nContent-Length: 0\r\n\r\n');
    const deadline = Date.now() + 2_000;
    while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(heard, [200], 'only the good OPTIONS was answered');
    assert.equal(ua.layer.transport.dropped, 2);
  } finally {
    await ua.close();
    await p.close();
  }
});

for (const [routes, contact] of [['garbage', '<sip:trunk@127.0.0.1:PORT>'], ['<<<garbage>>>', '<<garbage'], ['<sip:<<x>', 'sip: broken']] as const) {
  test(`a 2xx with Record-Route ${routes} and Contact ${contact}: what is no SIP address is left out, and the ACK and BYE are well formed`, async () => {
    const requests: Array<{ method: string; uri: string }> = [];
    let inviteUri = '';
    const p = await peer((m, reply) => {
      if (m.kind !== 'request') return;
      requests.push({ method: m.method, uri: m.uri });
      if (m.method === 'INVITE') {
        inviteUri = m.uri;
        const sdp = 'v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 40000 RTP/AVP 0\r\n';
        reply(serializeMessage(responseTo(m, 200, 'OK', [['record-route', routes], ['contact', contact.replace('PORT', String(p.port))], ['content-type', 'application/sdp']], sdp)));
      }
      if (m.method === 'BYE') reply(serializeMessage(responseTo(m, 200, 'OK')));
      assert.ok(!header(m, 'route'), `${m.method} carries no Route`);
    });
    const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: p.port }, credentials: null, ringTimeoutMs: 5_000 });
    try {
      const end = await new Promise<CallEnd>((resolve) => {
        const call = ua.call({ caller: '1', callee: '2', offer: buildOffer({ address: '127.0.0.1', port: 40_002, sessionId: '1' }) }, { answered: () => call.hangup(), ended: resolve });
      });
      assert.deepEqual(end, { answered: true, by: 'robot' });
      assert.deepEqual(requests.map((r) => r.method), ['INVITE', 'ACK', 'BYE']);
      const target = contact.startsWith('<sip:trunk') ? `sip:trunk@127.0.0.1:${p.port}` : inviteUri;
      assert.deepEqual(requests.slice(1).map((r) => r.uri), [target, target], 'a Contact that is no SIP URI leaves the Request-URI as target');
    } finally {
      await ua.close();
      await p.close();
    }
  });
}

test('an answer whose stream is rejected (audio port 0): the call is ended with a BYE as call loss', async () => {
  const methods: string[] = [];
  const p = await peer((m, reply) => {
    if (m.kind !== 'request') return;
    methods.push(m.method);
    if (m.method === 'INVITE') {
      reply(serializeMessage(responseTo(m, 200, 'OK', [['contact', `<sip:trunk@127.0.0.1:${p.port}>`], ['content-type', 'application/sdp']], 'v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 0 RTP/AVP 0\r\n')));
    }
    if (m.method === 'BYE') reply(serializeMessage(responseTo(m, 200, 'OK')));
  });
  const ua = await SipUserAgent.open({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 0, trunk: { host: '127.0.0.1', port: p.port }, credentials: null, ringTimeoutMs: 5_000 });
  try {
    const end = await new Promise<CallEnd>((resolve) => ua.call({ caller: '1', callee: '2', offer: buildOffer({ address: '127.0.0.1', port: 40_002, sessionId: '1' }) }, { ended: resolve }));
    assert.deepEqual([end.answered, !end.answered && end.code, !end.answered && end.why], [false, '200012', 'bad-answer']);
    assert.deepEqual(methods, ['INVITE', 'ACK', 'BYE'], 'the trunk\'s leg is hung up');
  } finally {
    await ua.close();
    await p.close();
  }
});
