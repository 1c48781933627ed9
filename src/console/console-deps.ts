// What the console's routes work with, and the application context each request runs in.
import type { FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../api/gateway.js';
import type { AppContext } from '../app/app-context.js';
import type { Session } from './console-session.js';

export type ConsoleDeps = Pick<GatewayDeps, 'store' | 'engineNow' | 'wakeEngine' | 'callingHours' | 'timezone' | 'fileBase' | 'recordings' | 'log'>;

/** Set by the session hook on every /console/api request past sign-in. */
export function sessionOf(request: FastifyRequest): Session {
  return (request as FastifyRequest & { session: Session }).session;
}

/** The account signed in, for the access line (undefined before the session hook has run, or when it refused). */
export function signedInAccountId(request: FastifyRequest): number | undefined {
  return (request as FastifyRequest & { session?: Session }).session?.account.id;
}

/** `action` names what the request does in the wire's words, for the lifecycle lines. */
export function contextOf(deps: ConsoleDeps, request: FastifyRequest, action: string): AppContext {
  return {
    store: deps.store, account: sessionOf(request).account, now: deps.engineNow, wakeEngine: deps.wakeEngine,
    callingHours: deps.callingHours, timezone: deps.timezone, recordings: deps.recordings, by: 'console', action, log: deps.log,
  };
}
