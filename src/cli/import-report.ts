// What `robotcall import` says about a file: the rows it refused (invalid) or skipped (a number an
// earlier row has), each with its row number, number and reason; the first ones kept for the summary,
// every one streamed to --errors FILE.csv when asked.
import type { RowVerdict } from '../app/callee-rows.js';
import { CsvFile } from './csv-file.js';

/** Refused rows kept for the summary; the counts are always whole. */
export const SAMPLE = 1_000;
/**
 * A refused row's number is shown up to this many characters: a cell can hold megabytes (a shared
 * string of 60 million characters, from a 67 KB file, printed 1.2 GB for 20 rows and made --json fail).
 */
export const SHOWN_NUMBER = 100;

const shown = (number: string) => (number.length > SHOWN_NUMBER ? `${number.slice(0, SHOWN_NUMBER)}…` : number);

export interface RefusedRow { row: number; number: string; reason: string }

export class ImportReport {
  errors = { count: 0, sample: [] as RefusedRow[] };
  duplicates = { count: 0, sample: [] as RefusedRow[] };

  constructor(private readonly file: CsvFile | null) {}

  static async open(errorsFile: string | undefined): Promise<ImportReport> {
    const file = errorsFile === undefined ? null : new CsvFile(errorsFile);
    await file?.row(['row', 'number', 'reason']);
    return new ImportReport(file);
  }

  /** Records a refused row; a promise only when the file asks to wait. */
  refuse(verdict: Exclude<RowVerdict, { kind: 'valid' }>): Promise<void> | undefined {
    const reason = verdict.kind === 'error' ? verdict.message : 'the number repeats an earlier row\'s';
    const entry = { row: verdict.row, number: shown(verdict.number), reason };
    const list = verdict.kind === 'error' ? this.errors : this.duplicates;
    list.count++;
    if (list.sample.length < SAMPLE) list.sample.push(entry);
    return this.file?.row([String(entry.row), entry.number, entry.reason]);
  }

  get refused(): number {
    return this.errors.count + this.duplicates.count;
  }

  /** Every refused row of the sample, in row order. */
  sample(): RefusedRow[] {
    return [...this.errors.sample, ...this.duplicates.sample].sort((a, b) => a.row - b.row);
  }

  close(): Promise<void> {
    return this.file?.close() ?? Promise.resolve();
  }

  discard(): void {
    this.file?.discard();
  }
}
