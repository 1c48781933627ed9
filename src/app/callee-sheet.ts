// Rows of a spreadsheet of callees, .xlsx (its first tab) or .csv (UTF-8, comma), read as a stream:
// every cell as text, rows handed on in batches, so a 300,000-row file never sits in memory as a workbook.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { SheetError } from './sheet-error.js';
import { xlsxRows } from './xlsx-reader.js';

export { SheetError } from './sheet-error.js';

export type SheetFormat = 'xlsx' | 'csv';

/** The format a file name says, or null. */
export function sheetFormat(fileName: string): SheetFormat | null {
  const ext = /\.(xlsx|csv)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** Rows handed on together: one await per batch, not per row (three awaits a row once doubled the read's time). */
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
  /** Takes a row read (counted even when blank); true once the batch is full. */
  const take = (cells: string[]): boolean => {
    if (++read > MAX_SHEET_ROWS) throw new SheetError(`the file has more than ${MAX_SHEET_ROWS.toLocaleString('en-US')} rows, blank ones included`);
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length > 0) batch.push(cells);
    return batch.length === BATCH_ROWS;
  };
  try {
    if (format === 'xlsx') {
      // Rows come in groups as the worksheet unpacks: no await per row.
      for await (const group of xlsxRows(input)) {
        for (const cells of group) {
          if (take(cells)) {
            yield batch;
            batch = [];
          }
        }
      }
    } else {
      for await (const record of csvRows(utf8Only(input))) {
        if (take(record.map((v) => v.trim()))) {
          yield batch;
          batch = [];
        }
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

function csvRows(text: Buffer): AsyncIterable<string[]> {
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
