// A worker's HTTP port (`worker --metrics-port`, README "Metrics"): GET /metrics behind the same
// guard as serve's admin API, and the health probes of its engine. Nothing else: a worker serves no API.
import http from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { adminGuard } from './admin/admin-guard.js';
import { registerHealthRoutes, type HealthDeps } from './admin/health-routes.js';
import type { HttpAccessLog } from './http-access-log.js';
import { listenError } from './listen-error.js';
import { registerMetricsRoute, type ScrapeMetrics } from './metrics-route.js';

export interface MetricsServerOptions {
  host: string;
  port: number;
  loopbackOnly: boolean;
  adminToken: string | null;
  wallNow: () => number;
  scrape: ScrapeMetrics;
  health: HealthDeps;
  log: Logger;
  httpLog: HttpAccessLog | null;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const app = Fastify({
    loggerInstance: opts.log.child({}, { level: opts.log.levelVal < 40 ? 'warn' : opts.log.level }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // A scraper sends no body; nothing here reads one.
    bodyLimit: 1024,
    serverFactory: (handler) => http.createServer((req, res) => {
      opts.httpLog?.watch(req, res);
      handler(req, res);
    }),
  });
  opts.httpLog?.register(app);
  const port = () => (app.server.address() as { port?: number } | null)?.port ?? 0;
  registerHealthRoutes(app, opts.health);
  registerMetricsRoute(app, adminGuard({ adminToken: opts.adminToken, loopbackOnly: opts.loopbackOnly, port, publicUrl: null, wallNow: opts.wallNow }), opts.scrape);
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: `a worker serves only /metrics and /_robotcall/health, /_robotcall/ready (not ${request.method} ${request.url.split('?')[0]!.slice(0, 200)})` }));
  await app.listen({ host: opts.host, port: opts.port })
    .catch((err: unknown) => { throw listenError(err, opts.host, opts.port, { port: '--metrics-port', host: '--metrics-host' }); });
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port()}`;
  return { url, close: () => app.close() };
}
