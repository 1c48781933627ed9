// The HTTP server: `/` (the RPC endpoint) goes straight to rpc-listener.ts; everything else to
// fastify (files, admin, console, /metrics), each request of it watched for its access line, with the size limits of docs/decisions.md D9 and fastify's own error, not-found
// and client-error paths rendered as D1 envelopes.
import http from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { adminGuard } from './admin/admin-guard.js';
import { isAdminUrl, sendAdminFailure, sendAdminNotFound } from './admin/admin-failure.js';
import { registerAdminRoutes, type AdminRouteDeps } from './admin-routes.js';
import { answerClientError, endAfterBody, HTTP_TIMEOUTS, type HttpTimeouts } from './connections.js';
import { newRequestId } from './envelope.js';
import { ApiError } from './errors.js';
import { registerFileRoutes } from './file-routes.js';
import type { HttpAccessLog } from './http-access-log.js';
import { registerMetricsRoute, type ScrapeMetrics } from './metrics-route.js';
import { ConsoleError, isConsoleApiUrl, sendConsoleFailure } from '../console/console-error.js';
import { signedInAccountId } from '../console/console-deps.js';
import { registerConsole } from '../console/console-routes.js';
import { MAX_URL_BYTES, errorEnvelope, rpcHandler, toApiError, type GatewayDeps } from './gateway.js';
import { isRpcUrl, rpcListener } from './rpc-listener.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
// Node's default 16 KiB header limit answered 431 to a 42 KB V3 URL; allow the URL limit plus headers.
const MAX_HEADER_BYTES = MAX_URL_BYTES + 64 * 1024;

export interface ServerDeps {
  gateway: GatewayDeps;
  admin: Omit<AdminRouteDeps, 'store' | 'port' | 'maxBodyBytes' | 'recordings' | 'guard'>;
  /** GET /metrics, behind the admin API's guard. */
  metrics: ScrapeMetrics;
  /** Access lines of the requests fastify serves; null with info off. */
  httpLog: HttpAccessLog | null;
  log: Logger;
  /** Where the console's built page is; default dist/public/console/ (console-assets.ts). */
  consoleDir?: string;
  /** Tests shorten them; see connections.ts for the defaults' reasons. */
  timeouts?: Partial<HttpTimeouts>;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const rpc = rpcListener(rpcHandler(deps.gateway), MAX_BODY_BYTES);
  const timeouts = { ...HTTP_TIMEOUTS, ...deps.timeouts };
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger at run time; the two type packages just disagree.
    // Only fastify's warnings: `serve` prints its own ready line.
    loggerInstance: deps.log.child({}, { level: deps.log.levelVal < 40 ? 'warn' : deps.log.level }) as unknown as FastifyBaseLogger,
    // No per-request logs; errors are logged by the boundary.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    exposeHeadRoutes: false,
    serverFactory: (handler) => {
      const server = http.createServer({
        maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs,
        connectionsCheckingInterval: timeouts.checkIntervalMs,
      }, (req, res) => {
        if (isRpcUrl(req.url)) return rpc(req, res);
        deps.httpLog?.watch(req, res);
        endAfterBody(req, res);
        return handler(req, res);
      });
      server.keepAliveTimeout = timeouts.keepAliveMs;
      server.maxConnections = timeouts.maxConnections;
      return server;
    },
    // A URL fastify cannot decode (`%zz`) never reaches a route: admin JSON, else the D1 not-found envelope.
    frameworkErrors: (err, request, reply) => {
      if (isAdminUrl(request.url)) return sendAdminFailure(err, request, reply, MAX_BODY_BYTES);
      if (isConsoleApiUrl(request.url)) return sendConsoleFailure(reply as FastifyReply, new ConsoleError(400, 'BadRequest', err.message), deps.log, request.method, request.url);
      const rendered = errorEnvelope(request, new ApiError('InvalidAction.NotFound', `No route for ${request.method} ${request.url.split('?')[0]}.`));
      return (reply as FastifyReply).code(rendered.status).type(rendered.contentType).send(rendered.body);
    },
    clientErrorHandler: (err, socket) => answerClientError(err, socket, MAX_HEADER_BYTES),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  deps.httpLog?.register(app, signedInAccountId);
  registerFileRoutes(app, deps.gateway.store, deps.gateway.recordings, timeouts.sendIdleMs);
  const port = () => (app.server.address() as { port?: number } | null)?.port ?? 0;
  const guard = adminGuard({ ...deps.admin, port });
  registerAdminRoutes(app, { ...deps.admin, store: deps.gateway.store, recordings: deps.gateway.recordings, port, maxBodyBytes: MAX_BODY_BYTES, guard });
  registerMetricsRoute(app, guard, deps.metrics);
  registerConsole(app, { ...deps.gateway, keys: deps.gateway.auth.keys, nonces: deps.gateway.auth.nonces, wallNow: deps.gateway.auth.wallNow, buildDir: deps.consoleDir });

  app.setNotFoundHandler(async (request, reply) => {
    if (isAdminUrl(request.url)) return sendAdminNotFound(request, reply);
    if (isConsoleApiUrl(request.url)) return sendConsoleFailure(reply, null, deps.log, request.method, request.url);
    const rendered = errorEnvelope(request, new ApiError('InvalidAction.NotFound', `No route for ${request.method} ${request.url.split('?')[0]}.`));
    return reply.code(rendered.status).headers(rendered.headers).type(rendered.contentType).send(rendered.body);
  });
  app.setErrorHandler(async (err: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (isAdminUrl(request.url)) return sendAdminFailure(err, request, reply, MAX_BODY_BYTES);
    if (isConsoleApiUrl(request.url)) return sendConsoleFailure(reply, err, deps.log, request.method, request.url);
    const requestId = newRequestId();
    const apiError = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413
      ? new ApiError('RequestTooLarge', `the body is over ${MAX_BODY_BYTES} bytes.`)
      : toApiError(err, deps.log, requestId);
    const rendered = errorEnvelope(request, apiError, requestId);
    return reply.code(rendered.status).headers(rendered.headers).type(rendered.contentType).send(rendered.body);
  });
  return app;
}
