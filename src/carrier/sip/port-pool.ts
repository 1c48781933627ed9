// The local UDP ports for RTP (--rtp-ports FROM-TO): even ports (RFC 3550 §11: RTP even, RTCP the odd
// one above), each call's drawn at random (a port just freed is not likely reused at once, where a
// late packet of the last call would land in the next; and nobody can tell the next call's port
// from the last), skipped when something else holds them.
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

export class PortPool {
  private readonly busy = new Set<number>();

  constructor(readonly from: number, readonly to: number, private readonly address: string) {}

  /** A socket bound to a free even port of the range; throws when every port is taken. */
  async take(): Promise<{ socket: Socket; port: number }> {
    const first = this.from + (this.from % 2);
    const count = Math.floor((this.to - first) / 2) + 1;
    const start = randomInt(0, count);
    for (let i = 0; i < count; i++) {
      const port = first + 2 * ((start + i) % count);
      if (this.busy.has(port)) continue;
      const socket = createSocket(this.address.includes(':') ? 'udp6' : 'udp4');
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(port, this.address, () => resolve(true));
      });
      if (!bound) {
        socket.close();
        continue;
      }
      this.busy.add(port);
      socket.once('close', () => this.busy.delete(port));
      return { socket, port };
    }
    throw new Error(`no free RTP port in ${this.from}-${this.to}`);
  }

  get inUse(): number {
    return this.busy.size;
  }
}
