// The rows of a spreadsheet of callees judged one at a time (docs/console.md "Spreadsheets of callees"):
// row 1 names the TTS variables, each further row is a number and its values. The console's import and
// `robotcall import` both judge rows here, so a file is refused or accepted alike by either.
import { MAX_NUMBERS_PER_TASK } from './callee-batch.js';
import { SheetError } from './sheet-error.js';
import { MAX_TTS_NAME, MAX_TTS_VALUE, MAX_TTS_VARIABLES } from '../domain/limits.js';
import { numberKey } from '../domain/phone-number.js';
import { hasControlChar, longerThan } from '../domain/plain-text.js';

/** What became of one data row; `row` counts the file's non-blank rows, the header being row 1. */
export type RowVerdict =
  | { kind: 'valid'; row: number; number: string; values: string[] }
  | { kind: 'error'; row: number; number: string; message: string }
  | { kind: 'duplicate'; row: number; number: string };

export class CalleeRows {
  /** The header's TTS variable names; null until row 1 was read. */
  variables: string[] | null = null;
  /** Data rows judged so far (the header not counted). */
  rows = 0;
  private rowNo = 0;
  private readonly seen = new Set<string>();

  /** Judges the next row: null for the header. Throws SheetError when the file as a whole is refused. */
  take(cells: string[]): RowVerdict | null {
    const row = ++this.rowNo;
    if (this.variables === null) {
      this.variables = variablesOf(cells);
      return null;
    }
    if (++this.rows > MAX_NUMBERS_PER_TASK) throw new SheetError(`the file has more than ${MAX_NUMBERS_PER_TASK.toLocaleString('en-US')} rows of numbers`);
    const number = cells[0] ?? '';
    const key = number === '' ? null : numberKey(number);
    const message = key === null ? numberProblem(number) : valuesProblem(cells, this.variables.length);
    if (message !== null) return { kind: 'error', row, number, message };
    if (this.seen.has(key!)) return { kind: 'duplicate', row, number };
    this.seen.add(key!);
    return { kind: 'valid', row, number, values: valuesOf(cells, this.variables.length) };
  }

  /** Throws when no row was read at all: the file had not even a header. */
  assertHeader(): string[] {
    if (this.variables === null) throw new SheetError('the file is empty: row 1 must name the columns (number, then the TTS variables)');
    return this.variables;
  }
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

function numberProblem(number: string): string {
  return number === '' ? 'the number is empty' : `"${number.slice(0, 40)}" is not a valid mainland China number`;
}

function valuesProblem(cells: string[], variables: number): string | null {
  if (cells.length - 1 > variables) return `the row has ${cells.length - 1} values for ${variables} variables`;
  for (let i = 1; i < cells.length; i++) {
    const v = cells[i]!;
    if (longerThan(v, MAX_TTS_VALUE) || hasControlChar(v)) return `column ${i + 1}: a TTS value is at most ${MAX_TTS_VALUE} characters, without control characters`;
  }
  return null;
}

/** One value per variable, blanks for the cells a row leaves out. */
function valuesOf(cells: string[], variables: number): string[] {
  const values = new Array<string>(variables);
  for (let i = 0; i < variables; i++) values[i] = cells[i + 1] ?? '';
  return values;
}
