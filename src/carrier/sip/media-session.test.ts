// A call's media against real UDP sockets: the far end's packets count, a stranger's do not (strict
// RTP), and the robot's frames go only to the far end.
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { test } from 'node:test';
import { MediaClock } from './media-clock.js';
import { MediaSession } from './media-session.js';
import { PortPool } from './port-pool.js';
import { writeRtp } from './rtp-packet.js';

async function socketAt(address: string): Promise<{ socket: Socket; port: number; received: number }> {
  const socket = createSocket('udp4');
  const s = { socket, port: 0, received: 0 };
  socket.on('message', () => { s.received++; });
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  s.port = socket.address().port;
  return s;
}

/** The RFC 4733 packets of one press of `event` (start and end), from `from` to the session. */
function press(from: Socket, to: number, event: number, timestamp: number): void {
  for (const [marker, end] of [[true, false], [false, true]] as const) {
    const payload = Buffer.from([event, end ? 0x80 : 0, 0, 160]);
    from.send(writeRtp({ payloadType: 101, marker, sequence: timestamp & 0xffff, timestamp, ssrc: 7, payload }), to, '127.0.0.1');
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

test("keys count only from the far end's address and port: a stranger on another address, or on the same host, is dropped, before and after", async () => {
  const callee = await socketAt('127.0.0.1');
  const stranger = await socketAt('127.0.0.2');
  const sameHost = await socketAt('127.0.0.1');
  const session = await MediaSession.open(new PortPool(41_000, 41_099, '127.0.0.1'), new MediaClock());
  const digits: string[] = [];
  session.onDigit = (d) => digits.push(d);
  try {
    session.start({ address: '127.0.0.1', port: callee.port, codec: 'PCMU', eventType: 101 }, null);
    press(stranger.socket, session.port, 9, 1000);
    press(sameHost.socket, session.port, 8, 1500);
    await settle();
    press(callee.socket, session.port, 1, 2000);
    await settle();
    press(sameHost.socket, session.port, 5, 3000);
    await settle();
    assert.deepEqual(digits, ['1']);
    assert.ok(session.stats.dropped >= 6, `dropped ${session.stats.dropped}`);
    assert.ok(callee.received > 5, 'the robot\'s frames reach the far end');
    assert.equal(stranger.received + sameHost.received, 0, 'and nobody else');
  } finally {
    await session.close();
    for (const s of [callee, stranger, sameHost]) s.socket.close();
  }
});

test('ports are drawn at random from the range, even, and never two calls on one', async () => {
  const pool = new PortPool(41_100, 41_199, '127.0.0.1');
  const taken = await Promise.all(Array.from({ length: 20 }, () => pool.take()));
  const ports = taken.map((t) => t.port);
  try {
    assert.equal(new Set(ports).size, 20);
    assert.ok(ports.every((p) => p % 2 === 0 && p >= 41_100 && p <= 41_199));
    assert.notDeepEqual(ports, [...ports].sort((a, b) => a - b), 'not handed out in order');
  } finally {
    for (const t of taken) t.socket.close();
  }
});

test('a far end behind NAT (a private address in its SDP): its first packet\'s source is learned, and only that source counts', async () => {
  const callee = await socketAt('127.0.0.1');
  const other = await socketAt('127.0.0.1');
  const session = await MediaSession.open(new PortPool(41_200, 41_299, '127.0.0.1'), new MediaClock());
  const digits: string[] = [];
  session.onDigit = (d) => digits.push(d);
  try {
    session.start({ address: '192.168.1.20', port: 4000, codec: 'PCMA', eventType: 101 }, null);
    press(callee.socket, session.port, 3, 1000);
    await settle();
    press(other.socket, session.port, 4, 2000);
    await settle();
    assert.deepEqual(digits, ['3']);
    assert.ok(callee.received > 0, 'replies go where its packets come from');
    assert.equal(other.received, 0);
  } finally {
    await session.close();
    for (const s of [callee, other]) s.socket.close();
  }
});
