// A spreadsheet of callees checked row by row and, unless only checked, added to a task as one batch
// (docs/console.md "Spreadsheets of callees"): row 1 names the TTS variables, each further row is a
// number and its values. Bad rows and repeated numbers are reported with their row numbers and skipped.
import type { AppContext } from './app-context.js';
import { addCallees } from './task-creation.js';
import { CalleeRows } from './callee-rows.js';

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
  const byNumber = new Map<string, string[]>();
  const report: SheetReport = {
    rows: 0, valid: 0, added: 0, alreadyInTask: 0, duplicates: { count: 0, sample: [] }, errors: { count: 0, sample: [] }, variables: [],
  };
  const judge = new CalleeRows();
  for await (const batch of batches) for (const cells of batch) {
    const verdict = judge.take(cells);
    if (verdict === null) continue;
    if (judge.rows % PROGRESS_EVERY === 0) onProgress(judge.rows);
    if (verdict.kind === 'error') {
      report.errors.count++;
      if (report.errors.sample.length < REPORT_SAMPLE) report.errors.sample.push({ row: verdict.row, message: verdict.message });
    } else if (verdict.kind === 'duplicate') {
      report.duplicates.count++;
      if (report.duplicates.sample.length < REPORT_SAMPLE) report.duplicates.sample.push({ row: verdict.row, number: verdict.number });
    } else {
      numbers.push(verdict.number);
      if (verdict.values.length > 0) byNumber.set(verdict.number, verdict.values);
    }
  }
  report.variables = judge.assertHeader();
  report.rows = judge.rows;
  report.valid = numbers.length;
  onProgress(report.rows);
  return { numbers, byNumber, report };
}
