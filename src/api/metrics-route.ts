// GET /metrics: the process's metrics in Prometheus's text format (README "Metrics"), behind the
// admin API's guard: they name accounts' activity and the process's internals.
import type { FastifyInstance } from 'fastify';
import type { Guard } from './admin/admin-guard.js';

export type ScrapeMetrics = () => Promise<{ contentType: string; body: string }>;

export function registerMetricsRoute(app: FastifyInstance, guard: Guard, scrape: ScrapeMetrics): void {
  app.register(async (scoped) => {
    scoped.addHook('onRequest', guard);
    scoped.get('/metrics', async (_request, reply) => {
      const { contentType, body } = await scrape();
      return reply.header('cache-control', 'no-store').type(contentType).send(body);
    });
  });
}
