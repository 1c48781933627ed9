// One outbound call through the trunk (RFC 3261 §13, §15): INVITE with our SDP offer; provisional
// answers reported (180 ringing, 183 early media with the Reason heard); a 401/407 answered once with
// our credentials; CANCEL at the ring timeout; a 2xx acknowledged and the dialog kept (remote target,
// route set) until a BYE from either side. Its end is one of: answered (who hung up) or failed (the
// state code from outcome.ts, and why).
import { randomBytes } from 'node:crypto';
import { isSipUri, parseCSeq, parseNameAddr } from './address.js';
import { answerChallenge, parseChallenge } from './digest.js';
import { header, headerValues, type SipRequest, type SipResponse } from './message.js';
import { CALL_LOSS, NO_ANSWER, failureCode } from './outcome.js';
import { parseAnswer, SdpError, type Answer } from './sdp.js';
import type { SipUserAgent } from './user-agent.js';
import { ALLOW } from './user-agent.js';

export interface CallTarget {
  /** Shown to the callee: From and P-Asserted-Identity. */
  caller: string;
  /** Dialed at the trunk: the Request-URI's user part. */
  callee: string;
  /** Our SDP offer (sdp.ts buildOffer). */
  offer: string;
}

export type CallEnd =
  | { answered: true; by: 'user' | 'robot' }
  | {
    answered: false;
    /** The state code (docs/decisions.md D15). */
    code: string;
    /** The final status, if one came. */
    status: number | null;
    reasons: string[];
    why: 'final' | 'ring-timeout' | 'timeout' | 'transport' | 'bad-answer' | 'abandoned';
  };

export interface CallHandlers {
  ringing?(): void;
  /** A 183 (or a 180 with SDP): what it said, and the Reason values it carried. */
  earlyMedia?(answer: Answer | null, reasons: string[]): void;
  answered?(answer: Answer): void;
  ended(end: CallEnd): void;
}

type State = 'calling' | 'proceeding' | 'cancelling' | 'confirmed' | 'terminating' | 'ended';

export class SipCall {
  private state: State = 'calling';
  private cseq = 1;
  private readonly localTag = randomBytes(6).toString('hex');
  private invite!: SipRequest;
  private remote: { to: string; target: string; routes: string[] } | null = null;
  private ack: SipRequest | null = null;
  private ringTimer: NodeJS.Timeout | null = null;
  private authTries = 0;
  private ringingSeen = false;
  private cancelWhenProceeding = false;

  constructor(
    private readonly ua: SipUserAgent,
    readonly callId: string,
    readonly target: CallTarget,
    private readonly handlers: CallHandlers,
    private readonly forget: () => void,
  ) {}

  start(): void {
    this.ringTimer = setTimeout(() => this.ringTimeout(), this.ua.options.ringTimeoutMs);
    this.sendInvite([]);
  }

  /** The robot hangs up (or the engine stops): BYE when answered, CANCEL while it rings. */
  hangup(): void {
    if (this.state === 'confirmed') this.bye();
    else if (this.state === 'calling' || this.state === 'proceeding') this.cancel('abandoned');
  }

  /** The user agent is closing: the call is over without more signalling. */
  abandon(): void {
    if (this.state === 'ended') return;
    this.end(this.state === 'confirmed' || this.state === 'terminating'
      ? { answered: true, by: 'robot' }
      : { answered: false, code: CALL_LOSS, status: null, reasons: [], why: 'abandoned' });
  }

  private get trunk(): string {
    const { host, port } = this.ua.options.trunk;
    return `${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  private via(): [string, string] {
    const { protocol, local } = this.ua.layer.transport;
    return ['via', `SIP/2.0/${protocol} ${local.address}:${local.port};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`];
  }

  private sendInvite(auth: Array<[string, string]>): void {
    const { protocol, local } = this.ua.layer.transport;
    const transport = protocol === 'TCP' ? ';transport=tcp' : '';
    const host = this.ua.options.trunk.host;
    this.invite = {
      kind: 'request', method: 'INVITE', uri: `sip:${this.target.callee}@${this.trunk}${transport}`, body: this.target.offer,
      headers: [
        this.via(), ['max-forwards', '70'],
        ['from', `<sip:${this.target.caller}@${host}>;tag=${this.localTag}`], ['to', `<sip:${this.target.callee}@${host}>`],
        ['call-id', this.callId], ['cseq', `${this.cseq} INVITE`],
        ['contact', `<sip:robotcall@${local.address}:${local.port}${transport}>`],
        ['p-asserted-identity', `<sip:${this.target.caller}@${host}>`],
        ['allow', ALLOW], ['user-agent', 'robotcall'], ['content-type', 'application/sdp'], ...auth,
      ],
    };
    const tx = this.ua.layer.send(this.invite, (r) => this.provisional(r), (r) => this.confirm(r));
    const invite = this.invite;
    void tx.final.then((r) => {
      if (invite !== this.invite) return; // superseded by an authenticated INVITE
      if (r === null) {
        const { host, port } = this.ua.options.trunk;
        this.ua.options.onTrunkProblem?.(tx.failure === 'transport'
          ? `the INVITE could not be sent to the trunk ${host}:${port} (${tx.error ?? 'transport failure'})`
          : `the trunk ${host}:${port} did not answer the INVITE at all (RFC 3261 Timer B)`);
        this.fail(tx.failure === 'transport' ? 'transport' : 'timeout', null, []);
      } else this.final(r);
    }).catch(() => {
      // An answer no reader takes (the transport drops what it cannot parse; this is what parsed
      // but cannot be used): the call is lost, never the process.
      if (this.state === 'confirmed') this.bye(() => this.fail('bad-answer', null, []));
      else this.fail('bad-answer', null, []);
    });
  }

  private provisional(r: SipResponse): void {
    if (this.state !== 'calling' && this.state !== 'proceeding' && this.state !== 'cancelling') return;
    if (this.state === 'calling') this.state = 'proceeding';
    if (this.cancelWhenProceeding) {
      this.cancelWhenProceeding = false;
      this.sendCancel();
    }
    if (r.status === 100) return;
    if (!this.ringingSeen) {
      this.ringingSeen = true;
      this.handlers.ringing?.();
    }
    if (r.status === 183 || r.body) {
      let answer: Answer | null = null;
      try {
        answer = r.body ? parseAnswer(r.body) : null;
      } catch (err) {
        if (!(err instanceof SdpError)) throw err;
      }
      this.handlers.earlyMedia?.(answer, headerValues(r, 'reason'));
    }
  }

  private final(r: SipResponse): void {
    if (this.state === 'ended') return;
    if (r.status >= 200 && r.status < 300) return this.confirm(r);
    if ((r.status === 401 || r.status === 407) && this.retryWithAuth(r)) return;
    if (this.state === 'cancelling') return this.fail('ring-timeout', r.status, headerValues(r, 'reason'));
    this.fail('final', r.status, headerValues(r, 'reason'));
  }

  /** Answers a challenge once (twice if the first answer's nonce was stale); true if the INVITE went again. */
  private retryWithAuth(r: SipResponse): boolean {
    const credentials = this.ua.options.credentials;
    const value = header(r, r.status === 401 ? 'www-authenticate' : 'proxy-authenticate');
    const challenge = value ? parseChallenge(value) : null;
    if (!credentials || !challenge || this.state === 'cancelling') return false;
    if (this.authTries >= (challenge.stale ? 2 : 1)) return false;
    this.authTries++;
    this.cseq++;
    const answer = answerChallenge({ challenge, credentials, method: 'INVITE', uri: this.invite.uri, nonceCount: 1 });
    this.state = 'calling';
    this.sendInvite([[r.status === 401 ? 'authorization' : 'proxy-authorization', answer]]);
    return true;
  }

  private confirm(r: SipResponse): void {
    const to = header(r, 'to') ?? '';
    const contact = header(r, 'contact');
    // A route that is not an address is left out, as a target that is not one is (below).
    const routes = headerValues(r, 'record-route').filter(isAddress).reverse();
    let target = this.invite.uri;
    try {
      const uri = contact ? parseNameAddr(contact).uri : null;
      if (uri && isSipUri(uri)) target = uri; // else keep the Request-URI
    } catch { /* keep the Request-URI */ }
    this.remote = { to, target, routes };
    this.ack = this.inDialog('ACK', parseCSeq(header(this.invite, 'cseq')!).seq);
    void this.ua.layer.sendStateless(this.ack).catch(() => {});
    if (this.state === 'confirmed' || this.state === 'terminating') return; // a retransmitted 2xx: ACKed again
    if (this.state === 'cancelling') {
      // Answered as we gave up: the call is not taken.
      this.state = 'confirmed';
      this.bye(() => this.fail('ring-timeout', 487, []));
      return;
    }
    let answer: Answer;
    try {
      answer = parseAnswer(r.body);
    } catch (err) {
      if (!(err instanceof SdpError)) throw err;
      this.state = 'confirmed';
      this.bye(() => this.fail('bad-answer', r.status, []));
      return;
    }
    this.state = 'confirmed';
    this.clearRing();
    this.handlers.answered?.(answer);
  }

  /** A request in the dialog (§12.2.1.1): to the remote target, through the route set. */
  private inDialog(method: string, seq: number): SipRequest {
    const remote = this.remote!;
    const loose = remote.routes.length > 0 && /;lr\b/i.test(remote.routes[0]!);
    const uri = remote.routes.length === 0 || loose ? remote.target : parseNameAddr(remote.routes[0]!).uri;
    const routes = remote.routes.length === 0 || loose ? remote.routes : [...remote.routes.slice(1), `<${remote.target}>`];
    return {
      kind: 'request', method, uri, body: '',
      headers: [
        this.via(), ['max-forwards', '70'], ['from', header(this.invite, 'from')!], ['to', remote.to], ['call-id', this.callId],
        ['cseq', `${seq} ${method}`], ...routes.map((r): [string, string] => ['route', r]), ['user-agent', 'robotcall'],
      ],
    };
  }

  private bye(after?: () => void): void {
    this.state = 'terminating';
    this.cseq++;
    const tx = this.ua.layer.send(this.inDialog('BYE', this.cseq));
    void tx.final.then(() => (after ? after() : this.end({ answered: true, by: 'robot' })));
  }

  private ringTimeout(): void {
    this.ringTimer = null;
    if (this.state === 'calling' || this.state === 'proceeding') this.cancel('ring-timeout');
  }

  private cancel(_why: 'ring-timeout' | 'abandoned'): void {
    this.clearRing();
    if (this.state === 'calling') {
      // §9.1: no CANCEL before a provisional; it goes when one comes, or Timer B ends the INVITE.
      this.cancelWhenProceeding = true;
      this.state = 'cancelling';
      return;
    }
    this.state = 'cancelling';
    this.sendCancel();
  }

  private sendCancel(): void {
    const keep = (name: string) => this.invite.headers.filter(([n]) => n === name);
    const seq = parseCSeq(header(this.invite, 'cseq')!).seq;
    const cancel: SipRequest = {
      kind: 'request', method: 'CANCEL', uri: this.invite.uri, body: '',
      headers: [...keep('via').slice(0, 1), ['max-forwards', '70'], ...keep('from'), ...keep('to'), ['call-id', this.callId], ['cseq', `${seq} CANCEL`], ...keep('route')],
    };
    void this.ua.layer.send(cancel).final;
    // The INVITE ends with a 487 (§9.2); a trunk that never sends it does not keep the call forever.
    setTimeout(() => { if (this.state === 'cancelling') this.fail('ring-timeout', null, []); }, 64 * this.ua.layer.t1).unref();
  }

  /** A request of the trunk's in this call's dialog. */
  onRequest(rq: SipRequest, reply: (status: number, reason: string, extra?: Array<[string, string]>, body?: string) => void): void {
    switch (rq.method) {
      case 'BYE':
        reply(200, 'OK');
        if (this.state === 'confirmed') this.end({ answered: true, by: 'user' });
        return;
      case 'INVITE': // a re-INVITE (session refresh): the same session, answered as it was offered
        reply(200, 'OK', [['content-type', 'application/sdp'], ['contact', header(this.invite, 'contact')!]], this.target.offer);
        return;
      case 'CANCEL':
        reply(481, 'Call/Transaction Does Not Exist');
        return;
      default: // INFO, UPDATE, OPTIONS inside the call
        reply(200, 'OK');
    }
  }

  private fail(why: Extract<CallEnd, { answered: false }>['why'], status: number | null, reasons: string[]): void {
    const code = why === 'ring-timeout' ? NO_ANSWER : status === null ? CALL_LOSS : why === 'bad-answer' ? CALL_LOSS : failureCode(status, reasons);
    this.end({ answered: false, code, status, reasons, why });
  }

  private end(end: CallEnd): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.clearRing();
    this.forget();
    this.handlers.ended(end);
  }

  private clearRing(): void {
    if (this.ringTimer) clearTimeout(this.ringTimer);
    this.ringTimer = null;
  }
}

/** A Record-Route value robotcall can route through: an address whose URI is a SIP URI. */
function isAddress(value: string): boolean {
  try {
    return isSipUri(parseNameAddr(value).uri);
  } catch {
    return false;
  }
}
