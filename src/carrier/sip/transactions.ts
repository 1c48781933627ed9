// Client transactions (RFC 3261 §17.1) over one transport: a request is sent, retransmitted on UDP
// (Timer A/E from T1, doubling; non-INVITE capped at T2) until a response, and given up after 64×T1
// (Timer B/F) as a timeout. A final 3xx–6xx to an INVITE is acknowledged here, with the INVITE's
// branch, and its retransmissions acknowledged again for Timer D. Responses find their transaction by
// the top Via's branch and the CSeq method; requests from the trunk go to `onRequest`.
import { parseCSeq, parseVia } from './address.js';
import { header, type SipRequest, type SipResponse } from './message.js';
import type { Inbound, SipTransport } from './transport.js';

export interface Timers { t1: number; t2: number }
export const RFC_TIMERS: Timers = { t1: 500, t2: 4_000 };

export interface ClientTransaction {
  /** Resolves with the final response, or null on timeout or transport failure. */
  readonly final: Promise<SipResponse | null>;
  /** Why `final` is null. */
  failure: 'timeout' | 'transport' | null;
  /** The transport's error, when that was why. */
  error?: string;
}

interface Pending {
  request: SipRequest;
  onResponse(r: SipResponse): void;
}

export class TransactionLayer {
  private readonly pending = new Map<string, Pending>();
  /** INVITE transactions in Completed (Timer D): retransmitted finals get the same ACK. */
  private readonly completed = new Map<string, SipRequest>();
  /** INVITEs answered 2xx, for 64×T1: a retransmitted 2xx goes to the dialog, which acknowledges it again (§13.2.2.4). */
  private readonly accepted = new Map<string, (r: SipResponse) => void>();

  constructor(
    readonly transport: SipTransport,
    private readonly onRequest: (inbound: Inbound) => void,
    private readonly timers: Timers = RFC_TIMERS,
  ) {}

  /** Feed every inbound message here (transport.ts onMessage). */
  readonly receive = (inbound: Inbound): void => {
    const m = inbound.message;
    if (m.kind === 'request') {
      this.onRequest(inbound);
      return;
    }
    const key = keyOf(m);
    if (key === null) return;
    const ack = this.completed.get(key);
    if (ack) {
      if (m.status >= 300) void this.transport.send(ack).catch(() => {});
      return;
    }
    if (m.status >= 200 && m.status < 300) this.accepted.get(key)?.(m);
    this.pending.get(key)?.onResponse(m);
  };

  /**
   * Sends a request in a new client transaction. `onProvisional` sees each 1xx. An INVITE's final
   * 3xx–6xx is acknowledged here; its 2xx is the dialog's to acknowledge (§13.2.2.4).
   */
  send(request: SipRequest, onProvisional: (r: SipResponse) => void = () => {}, onAcceptedAgain?: (r: SipResponse) => void): ClientTransaction {
    const key = keyOf(request)!;
    const invite = request.method === 'INVITE';
    const { t1, t2 } = this.timers;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));
    const clear = () => { for (const t of timers.splice(0)) clearTimeout(t); };
    let resolveFinal!: (r: SipResponse | null) => void;
    const tx: ClientTransaction = { final: new Promise((resolve) => { resolveFinal = resolve; }), failure: null };
    let proceeding = false;
    const finish = (r: SipResponse | null, failure: ClientTransaction['failure'] = null) => {
      if (!this.pending.delete(key)) return;
      clear();
      tx.failure = failure;
      resolveFinal(r);
    };
    const send = () => this.transport.send(request).catch((err: unknown) => {
      tx.error = err instanceof Error ? err.message : String(err);
      finish(null, 'transport');
    });
    this.pending.set(key, {
      request,
      onResponse: (r) => {
        if (r.status < 200) {
          proceeding = true;
          // A provisional stops an INVITE's retransmissions (§17.1.1.2); a non-INVITE's go on at T2.
          if (invite) clear();
          onProvisional(r);
          return;
        }
        if (invite && r.status >= 300) {
          const ack = ackFor(request, r);
          void this.transport.send(ack).catch(() => {});
          this.completed.set(key, ack);
          setTimeout(() => this.completed.delete(key), this.transport.reliable ? 0 : 64 * t1).unref();
        }
        if (invite && r.status < 300 && onAcceptedAgain) {
          this.accepted.set(key, onAcceptedAgain);
          setTimeout(() => this.accepted.delete(key), 64 * t1).unref();
        }
        finish(r);
      },
    });
    void send();
    if (!this.transport.reliable) {
      let interval = t1;
      const retransmit = () => later(interval, () => {
        if (!this.pending.has(key) || (invite && proceeding)) return;
        void send();
        interval = invite ? interval * 2 : Math.min(interval * 2, t2);
        retransmit();
      });
      retransmit();
    }
    // Timer B / F. An INVITE that has had a provisional waits for its final: the ring timeout and
    // its CANCEL end it.
    later(64 * t1, () => { if (!(invite && proceeding)) finish(null, 'timeout'); });
    return tx;
  }

  get t1(): number {
    return this.timers.t1;
  }

  /** Sends a request outside any transaction: the ACK of a 2xx (§17.1.1.3). */
  sendStateless(request: SipRequest): Promise<void> {
    return this.transport.send(request);
  }
}

/** Transaction key: top Via branch + CSeq method (CANCEL and ACK share the INVITE's branch, §17.1.3). */
function keyOf(m: SipRequest | SipResponse): string | null {
  const via = header(m, 'via');
  const cseq = header(m, 'cseq');
  if (!via || !cseq) return null;
  try {
    const branch = parseVia(via.split(',')[0]!).params.branch;
    return branch ? `${branch} ${parseCSeq(cseq).method}` : null;
  } catch {
    return null;
  }
}

/** The ACK of a non-2xx final (§17.1.1.3): the INVITE's URI, Via, From, Call-ID, Route; the response's To (its tag). */
export function ackFor(invite: SipRequest, response: SipResponse): SipRequest {
  const keep = (name: string) => invite.headers.filter(([n]) => n === name);
  const seq = parseCSeq(header(invite, 'cseq')!).seq;
  return {
    kind: 'request', method: 'ACK', uri: invite.uri, body: '',
    headers: [
      ...keep('via').slice(0, 1), ['max-forwards', '70'], ...keep('from'), ['to', header(response, 'to') ?? header(invite, 'to')!],
      ...keep('call-id'), ['cseq', `${seq} ACK`], ...keep('route'),
    ],
  };
}
