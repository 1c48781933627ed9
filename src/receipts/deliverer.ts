// Drains the receipt outbox (docs/decisions.md D16): batches the messages whose call has ended on the
// engine clock, posts each batch, signed, to its account's receiver, and retries failed ones with a
// growing wait for the retry window. Every engine process runs one; on PostgreSQL they share the
// outbox, each batch tried by one of them at a time (store/sql/receipts.ts). Delivery is at least
// once: a batch whose answer was lost (a timeout, a crash before it was marked) goes again, with the
// same message id and body.
import type { Logger } from 'pino';
import type { ClaimedBatch, ReceiptStore } from '../store/receipt-store.js';
import { push } from './push-client.js';
import type { ReceiptRecorder } from './receipt-metrics.js';
import { batchBody } from './receipt-messages.js';
import { RECEIPT_MESSAGE_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './receipt-signature.js';
import { nextTry, type RetryPolicy } from './retry-schedule.js';

/** Records per batch: Alibaba's push batches several; a hundred keeps a body near 60 KB. */
export const BATCH_SIZE = 100;
/** Batches in flight at once per process. */
const PARALLEL = 8;
/** Batches made per pass (the rest wait for the next). */
const BATCHES_PER_PASS = 50;
/** A claimed batch is this process's for this long: longer than a try can take. */
const LEASE_MS = 60_000;

export interface DelivererDeps {
  store: ReceiptStore;
  engineNow: () => number;
  wallNow: () => number;
  owner: string;
  timezone: string;
  policy: RetryPolicy;
  /** Idle wait between passes, ms. */
  pollMs: number;
  /** The only process on its store (embedded): batches a killed predecessor held go at once, not when their lease runs out. */
  soleProcess: boolean;
  log: Logger;
  /** Told of every try's result (metrics). */
  onResult?: ReceiptRecorder;
}

export interface Deliverer {
  /** Looks for work now (after the engine recorded calls, say). */
  wake(): void;
  /** Stops after the try in progress; batches it still holds go back at once. */
  close(): Promise<void>;
}

export function startDeliverer(deps: DelivererDeps): Deliverer {
  const { store, log } = deps;
  // Aborts the tries in flight when the process stops: they count as failed and go again later.
  const stopping = new AbortController();
  const failing = new Map<number, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeNow: (() => void) | null = null;
  let passFailed = false;

  const deliver = async (batch: ClaimedBatch): Promise<void> => {
    const messageId = String(batch.id);
    const body = batchBody(batch.kind, batch.messages.map((m) => m.payload), deps.timezone);
    const problem = await push({
      url: batch.url, body, signal: stopping.signal,
      headers: {
        [RECEIPT_MESSAGE_ID_HEADER]: messageId,
        'x-robotcall-message-type': batch.kind,
        [SIGNATURE_HEADER]: signatureHeader(batch.secret, Math.floor(deps.wallNow() / 1000), messageId, body),
      },
    });
    const now = deps.wallNow();
    const context = { accountId: batch.accountId, messageId, kind: batch.kind, records: batch.messages.length, receiver: origin(batch.url) };
    if (problem === null) {
      await store.delivered(batch.id, deps.owner, now);
      deps.onResult?.('delivered', batch.kind, batch.messages.length);
      if (failing.delete(batch.accountId)) log.info(context, 'receipts delivered again');
      return;
    }
    const attempts = batch.attempts + 1;
    const next = nextTry(deps.policy, attempts, batch.createdAt, now);
    await store.failed(batch.id, deps.owner, problem, next);
    deps.onResult?.(next === null ? 'given-up' : 'retry', batch.kind, batch.messages.length);
    if (next === null) {
      log.error({ ...context, attempts, error: problem }, 'receipt batch given up: its retry window is over (POST /_robotcall/accounts/:account/receipts/retry sends it again)');
    } else if (failing.get(batch.accountId) !== problem) {
      // Once per account and distinct reason, not once per try: a receiver down for a day is tried thousands of times.
      failing.set(batch.accountId, problem);
      log.warn({ ...context, attempts, error: problem, retryInMs: next - now }, 'receipt delivery failed; retrying');
    }
  };

  const pass = async (): Promise<boolean> => {
    const wall = deps.wallNow();
    const formed = await store.formBatches(deps.engineNow(), wall, BATCH_SIZE, BATCHES_PER_PASS);
    const claimed = await store.claimBatches(deps.owner, wall, wall + LEASE_MS, PARALLEL);
    await Promise.all(claimed.map(deliver));
    return formed > 0 || claimed.length > 0;
  };

  const loop = async (): Promise<void> => {
    if (deps.soleProcess) await store.release(null).catch((err: unknown) => log.warn({ err }, 'releasing receipt batches of an earlier run failed (they go once their lease runs out)'));
    while (!stopped) {
      let busy = false;
      try {
        busy = await pass();
        if (passFailed) log.info('receipt deliveries recovered');
        passFailed = false;
      } catch (err) {
        if (!passFailed) log.error({ err }, 'receipt pass failed; retrying');
        passFailed = true;
      }
      if (busy || stopped) continue;
      await new Promise<void>((resolve) => {
        wakeNow = resolve;
        timer = setTimeout(resolve, deps.pollMs);
      });
      wakeNow = null;
    }
  };

  const running = loop();
  return {
    wake: () => wakeNow?.(),
    close: async () => {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      wakeNow?.();
      await running;
      await store.release(deps.owner).catch((err: unknown) => log.warn({ err }, 'releasing receipt batches failed (they go again once their lease runs out)'));
    },
  };
}

/** The receiver as the log names it: its origin, never its path or query, which may carry a token. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
