// Admin: the simulated carrier's per-number scenarios and its statistics (docs/decisions.md D8).
import type { FastifyInstance } from 'fastify';
import { ScenarioError, validateScenario } from '../../carrier/scenarios.js';
import { numberKey } from '../../domain/phone-number.js';
import { AdminError } from '../../admin/admin-error.js';
import { parseJsonBody, type AdminDeps } from './admin-deps.js';

export function registerCarrierRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const keyOf = (number: string) => {
    const key = numberKey(number);
    if (key === null) throw new AdminError(400, `${number} is not a valid mainland China number`);
    return key;
  };

  app.get('/_robotcall/carrier/scenarios', async () => ({
    scenarios: deps.scenarios.entries().map(([number, scenario]) => ({ number, ...scenario })),
  }));

  app.put<{ Params: { number: string }; Body: Buffer | undefined }>('/_robotcall/carrier/scenarios/:number', async (request) => {
    const number = keyOf(request.params.number);
    let scenario;
    try {
      scenario = validateScenario(parseJsonBody(request.body));
    } catch (err) {
      if (err instanceof ScenarioError) throw new AdminError(400, err.message);
      throw err;
    }
    await deps.store.saveScenario(number, scenario);
    deps.scenarios.set(number, scenario);
    deps.announce('scenarios');
    return { number, ...scenario };
  });

  app.delete<{ Params: { number: string } }>('/_robotcall/carrier/scenarios/:number', async (request) => {
    const number = keyOf(request.params.number);
    const existed = await deps.store.deleteScenario(number);
    deps.scenarios.delete(number);
    deps.announce('scenarios');
    if (!existed) throw new AdminError(404, `no scenario for ${number}`);
    return { number, deleted: true };
  });

  app.get('/_robotcall/carrier/stats', async () => ({ carrier: deps.carrier, ...(await deps.store.carrierStats()) }));
}
