// Who may use the admin API and /metrics (README "Admin API", "Metrics"): the admin token, or, with
// no token configured, a server bound to loopback (said at start-up) and a request a browser page of
// another site could not have made (request-origin.ts). One guard for every route it protects, so
// wrong tokens count against one limit whichever route they were tried on.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RECEIPT_MESSAGE_ID_HEADER } from '../../receipts/receipt-signature.js';
import { failureThrottle } from '../failure-throttle.js';
import { foreignRequest, isJsonContentType } from './request-origin.js';

export interface GuardDeps {
  adminToken: string | null;
  /** Whether the server is bound to loopback only. */
  loopbackOnly: boolean;
  /** The port the server listens on (known once it does). */
  port: () => number;
  publicUrl: string | null;
  wallNow: () => number;
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export function adminGuard(deps: GuardDeps): Guard {
  // Wrong tokens from one address: 20 a minute, then 429 until the minute is over (the console's
  // operator sign-in made guessing one a form away).
  const wrongTokens = failureThrottle(20);
  return async (request, reply) => {
    // A receipt receiver's URL may name this very server (it is checked for form, not for where it
    // points): without a token, its delivery would pass as a loopback request and act on what it posts to.
    if (request.headers[RECEIPT_MESSAGE_ID_HEADER] !== undefined) {
      return reply.code(403).send({ error: 'a call-receipt delivery cannot use the admin API: give the receiver a URL of another server' });
    }
    const tokenless = deps.adminToken === null;
    if (tokenless && !deps.loopbackOnly) {
      return reply.code(403).send({ error: 'the admin API is disabled: the server is not bound to loopback and has no --admin-token' });
    }
    // With a token, the token is the guard: a page can neither know it nor send it to another
    // origin without a CORS preflight, which robotcall never grants. So the Host is checked only
    // without one, where a reverse proxy's own names would otherwise be refused for no gain.
    const foreign = foreignRequest(request.headers, { port: deps.port(), publicUrl: deps.publicUrl }, tokenless);
    if (foreign) return reply.code(403).send({ error: foreign });
    if (!tokenless) {
      const now = deps.wallNow();
      const wait = wrongTokens.wait([request.ip], now);
      if (wait > 0) return reply.code(429).header('retry-after', String(Math.ceil(wait / 1000))).send({ error: `too many wrong admin tokens from this address: try again in ${Math.ceil(wait / 1000)} s` });
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(deps.adminToken!);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        wrongTokens.failed([request.ip], now);
        return reply.code(401).send({ error: 'admin token required: Authorization: Bearer <token>' });
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && !isJsonContentType(request.headers['content-type'])) {
      return reply.code(415).send({ error: 'changes must be sent with Content-Type: application/json (curl: -H \'content-type: application/json\')' });
    }
    return undefined;
  };
}
