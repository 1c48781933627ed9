// Liveness (always 200 while the process serves) and readiness (503 while the engine's passes fail),
// both open to all like a load balancer's probe (README "Admin API"); served by `serve`, and by a
// worker's metrics port.
import type { FastifyInstance } from 'fastify';
import type { EngineHealth } from '../../engine/pass-health.js';

export interface HealthDeps {
  storeKind: string;
  version: string;
  /** null with `--engine off`. */
  engine: { health(): EngineHealth } | null;
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const health = () => {
    const engine = deps.engine?.health() ?? null;
    const degraded = engine?.state === 'degraded';
    return { status: degraded ? 'degraded' : 'ok', store: deps.storeKind, version: deps.version, engine: engine ?? { state: 'off' } };
  };
  app.get('/_robotcall/health', async () => health());
  app.get('/_robotcall/ready', async (_request, reply) => {
    const view = health();
    return reply.code(view.status === 'ok' ? 200 : 503).send(view);
  });
}
