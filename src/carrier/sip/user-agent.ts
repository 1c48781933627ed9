// robotcall's SIP user agent toward one trunk: places outbound calls (sip-call.ts) and answers the
// requests the trunk sends: in-dialog ones go to their call, OPTIONS is answered 200 (trunks probe
// with it), and anything else (an inbound INVITE: robotcall only dials out) is declined.
import { randomBytes } from 'node:crypto';
import type { Credentials } from './digest.js';
import { header, type SipRequest, type SipResponse } from './message.js';
import { SipCall, type CallHandlers, type CallTarget } from './sip-call.js';
import { TransactionLayer, type Timers } from './transactions.js';
import { openTransport, type Inbound, type TransportOptions } from './transport.js';

export interface UserAgentOptions extends TransportOptions {
  credentials: Credentials | null;
  /** No final answer by then: CANCEL (D15: no answer, 200003). */
  ringTimeoutMs: number;
  /** Test seam for RFC 3261 timers (T1, T2); the RFC's by default. */
  timers?: Timers;
  /** Told when the trunk cannot be reached (a transport failure, or no response at all), with why. */
  onTrunkProblem?: (problem: string) => void;
}

export class SipUserAgent {
  private readonly calls = new Map<string, SipCall>();

  private constructor(readonly layer: TransactionLayer, readonly options: UserAgentOptions) {}

  static async open(options: UserAgentOptions): Promise<SipUserAgent> {
    let ua: SipUserAgent | null = null;
    const transport = await openTransport(options, (inbound) => {
      if (inbound.message.kind === 'request') ua?.onRequest(inbound);
      else ua?.layer.receive(inbound);
    });
    ua = new SipUserAgent(new TransactionLayer(transport, (inbound) => ua?.onRequest(inbound), options.timers), options);
    return ua;
  }

  get local(): { address: string; port: number } {
    return this.layer.transport.local;
  }

  /** Places a call; its events go to `handlers` until it ends. */
  call(target: CallTarget, handlers: CallHandlers): SipCall {
    const callId = `${randomBytes(12).toString('hex')}@robotcall`;
    const call = new SipCall(this, callId, target, handlers, () => this.calls.delete(callId));
    this.calls.set(callId, call);
    call.start();
    return call;
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  private onRequest(inbound: Inbound): void {
    const rq = inbound.message as SipRequest;
    if (rq.method === 'ACK') return; // of a response we sent: nothing to do
    const call = this.calls.get(header(rq, 'call-id') ?? '');
    if (call) {
      call.onRequest(rq, (status, reason, extra, body) => inbound.reply(responseTo(rq, status, reason, extra, body)));
      return;
    }
    if (rq.method === 'OPTIONS') inbound.reply(responseTo(rq, 200, 'OK', [['allow', ALLOW]]));
    else if (rq.method === 'INVITE') inbound.reply(responseTo(rq, 603, 'Decline'));
    else inbound.reply(responseTo(rq, 481, 'Call/Transaction Does Not Exist'));
  }

  async close(): Promise<void> {
    for (const call of [...this.calls.values()]) call.abandon();
    await this.layer.transport.close();
  }
}

export const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE';

/** A response to a request (§8.2.6): its Vias, From, To (with a tag of ours if it had none), Call-ID and CSeq. */
export function responseTo(rq: SipRequest, status: number, reason: string, extra: Array<[string, string]> = [], body = ''): SipResponse {
  const to = header(rq, 'to') ?? '';
  return {
    kind: 'response', status, reason, body,
    headers: [
      ...rq.headers.filter(([n]) => n === 'via'), ...rq.headers.filter(([n]) => n === 'from'),
      ['to', /;\s*tag=/i.test(to) ? to : `${to};tag=${randomBytes(6).toString('hex')}`],
      ['call-id', header(rq, 'call-id') ?? ''], ['cseq', header(rq, 'cseq') ?? ''], ...extra,
    ],
  };
}
