// What the admin routes under /_robotcall/ work with, and the helpers they share.
import type { FastifyReply } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';
import type { ScenarioBook } from '../../carrier/scenarios.js';
import { jsonTextProblem } from '../../domain/plain-text.js';
import type { EngineClock } from '../../clock.js';
import type { Engine } from '../../engine/engine.js';
import type { Topic } from '../../engine/shared-state.js';
import type { ReceiptStore } from '../../store/receipt-store.js';
import type { Store } from '../../store/store.js';
import type { RecordingLinks } from '../recording-links.js';

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
  /** Tells the other processes on the database that the clock or the scenarios changed (docs/decisions.md D14). */
  announce: (topic: Topic) => void;
  /** Reset removes every recording with every task. */
  recordings: RecordingLinks;
  /** This process's carrier (`--carrier`), as carrier/stats names it. */
  carrier: 'simulated' | 'sip';
  /** Each account's receipt receiver and outbox (docs/decisions.md D16). */
  receipts: ReceiptStore;
  /** Tells this process's receipt deliverer (if it runs one) to look for work now. */
  wakeReceipts: () => void;
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
  const problem = jsonTextProblem(parsed);
  if (problem !== null) throw new AdminError(400, `the body ${problem}`);
  return parsed as Record<string, unknown>;
}

/** Past it an offset only skips everything; PostgreSQL refused 2^63 with a 500. */
const MAX_OFFSET = 2_147_483_647;

/** `offset` and `limit` query values: decimal digits only (Number() also took `1e3`, `0x10`, ` 5`). */
export function pageOf(query: { offset?: string; limit?: string }, max = 1000): { offset: number; limit: number } {
  const read = (text: string | undefined, fallback: number) => (text === undefined ? fallback : /^\d{1,10}$/.test(text) ? Number(text) : NaN);
  const offset = read(query.offset, 0);
  const limit = read(query.limit, 100);
  if (!(offset <= MAX_OFFSET)) throw new AdminError(400, `offset must be an integer from 0 to ${MAX_OFFSET}`);
  if (!(limit >= 1 && limit <= max)) throw new AdminError(400, `limit must be an integer from 1 to ${max}`);
  return { offset, limit };
}

/** A numeric id from a path, or null when it is not one any row can have (a safe integer). */
export function idOf(text: string): number | null {
  return /^\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}
