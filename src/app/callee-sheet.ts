// Rows of a spreadsheet of callees, .xlsx (its first sheet) or .csv (UTF-8, comma), read as a stream:
// every cell as text, a row at a time, so a 300,000-row file never sits in memory as a workbook.
import { Readable } from 'node:stream';
import { parseStream } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import { SheetError } from './sheet-error.js';
import { xlsxForReading } from './xlsx-parts.js';

export type SheetFormat = 'xlsx' | 'csv';

export { SheetError } from './sheet-error.js';

/** The format a file name says, or null. */
export function sheetFormat(fileName: string): SheetFormat | null {
  const ext = /\.(xlsx|csv)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** Rows handed on together: one await per batch, not per row (three awaits a row doubled exceljs's own read time). */
const BATCH_ROWS = 1_000;

/**
 * The rows in batches, each row a list of cell texts (trailing blanks dropped); blank rows are
 * skipped. A file that cannot be read throws SheetError.
 */
export async function* sheetRows(input: Buffer, format: SheetFormat): AsyncGenerator<string[][]> {
  if (format === 'xlsx' && input.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw new SheetError('the file is not an .xlsx workbook');
  let batch: string[][] = [];
  try {
    const rows = format === 'xlsx' ? xlsxRows(await xlsxForReading(input)) : csvRows(utf8Only(input));
    for await (const raw of rows) {
      const cells = raw.map(cellText);
      while (cells.length > 0 && cells.at(-1) === '') cells.pop();
      if (cells.length === 0) continue;
      batch.push(cells);
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`the file could not be read as ${format === 'xlsx' ? 'an .xlsx workbook' : 'UTF-8 CSV'}: ${(err as Error).message}`);
  }
  if (batch.length > 0) yield batch;
}

function xlsxRows(input: Buffer): AsyncIterable<unknown[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  return {
    async* [Symbol.asyncIterator]() {
      for await (const sheet of reader) {
        // The only sheet in it (xlsx-parts.ts keeps the first).
        for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) {
          // values is 1-based and sparse: index 0 is always empty.
          yield Array.isArray(row.values) ? row.values.slice(1) : [];
        }
      }
    },
  };
}

/** Fed a piece at a time: handed 60 MB at once, the parser held the event loop for seconds. */
const CSV_PIECE = 64 * 1024;

function csvRows(text: Buffer): AsyncIterable<unknown[]> {
  const pieces = function* () {
    for (let at = 0; at < text.length; at += CSV_PIECE) yield text.subarray(at, at + CSV_PIECE);
  };
  return parseStream(Readable.from(pieces()), { headers: false, ignoreEmpty: true }) as AsyncIterable<string[]>;
}

/**
 * The CSV's bytes without a byte-order mark (spreadsheet programs put one before UTF-8), refused
 * unless they are UTF-8: Excel in Chinese saves CSV as GBK, whose names would become U+FFFD silently.
 */
function utf8Only(input: Buffer): Buffer {
  const text = input.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? input.subarray(3) : input;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new SheetError('the CSV is not UTF-8 text (in Excel: Save As, "CSV UTF-8")');
  }
  return text;
}

/** A cell as text: numbers as written (phone numbers are often stored as numbers), formulas by their result. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim();
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return '';
}
