// One access line per HTTP request outside the RPC endpoint (README "Logs"): the admin API, the
// console's API and page, the file routes and /metrics. A line says the method, the route the
// request matched (its pattern, `/files/:name`: a called file's name is as good as a key to it, and
// recording links carry their signature in the query, which is never logged), the path only when no
// route matched, the HTTP status, how long it took and, for the console's API, the signed-in account.
// Written when the response closes, so a download streamed for minutes, or cut, is logged too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { MAX_LOGGED_CHARS } from './access-log.js';

export interface HttpAccessLog {
  /** Called by the server for each request fastify serves, before fastify sees it. */
  watch(req: IncomingMessage, res: ServerResponse): void;
  /** Lets the lines of `app`'s requests name their route, and the account `accountOf` finds signed in. */
  register(app: FastifyInstance, accountOf?: (request: FastifyRequest) => number | undefined): void;
}

/** `clock` measures durations (a monotonic one). Null with info off: nothing is watched. */
export function httpAccessLog(log: Logger, clock: Clock): HttpAccessLog | null {
  if (!log.isLevelEnabled('info')) return null;
  const requests = new WeakMap<IncomingMessage, FastifyRequest>();
  let accountOf: (request: FastifyRequest) => number | undefined = () => undefined;
  return {
    watch(req, res) {
      const startedAt = clock.now();
      res.once('close', () => {
        const request = requests.get(req);
        const route = request?.routeOptions.url;
        log.info({
          method: req.method,
          route,
          path: route === undefined ? pathOf(req.url ?? '') : undefined,
          accountId: request ? accountOf(request) : undefined,
          status: res.statusCode,
          ms: Math.round((clock.now() - startedAt) * 10) / 10,
          // Closed before the whole answer was sent: the client went away, or the server cut it.
          aborted: res.writableFinished ? undefined : true,
        }, 'http');
      });
    },
    register(app, account) {
      if (account) accountOf = account;
      app.addHook('onRequest', (request, _reply, done) => {
        requests.set(request.raw, request);
        done();
      });
    },
  };
}

/** The path without its query (which may carry a signature), cut as a refused RPC request's claims are. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length <= MAX_LOGGED_CHARS ? path : `${path.slice(0, MAX_LOGGED_CHARS)}...[${path.length} characters]`;
}
