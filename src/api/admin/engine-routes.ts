// Admin: the engine clock (docs/decisions.md D6) and reset to seed state (D12), with the clock if asked (D17).
import type { FastifyInstance } from 'fastify';
import { ClockError, SCALED_RATE, usableClockSpec } from '../../clock.js';
import { advanceEngineClock, rerateEngineClock, resetEngineClock } from '../../engine/clock-store.js';
import { LATEST_ENGINE_TIME } from '../../domain/time-range.js';
import { formatTime, parseLocalTime } from '../../domain/zoned-time.js';
import { AdminError } from '../../admin/admin-error.js';
import { parseJsonBody, type AdminDeps } from './admin-deps.js';

export function registerEngineRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const view = () => {
    const { mode, rate } = deps.clock.anchor;
    const now = deps.clock.now();
    return { mode, rate, now, time: formatTime(now, deps.timezone), timezone: deps.timezone, engine: deps.engine ? 'on' : 'off' };
  };

  app.get('/_robotcall/clock', async () => view());

  // Body: {"ms": 60000} to move forward by that much, or {"to": epoch ms | "yyyy-MM-dd HH:mm:ss"}.
  // Answers once the engine has processed everything due up to the new time.
  app.post<{ Body: Buffer | undefined }>('/_robotcall/clock/advance', async (request) => {
    const body = parseJsonBody(request.body);
    const to = targetTime(body, deps);
    try {
      await advanceEngineClock(deps.store, deps.clock, to);
    } catch (err) {
      if (err instanceof ClockError) throw new AdminError(409, err.message);
      throw err;
    }
    deps.announce('clock');
    await catchUp(deps);
    return view();
  });

  // Body: {"clock": "system" | "manual" | "scaled:N"}: the clock runs on from now at that rate (the
  // console's speed control). Engine time never goes back: system keeps any lead it has.
  app.post<{ Body: Buffer | undefined }>('/_robotcall/clock/speed', async (request) => {
    const { clock } = parseJsonBody(request.body);
    const spec = typeof clock === 'string' && clock.length <= 30 ? usableClockSpec(clock) : null;
    if (spec === null) {
      throw new AdminError(400, `clock must be "system", "manual" or "scaled:N" with N from ${SCALED_RATE.min} to ${SCALED_RATE.max}`);
    }
    await rerateEngineClock(deps.store, deps.clock, spec);
    deps.announce('clock');
    deps.engine?.wake();
    return view();
  });

  // Everything but keys and accounts goes back to how a first start leaves it (README "Admin API");
  // with {"clock": true} the engine clock too goes back to the wall clock (D17), which is safe only
  // because no task is left whose times lie ahead of it.
  app.post<{ Body: Buffer | undefined }>('/_robotcall/reset', async (request) => {
    const { clock = false } = parseJsonBody(request.body);
    if (typeof clock !== 'boolean') throw new AdminError(400, 'clock must be true or false');
    const reset = async () => {
      await deps.store.resetToSeed(deps.wallNow());
      await deps.recordings.removeAll();
      deps.scenarios.clear();
      if (clock) await resetEngineClock(deps.store, deps.clock);
    };
    if (deps.engine) await deps.engine.rebase(reset);
    else await reset();
    deps.announce('scenarios');
    if (clock) deps.announce('clock');
    await catchUp(deps);
    return { reset: true, clock: view() };
  });
}

/** Waits for the engine; a pass that fails is the engine's state, not a bad request: 503 with why. */
async function catchUp(deps: AdminDeps): Promise<void> {
  try {
    await deps.engine?.catchUp();
  } catch (err) {
    const health = deps.engine?.health();
    const reason = health?.state === 'degraded' ? health.reason : String(err);
    throw new AdminError(503, `the engine could not catch up (it retries; GET /_robotcall/health shows its state): ${reason}`);
  }
}

function targetTime(body: Record<string, unknown>, deps: AdminDeps): number {
  const to = requestedTime(body, deps);
  // Past it, a time the engine stores could not be rendered (README "Limits").
  if (to > LATEST_ENGINE_TIME) {
    throw new AdminError(400, `the engine clock goes no further than ${new Date(LATEST_ENGINE_TIME).toISOString()} (${LATEST_ENGINE_TIME})`);
  }
  return to;
}

function requestedTime(body: Record<string, unknown>, deps: AdminDeps): number {
  if (typeof body.ms === 'number') {
    if (!Number.isSafeInteger(body.ms)) throw new AdminError(400, 'ms must be an integer (milliseconds)');
    // Going back is a conflict with the clock's state, however it is asked for (README "Admin API").
    if (body.ms < 0) throw new AdminError(409, `the engine clock cannot go back (asked for ${body.ms} ms)`);
    return deps.clock.now() + body.ms;
  }
  if (typeof body.to === 'number' && Number.isSafeInteger(body.to)) return body.to;
  if (typeof body.to === 'string') {
    const t = parseLocalTime(body.to, deps.timezone);
    if (t !== null) return t;
  }
  throw new AdminError(400, `give {"ms": <milliseconds>} or {"to": <epoch ms> | "yyyy-MM-dd HH:mm:ss" in ${deps.timezone}}`);
}
