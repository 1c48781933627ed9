// The local UDP ports for RTP (--rtp-ports FROM-TO): even ports (RFC 3550 §11: RTP even, RTCP the odd
// one above), taken round-robin so a port just freed is not reused at once (a late packet of the
// last call would land in the next), skipped when something else holds them.
import { createSocket, type Socket } from 'node:dgram';

export class PortPool {
  private next: number;
  private readonly busy = new Set<number>();

  constructor(readonly from: number, readonly to: number, private readonly address: string) {
    this.next = from + (from % 2);
  }

  /** A socket bound to a free even port of the range; throws when every port is taken. */
  async take(): Promise<{ socket: Socket; port: number }> {
    const count = Math.floor((this.to - this.from) / 2) + 1;
    for (let i = 0; i < count; i++) {
      const port = this.next;
      this.next = this.next + 2 > this.to ? this.from + (this.from % 2) : this.next + 2;
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
