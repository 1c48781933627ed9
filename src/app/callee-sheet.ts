// Rows of a spreadsheet of callees, .xlsx (its first sheet) or .csv (UTF-8, comma), read as a stream:
// every cell as text, a row at a time, so a 300,000-row file never sits in memory as a workbook.
import { Readable } from 'node:stream';
import { parseStream } from '@fast-csv/parse';
import ExcelJS from 'exceljs';

export type SheetFormat = 'xlsx' | 'csv';

export class SheetError extends Error {}

/** The format a file name says, or null. */
export function sheetFormat(fileName: string): SheetFormat | null {
  const ext = /\.(xlsx|csv)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** The rows, each a list of cell texts (trailing blanks dropped); blank rows are skipped. */
export async function* sheetRows(input: Buffer, format: SheetFormat): AsyncGenerator<string[]> {
  if (format === 'xlsx' && input.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw new SheetError('the file is not an .xlsx workbook');
  const rows = format === 'xlsx' ? xlsxRows(input) : csvRows(input);
  try {
    for await (const raw of rows) {
      const cells = raw.map(cellText);
      while (cells.length > 0 && cells.at(-1) === '') cells.pop();
      if (cells.length > 0) yield cells;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`the file could not be read as ${format === 'xlsx' ? 'an .xlsx workbook' : 'UTF-8 CSV'}: ${(err as Error).message}`);
  }
}

async function* xlsxRows(input: Buffer): AsyncGenerator<unknown[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) {
      // values is 1-based and sparse: index 0 is always empty.
      const values = Array.isArray(row.values) ? row.values : [];
      yield Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1]);
    }
    return; // the first sheet only
  }
}

async function* csvRows(input: Buffer): AsyncGenerator<unknown[]> {
  // A byte-order mark is what spreadsheet programs put before UTF-8 CSV; it is not part of the header.
  const text = input.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? input.subarray(3) : input;
  yield* parseStream(Readable.from([text]), { headers: false, ignoreEmpty: true }) as AsyncIterable<string[]>;
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
