// A spreadsheet of callees checked row by row and, unless only checked, added to a task as one batch
// (docs/console.md "Spreadsheets of callees"): row 1 names the TTS variables, each further row is a
// number and its values. Bad rows and repeated numbers are reported with their row numbers and skipped.
import type { AppContext } from './app-context.js';
import { addCallees } from './task-creation.js';
import { MAX_NUMBERS_PER_TASK } from './callee-batch.js';
import { MAX_TTS_NAME, MAX_TTS_VALUE, MAX_TTS_VARIABLES } from '../domain/limits.js';
import { numberKey } from '../domain/phone-number.js';
import { hasControlChar, longerThan } from '../domain/plain-text.js';
import { SheetError } from './callee-sheet.js';

/** How many refused or repeated rows a report lists; the counts are always whole. */
export const REPORT_SAMPLE = 1_000;
/** Progress is told every this many rows. */
export const PROGRESS_EVERY = 10_000;

export interface SheetReport {
  rows: number;
  valid: number;
  /** Numbers the task did not have yet (0 when only checked). */
  added: number;
  /** Valid numbers the task already had (0 when only checked). */
  alreadyInTask: number;
  duplicates: { count: number; sample: Array<{ row: number; number: string }> };
  errors: { count: number; sample: Array<{ row: number; message: string }> };
  variables: string[];
}

/** Checks the rows; with a task id, adds the valid ones to it in one batch (all or nothing). */
export async function importSheet(
  ctx: AppContext, taskId: number | null, rows: AsyncIterable<string[][]>, onProgress: (rows: number) => void,
): Promise<SheetReport> {
  const checked = await checkRows(rows, onProgress);
  const { numbers, byNumber, report } = checked;
  if (taskId === null || numbers.length === 0) return report;
  report.added = (await addCallees(ctx, taskId, numbers, () => ({ head: report.variables, byNumber }))).added;
  report.alreadyInTask = numbers.length - report.added;
  return report;
}

async function checkRows(batches: AsyncIterable<string[][]>, onProgress: (rows: number) => void) {
  const numbers: string[] = [];
  const byNumber: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const seen = new Set<string>();
  const report: SheetReport = {
    rows: 0, valid: 0, added: 0, alreadyInTask: 0, duplicates: { count: 0, sample: [] }, errors: { count: 0, sample: [] }, variables: [],
  };
  let header: string[] | null = null;
  let rowNo = 0;
  for await (const batch of batches) for (const cells of batch) {
    rowNo++;
    if (header === null) {
      header = cells;
      report.variables = variablesOf(cells);
      continue;
    }
    if (++report.rows > MAX_NUMBERS_PER_TASK) throw new SheetError(`the file has more than ${MAX_NUMBERS_PER_TASK.toLocaleString('en-US')} rows of numbers`);
    if (report.rows % PROGRESS_EVERY === 0) onProgress(report.rows);
    const number = cells[0] ?? '';
    const problem = rowProblem(number, cells.slice(1), report.variables.length);
    if (problem !== null) {
      report.errors.count++;
      if (report.errors.sample.length < REPORT_SAMPLE) report.errors.sample.push({ row: rowNo, message: problem });
      continue;
    }
    const key = numberKey(number)!;
    if (seen.has(key)) {
      report.duplicates.count++;
      if (report.duplicates.sample.length < REPORT_SAMPLE) report.duplicates.sample.push({ row: rowNo, number });
      continue;
    }
    seen.add(key);
    numbers.push(number);
    if (report.variables.length > 0) byNumber[number] = report.variables.map((_, i) => cells[i + 1] ?? '');
  }
  if (header === null) throw new SheetError('the file is empty: row 1 must name the columns (number, then the TTS variables)');
  report.valid = numbers.length;
  onProgress(report.rows);
  return { numbers, byNumber, report };
}

/** The header's TTS variable names (every column after the number's), or why they cannot be. */
function variablesOf(header: string[]): string[] {
  if (header.length === 1 && /[;\t]/.test(header[0]!)) throw new SheetError('row 1 is one column holding ";" or a tab: separate the columns with commas');
  const names = header.slice(1);
  if (names.length > MAX_TTS_VARIABLES) throw new SheetError(`row 1 names ${names.length} TTS variables; at most ${MAX_TTS_VARIABLES}`);
  names.forEach((name, i) => {
    const column = i + 2;
    if (name === '') throw new SheetError(`row 1, column ${column}: a TTS variable needs a name`);
    if (longerThan(name, MAX_TTS_NAME) || hasControlChar(name)) throw new SheetError(`row 1, column ${column}: a variable name is at most ${MAX_TTS_NAME} characters, without control characters`);
    if (names.indexOf(name) !== i) throw new SheetError(`row 1, column ${column}: the variable "${name}" is named twice`);
  });
  return names;
}

function rowProblem(number: string, values: string[], variables: number): string | null {
  if (number === '') return 'the number is empty';
  if (numberKey(number) === null) return `"${number.slice(0, 40)}" is not a valid mainland China number`;
  if (values.length > variables) return `the row has ${values.length} values for ${variables} variables`;
  const long = values.findIndex((v) => longerThan(v, MAX_TTS_VALUE) || hasControlChar(v));
  if (long >= 0) return `column ${long + 2}: a TTS value is at most ${MAX_TTS_VALUE} characters, without control characters`;
  return null;
}
