// A real HTTP receiver of pushed call receipts for tests: records every POST it is sent, answers as
// told (Alibaba's `{"code":0}`, an error status, a refusing body), and can go down and come back on
// the same port, as a receiver being redeployed does.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  messageId: string;
  type: string;
  signature: string;
  path: string;
  body: string;
  records: Array<Record<string, unknown>>;
  /** What this receiver answered. */
  answered: Mode;
}

export type Mode = 'ok' | 'http-503' | 'code-1';

/**
 * Waits until robotcall's own receipt summary shows an empty outbox. A receiver records a post when
 * it answers, before the sender has stored the batch as delivered, so a summary read at that moment
 * still counts the batch as pending.
 */
export async function untilOutboxEmpty(
  read: () => Promise<{ json: Record<string, unknown> }>, ms = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const summary = (await read()).json;
    if (summary.queued === 0 && summary.pendingBatches === 0) return summary;
    if (Date.now() > deadline) throw new Error(`the outbox did not empty within ${ms} ms: ${JSON.stringify(summary)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class ReceiptReceiver {
  readonly received: Received[] = [];
  mode: Mode = 'ok';
  /** How long each answer takes: a slow receiver shows how many senders post at once. */
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  private isDown = false;
  private readonly server: http.Server;
  port = 0;

  private constructor() {
    this.server = this.make();
  }

  static async start(): Promise<ReceiptReceiver> {
    const r = new ReceiptReceiver();
    await r.listen(0);
    return r;
  }

  url(path = '/voice-report'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /**
   * Gone for senders: every connection is cut as it opens (and those open now), so none gets an
   * answer. The port stays this receiver's: closing it would let the next server started with port 0
   * take it before up().
   */
  down(): void {
    this.isDown = true;
    this.server.closeAllConnections();
  }

  up(): void {
    this.isDown = false;
  }

  close(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeAllConnections();
    return closed.then(() => {}, () => {});
  }

  /** Records taken (answered ok), each distinct message id once. */
  accepted(): Received[] {
    const seen = new Map<string, Received>();
    for (const r of this.received) if (r.answered === 'ok' && !seen.has(r.messageId)) seen.set(r.messageId, r);
    return [...seen.values()];
  }

  async until(done: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`receiver: ${what} not reached within ${ms} ms (${this.received.length} posts received)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private make(): http.Server {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      res.on('close', () => { this.inFlight--; });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const body = Buffer.concat(chunks).toString('utf8');
        const mode = this.mode;
        this.received.push({
          messageId: String(req.headers['x-robotcall-message-id']), type: String(req.headers['x-robotcall-message-type']),
          signature: String(req.headers['x-robotcall-signature']), path: req.url ?? '', body, records: JSON.parse(body), answered: mode,
        });
        if (mode === 'http-503') {
          res.writeHead(503).end('down for maintenance');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mode === 'ok' ? { code: 0, msg: '成功' } : { code: 1, msg: 'busy' }));
      });
    });
    server.on('connection', (socket) => {
      if (this.isDown) socket.destroy();
    });
    return server;
  }
}

/**
 * The check the README gives receivers: HMAC-SHA256 over `t.messageId.body` under the account's
 * receipt secret, compared in constant time, and a timestamp no older than `toleranceS`.
 */
export function verifyReceipt(secret: string, header: string, messageId: string, body: string, nowS: number, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${messageId}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex')) && Math.abs(nowS - Number(m[1])) <= toleranceS;
}
