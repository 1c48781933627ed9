// What the admin routes under /_robotcall/ work with, and the helpers they share.
import type { FastifyReply } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';
import type { ScenarioBook } from '../../carrier/scenarios.js';
import { findControlChar } from '../../domain/plain-text.js';
import type { EngineClock } from '../../clock.js';
import type { Engine } from '../../engine/engine.js';
import type { Store } from '../../store/store.js';

export interface AdminDeps {
  store: Store;
  storeKind: string;
  adminToken: string | null;
  loopbackOnly: boolean;
  wallNow: () => number;
  version: string;
  clock: EngineClock;
  /** null with `--engine off`. */
  engine: Engine | null;
  scenarios: ScenarioBook;
  timezone: string;
}

export function sendAdminError(reply: FastifyReply, err: AdminError) {
  return reply.code(err.status).send({ error: err.message });
}

export function parseJsonBody(body: Buffer | undefined): Record<string, unknown> {
  if (!body?.length) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AdminError(400, 'the body must be a JSON object');
  // PostgreSQL cannot store NUL, and no admin text has a use for control characters (domain/plain-text.ts).
  const at = findControlChar(parsed);
  if (at !== null) throw new AdminError(400, `the body holds a control character at ${at}`);
  return parsed as Record<string, unknown>;
}

export function pageOf(query: { offset?: string; limit?: string }, max = 1000): { offset: number; limit: number } {
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(offset) || offset < 0) throw new AdminError(400, 'offset must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new AdminError(400, `limit must be an integer from 1 to ${max}`);
  return { offset, limit };
}
