// PGlite driver: PostgreSQL in-process, the embedded default. PGlite serialises all queries on one
// connection, and its `transaction` holds that connection exclusively until the callback settles.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { CopyCell, Database, SqlExecutor, SqlValue } from './executor.js';
import { INT8_OID, parseInt8 } from './type-parsers.js';

const parsers = { [INT8_OID]: parseInt8 };
/**
 * PostgreSQL's buffer pool, 128 MB by default, lives in PGlite's WebAssembly memory, which never
 * shrinks: at 32 MB an idle server's RSS was ~75 MB lower and a 300,000-row import grew it ~35 MB less
 * (bench/import.ts), at no measurable cost to the engine bench. The data files sit in the OS page
 * cache all the same; a page read past the pool is a copy from it, not a disk read.
 */
const SHARED_BUFFERS = '32MB';

/** `dataDir` undefined = in memory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, { parsers, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`] });
  return {
    kind: 'pglite',
    query: (text, values) => run(db, text, values),
    copyRows: (table, columns, rows) => copy(db, table, columns, rows),
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
}

function wrapTx(tx: Transaction): SqlExecutor {
  return {
    query: (text, values) => run(tx, text, values),
    copyRows: (table, columns, rows) => copy(tx, table, columns, rows),
    // PGlite has no nested transactions; a nested call simply joins the outer one.
    transaction: (fn) => fn(wrapTx(tx)),
  };
}

async function run<T>(db: PGlite | Transaction, text: string, values?: readonly SqlValue[]): Promise<T[]> {
  const res = await db.query<T>(text, values as unknown[] | undefined);
  return res.rows;
}

/** What the COPY text is gathered into before it goes into the blob. */
const PIECE_CHARS = 65_536;

/**
 * COPY … FROM a blob in PostgreSQL's text format; table and column names come from our code, never a
 * client. The blob is made of pieces of about 64 K characters: the text made as one string (an
 * upload's is megabytes) was flattened and copied in the old generation before the blob encoded it.
 */
async function copy(db: PGlite | Transaction, table: string, columns: readonly string[], rows: ReadonlyArray<readonly CopyCell[]>): Promise<void> {
  if (rows.length === 0) return;
  const parts: string[] = [];
  let piece = '';
  const put = (text: string) => {
    if (piece.length + text.length > PIECE_CHARS) {
      parts.push(piece);
      piece = '';
      if (text.length > PIECE_CHARS) return void parts.push(text);
    }
    piece += text;
  };
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) put('\t');
      const cell = row[i]!;
      if (Array.isArray(cell)) for (const p of cell as readonly string[]) put(copyText(p));
      else put(copyText(cell as string | number | null));
    }
    put('\n');
  }
  parts.push(piece);
  await db.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob(parts) });
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyText(cell: string | number | null): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'number') return String(cell);
  // A batch's JSON rarely holds any of the four: a search for each char is far cheaper than the
  // regex's pass over megabytes.
  const plain = cell.indexOf('\\') < 0 && cell.indexOf('\t') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0;
  return plain ? cell : cell.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);
}
