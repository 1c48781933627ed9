// The storage port drivers implement (docs/decisions.md D10): run one statement, or several in a transaction.

export type SqlValue = string | number | boolean | null | readonly string[] | Buffer;

/**
 * One value of a row given to copyRows: null is SQL NULL; anything else is the column's text form,
 * a long one as a list of pieces written one after the other (never made one string of megabytes);
 * each piece is encoded as UTF-8 on its own, so none may end inside a surrogate pair.
 */
export type CopyCell = string | number | null | readonly string[];

export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, values?: readonly SqlValue[]): Promise<T[]>;
  /**
   * Appends rows to a table with COPY, where the driver has it cheaper than a statement: PGlite
   * does (a blob it reads in place, where a statement's parameters are measured and encoded a
   * character at a time in JavaScript). Absent elsewhere: callers then insert with a statement.
   */
  copyRows?(table: string, columns: readonly string[], rows: ReadonlyArray<readonly CopyCell[]>): Promise<void>;
  /** Runs fn inside BEGIN…COMMIT on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Delivers every NOTIFY on `channel` (a payload sent with `select pg_notify(channel, payload)`)
   * until the returned function is called. Over a lost connection it listens again by itself;
   * what was sent meanwhile is missed, which is why listeners also poll (docs/decisions.md D14).
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
