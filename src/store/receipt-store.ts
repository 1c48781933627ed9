// The receipts' storage port (docs/decisions.md D16): each account's receiver, and the outbox the
// deliverer drains. Messages are queued by the database itself (migration 11), in the transaction
// that records what they report; this port only reads, batches and retires them.

export type ReceiptKind = 'VoiceReport' | 'RobotTaskStatus';

export interface ReceiptTarget {
  accountId: number;
  /** Where VoiceReport messages go. */
  url: string;
  /** Where RobotTaskStatus messages go; null: none are queued. */
  taskStatusUrl: string | null;
  /** The HMAC-SHA256 key of the signature header. */
  secret: string;
  updatedAt: number;
}

export interface ReceiptSummary {
  /** Messages waiting: not yet ready (the call has not ended on the engine clock), or not yet sent. */
  queued: number;
  /** Batches being tried, and those given up on (kept until retried or the receiver is cleared). */
  pendingBatches: number;
  failedBatches: number;
  delivered: number;
  /** The latest error of a batch still being tried or given up on, with when it comes next. */
  lastError: string | null;
  nextAttemptAt: number | null;
}

/** A batch claimed for one delivery attempt. */
export interface ClaimedBatch {
  id: number;
  accountId: number;
  kind: ReceiptKind;
  /** Tries made before this one. */
  attempts: number;
  createdAt: number;
  url: string;
  secret: string;
  /** The stored payloads, in message id order. */
  messages: Array<{ id: number; payload: Record<string, unknown> }>;
}

export interface FailedBatch { id: number; kind: ReceiptKind; messages: number; attempts: number; createdAt: number; lastError: string | null }

export interface ReceiptStore {
  findTarget(accountId: number): Promise<ReceiptTarget | null>;
  saveTarget(target: ReceiptTarget): Promise<void>;
  /** Stops pushing: the receiver and every message still waiting for it are removed. False if none was set. */
  clearTarget(accountId: number): Promise<boolean>;
  summary(accountId: number): Promise<ReceiptSummary>;
  listFailed(accountId: number, limit: number): Promise<FailedBatch[]>;
  /** Batches given up on are tried again from now, their 24 hours starting over. The number retried. */
  retryFailed(accountId: number, wallNow: number): Promise<number>;

  /**
   * Groups messages ready by engine time `engineNow` into batches of at most `size`, per account and
   * kind, oldest first; a batch keeps its messages for good, so a retry sends the same body. The
   * number of batches made.
   */
  formBatches(engineNow: number, wallNow: number, size: number, maxBatches: number): Promise<number>;
  /** Takes up to `limit` batches due by `wallNow` whose lease is free, leased to `owner` until `leaseUntil`. */
  claimBatches(owner: string, wallNow: number, leaseUntil: number, limit: number): Promise<ClaimedBatch[]>;
  /**
   * The receiver took the batch: its messages are gone and counted, and the account's other batches
   * waiting out a backoff are due at `wallNow`. False if this owner no longer held it.
   */
  delivered(batchId: number, owner: string, wallNow: number): Promise<boolean>;
  /**
   * The owner stops: the batches it holds may be taken at once by another process or the next start.
   * null: every owner's (a store only one process opens, whose last one died holding some).
   */
  release(owner: string | null): Promise<void>;
  /** A failed try: next at `nextAt`, or given up on (null). */
  failed(batchId: number, owner: string, error: string, nextAt: number | null): Promise<void>;
  /** The earliest wall time a batch is due, or null when none waits. */
  nextDue(): Promise<number | null>;
  /** Whether a message is ready by `engineNow` and not batched yet, or the earliest engine time one becomes ready. */
  nextReady(): Promise<number | null>;
  /** Messages not yet delivered (all accounts): the backlog metric. */
  backlog(): Promise<number>;
}
