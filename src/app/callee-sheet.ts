// Rows of a spreadsheet of callees, .xlsx (its first tab) or .csv (UTF-8, comma), read as a stream:
// every cell as text, rows handed on in batches, so a 300,000-row file never sits in memory as a workbook.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { SheetError } from './sheet-error.js';
import { xlsxForReading } from './xlsx-parts.js';

export { SheetError } from './sheet-error.js';

export type SheetFormat = 'xlsx' | 'csv';

/** The format a file name says, or null. */
export function sheetFormat(fileName: string): SheetFormat | null {
  const ext = /\.(xlsx|csv)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** Rows handed on together: one await per batch, not per row (three awaits a row doubled exceljs's own read time). */
const BATCH_ROWS = 1_000;
/** Rows read at most, blank ones included: a worksheet of 256 MiB of empty rows was 46 s of CPU. */
export const MAX_SHEET_ROWS = 1_000_000;
/** A CSV row: 31 values of at most 500 characters is ~16 KB. Past it the parser's buffer is refused, not grown. */
const MAX_CSV_ROW = 64 * 1024;
/** CSV is fed a piece at a time: handed 60 MB at once, a parser holds the event loop for seconds. */
const CSV_PIECE = 64 * 1024;

/**
 * The rows in batches, each row a list of cell texts (trailing blanks dropped); blank rows are
 * skipped. A file that cannot be read throws SheetError.
 */
export async function* sheetRows(input: Buffer, format: SheetFormat): AsyncGenerator<string[][]> {
  if (format === 'xlsx' && input.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw new SheetError('the file is not an .xlsx workbook');
  let batch: string[][] = [];
  let read = 0;
  try {
    const rows = format === 'xlsx' ? xlsxRows(await xlsxForReading(input)) : csvRows(utf8Only(input));
    const texts = new WeakMap<object, string>();
    for await (const raw of rows) {
      if (++read > MAX_SHEET_ROWS) throw new SheetError(`the file has more than ${MAX_SHEET_ROWS.toLocaleString('en-US')} rows, blank ones included`);
      // Array.from, not map: exceljs's rows are sparse, and map keeps the holes.
      const cells = Array.from(raw, (v) => cellText(v, texts));
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
    const e = err as Error & { code?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new SheetError(`a row is longer than ${MAX_CSV_ROW / 1024} KB`);
    throw new SheetError(`the file could not be read as ${format === 'xlsx' ? 'an .xlsx workbook' : 'UTF-8 CSV'}: ${e.message}`);
  }
  if (batch.length > 0) yield batch;
}

function xlsxRows(input: Buffer): AsyncIterable<unknown[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
    // Styles tell a date from a number; xlsx-parts.ts bounds them and the shared strings.
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  return {
    async* [Symbol.asyncIterator]() {
      for await (const sheet of reader) {
        // The only sheet in it (xlsx-parts.ts keeps the first tab).
        for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) {
          // values is 1-based: index 0 is always empty.
          yield Array.isArray(row.values) ? row.values.slice(1) : [];
        }
      }
    },
  };
}

function csvRows(text: Buffer): AsyncIterable<unknown[]> {
  const pieces = function* () {
    for (let at = 0; at < text.length; at += CSV_PIECE) yield text.subarray(at, at + CSV_PIECE);
  };
  return Readable.from(pieces()).pipe(parse({ relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_CSV_ROW, record_delimiter: ['\r\n', '\n', '\r'] }));
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

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as text: numbers as written (phone numbers are often stored as numbers), dates as the
 * sheet shows them (yyyy-MM-dd, with the time when it has one), formulas by their result. Rich text
 * is joined once per value (`texts`): a shared string of a million runs, used by every cell, was
 * joined again for each (gigabytes from a 38 KB file).
 */
function cellText(v: unknown, texts: WeakMap<object, string>): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    // exceljs gives a sheet's (zone-less) date and time as that moment in UTC.
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const time = v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() === 0 ? '' : ` ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    return Number.isNaN(v.getTime()) ? '' : day + time;
  }
  if (typeof v === 'object') {
    const known = texts.get(v);
    if (known !== undefined) return known;
    const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text?: unknown }> };
    let text = '';
    if (Array.isArray(o.richText)) text = o.richText.map((r) => (typeof r.text === 'string' ? r.text : '')).join('').trim();
    else if (o.text !== undefined) text = cellText(o.text, texts);
    else if (o.result !== undefined) text = cellText(o.result, texts);
    texts.set(v, text);
    return text;
  }
  return '';
}
