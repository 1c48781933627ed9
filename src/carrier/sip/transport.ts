// SIP over UDP or TCP toward one trunk (RFC 3261 §18). UDP: one socket bound to the local address and
// port, datagrams to the trunk. TCP: one connection to the trunk, opened when first needed and again
// after it drops, plus a listener on the local port for a trunk that connects back; a response goes
// out on the connection its request came in on. What cannot be parsed is dropped and counted.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { parseMessage, serializeMessage, type SipMessage } from './message.js';
import { StreamFramer } from './stream-framer.js';

/** Connections the TCP listener keeps at once, and how long one may go without a whole message. */
const MAX_INBOUND = 32;
const INBOUND_IDLE_MS = 120_000;

export interface TransportOptions {
  protocol: 'udp' | 'tcp';
  /** Bound, and written into Via and Contact. */
  localAddress: string;
  /** 0: any free port. */
  localPort: number;
  trunk: { host: string; port: number };
}

export interface Inbound {
  message: SipMessage;
  /** Sends a response back the way the request came. */
  reply(response: SipMessage): void;
}

export interface SipTransport {
  readonly protocol: 'UDP' | 'TCP';
  /** TCP: no retransmissions (RFC 3261 §17.1.1.2, §17.1.2.2). */
  readonly reliable: boolean;
  readonly local: { address: string; port: number };
  /** Sends to the trunk; rejects when it cannot (the connection cannot be made, the socket is closed). */
  send(message: SipMessage): Promise<void>;
  /** Messages dropped because they did not parse or broke the stream's framing. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function openTransport(opts: TransportOptions, onMessage: (inbound: Inbound) => void): Promise<SipTransport> {
  return opts.protocol === 'udp' ? openUdp(opts, onMessage) : openTcp(opts, onMessage);
}

async function openUdp(opts: TransportOptions, onMessage: (inbound: Inbound) => void): Promise<SipTransport> {
  const socket: UdpSocket = createSocket(opts.localAddress.includes(':') ? 'udp6' : 'udp4');
  let dropped = 0;
  socket.on('message', (data, from) => {
    let message: SipMessage;
    try {
      message = parseMessage(data);
    } catch {
      dropped++;
      return;
    }
    deliver(onMessage, { message, reply: (r) => socket.send(serializeMessage(r), from.port, from.address) }, () => { dropped++; });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.localPort, opts.localAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => {}); // a send's error reaches its callback; the socket stays usable
  return {
    protocol: 'UDP',
    reliable: false,
    local: { address: opts.localAddress, port: socket.address().port },
    get dropped() { return dropped; },
    send: (m) => new Promise((resolve, reject) => socket.send(serializeMessage(m), opts.trunk.port, opts.trunk.host, (err) => (err ? reject(err) : resolve()))),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

async function openTcp(opts: TransportOptions, onMessage: (inbound: Inbound) => void): Promise<SipTransport> {
  let dropped = 0;
  const sockets = new Set<Socket>();
  /** Reads messages off a connection, in either direction. */
  const attach = (socket: Socket, inbound = false) => {
    sockets.add(socket);
    const framer = new StreamFramer();
    // An inbound connection lives while whole messages come: keep-alive bytes alone do not keep it.
    let idle: NodeJS.Timeout | null = null;
    const awake = () => {
      if (!inbound) return;
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => socket.destroy(), INBOUND_IDLE_MS);
    };
    awake();
    socket.on('close', () => { if (idle) clearTimeout(idle); });
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch {
        dropped++;
        socket.destroy();
        return;
      }
      if (frames.length > 0) awake();
      for (const frame of frames) {
        let message: SipMessage;
        try {
          message = parseMessage(frame);
        } catch {
          dropped++;
          continue;
        }
        deliver(onMessage, { message, reply: (r) => { if (!socket.destroyed) socket.write(serializeMessage(r)); } }, () => { dropped++; });
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  };
  // A trunk that connects back needs a connection or two; a stranger gets no more than these, and
  // none that sits silent.
  const server: Server = createServer((socket) => attach(socket, true));
  server.maxConnections = MAX_INBOUND;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.localPort, opts.localAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let trunk: Promise<Socket> | null = null;
  const toTrunk = (): Promise<Socket> => {
    trunk ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: opts.trunk.host, port: opts.trunk.port });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        attach(socket);
        resolve(socket);
      });
      socket.once('error', reject);
      socket.once('close', () => { trunk = null; });
    }).catch((err: unknown) => {
      trunk = null;
      throw err;
    });
    return trunk;
  };
  const address = server.address();
  return {
    protocol: 'TCP',
    reliable: true,
    local: { address: opts.localAddress, port: typeof address === 'object' && address ? address.port : opts.localPort },
    get dropped() { return dropped; },
    async send(m) {
      const socket = await toTrunk();
      await new Promise<void>((resolve, reject) => socket.write(serializeMessage(m), (err) => (err ? reject(err) : resolve())));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Hands a message on; whatever its handling throws (a value no reader takes, a reply that cannot be
 * written) drops that message, never the process: anyone who reaches the port can send anything.
 */
function deliver(onMessage: (inbound: Inbound) => void, inbound: Inbound, drop: () => void): void {
  try {
    onMessage(inbound);
  } catch {
    drop();
  }
}
