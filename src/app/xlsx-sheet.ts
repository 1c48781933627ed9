// The rows of a worksheet part (<sheetData>), each a list of cell texts, produced as its XML
// unpacks: a 300,000-row sheet is ~40 MB of XML and never held whole. A cell is placed by the
// column letters of its reference (r="B7"), or after the previous cell when it has none; columns
// it skips are blanks. A reference past XFD (column 16,384, Excel's last) is refused, not made
// into an array that long. A formula cell reads as its cached result (<v>).
import { SheetError } from './sheet-error.js';
import { booleanText, detached, isoDateText, numberText, xstring } from './xlsx-cell.js';
import type { SharedStrings } from './xlsx-shared-strings.js';
import { parsedXml, type Attributes, type XmlReader } from './xlsx-xml.js';

/** Excel's last column, XFD. */
export const MAX_COLUMNS = 16_384;
/** A cell's text at most, in characters: Excel holds 32,767; rich runs could otherwise join to the part's bound. */
const MAX_CELL_TEXT = 1024 * 1024;
/**
 * Cells the rows may hold in all, the blanks before each cell included: a value in column XFD makes
 * its row 16,384 cells long, so 20,000 such rows (a 6.5 KB file) took 51 s and 1.2 GB. 300,000
 * callees with 30 TTS variables are 9.3 million.
 */
export const MAX_CELLS = 16 * 1024 * 1024;

export interface SheetContext {
  /** The shared strings table; null when the workbook has none. */
  strings: SharedStrings | null;
  /** 1 at each style index that shows a date (xlsx-styles.ts). */
  dateStyles: Uint8Array;
  date1904: boolean;
}

/**
 * The worksheet's rows, in groups as they unpack (every <row>, a blank one as []). Trailing blank
 * cells may remain; a row's cells are texts, trimmed.
 */
export async function* worksheetRows(pieces: AsyncIterable<Buffer>, context: SheetContext, what: string): AsyncGenerator<string[][]> {
  const reader = new SheetReader(context);
  for await (const _ of parsedXml(pieces, reader, what)) {
    if (reader.rows.length > 0) yield reader.takeRows();
  }
  if (reader.rows.length > 0) yield reader.takeRows();
}

/** The column index (0 = A) of a reference such as B7; -1 when it starts with no letter. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
    if (n > MAX_COLUMNS) throw new SheetError(`cell ${ref.slice(0, 20)} is past column XFD, the last a worksheet can have`);
  }
  return i === 0 ? -1 : n - 1;
}

class SheetReader implements XmlReader {
  rows: string[][] = [];
  private inData = false;
  private cells: string[] | null = null;
  private rowNumber = 0;
  /** Where a cell without a reference goes: after the previous one. */
  private next = 0;
  // The cell being read.
  private ref: string | undefined;
  private column = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private inValue = false;
  private inInline = false;
  private phonetic = 0;
  /** Cells the rows read so far hold, blanks included (MAX_CELLS). */
  private cellCount = 0;

  constructor(private readonly context: SheetContext) {}

  takeRows(): string[][] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  open(name: string, a: Attributes): void {
    switch (name) {
      case 'c': if (this.cells) this.openCell(a); break;
      case 'v': this.inValue = this.cells !== null; break;
      // Inline text: <is><t> or rich runs <is><r><t>, joined; not the phonetic guide (<rPh>).
      case 'is': this.inInline = this.cells !== null; break;
      case 't': this.inValue = this.inInline && this.phonetic === 0; break;
      case 'rPh': this.phonetic++; break;
      case 'row':
        if (this.inData) {
          this.cells = [];
          this.next = 0;
          this.rowNumber = a.r === undefined ? this.rowNumber + 1 : Number(a.r);
        }
        break;
      case 'sheetData': this.inData = true; break;
    }
  }

  text(text: string): void {
    if (!this.inValue) return;
    this.value += text;
    if (this.value.length > MAX_CELL_TEXT) throw new SheetError(`cell ${this.ref?.slice(0, 20) ?? `in row ${this.rowNumber}`} holds more than ${MAX_CELL_TEXT.toLocaleString('en-US')} characters`);
  }

  close(name: string): void {
    switch (name) {
      case 'v': case 't': this.inValue = false; break;
      case 'rPh': this.phonetic--; break;
      case 'is': this.inInline = false; break;
      case 'c': if (this.cells) this.closeCell(this.cells); break;
      case 'row':
        if (this.cells) this.rows.push(this.cells);
        this.cells = null;
        break;
      case 'sheetData': this.inData = false; break;
    }
  }

  private openCell(a: Attributes): void {
    this.ref = a.r;
    const column = this.ref === undefined ? -1 : columnOf(this.ref);
    this.column = column < 0 ? this.next : column;
    if (this.column >= MAX_COLUMNS) throw new SheetError(`row ${this.rowNumber} has a cell past column XFD, the last a worksheet can have`);
    this.type = a.t ?? 'n';
    // A cell without a style has style 0, which may well be a date format.
    this.style = a.s === undefined ? 0 : Number(a.s);
    this.value = '';
  }

  private closeCell(cells: string[]): void {
    const text = this.cellText();
    // Blanks are not written out: the columns before a cell are padded when one comes.
    if (text !== '' || this.column < cells.length) {
      if (this.column >= cells.length) this.cellCount += this.column + 1 - cells.length;
      if (this.cellCount > MAX_CELLS) {
        throw new SheetError(`the worksheet's rows hold more than ${MAX_CELLS.toLocaleString('en-US')} cells, counting the blanks before each value (row ${this.rowNumber} reaches column ${this.column + 1})`);
      }
      while (cells.length < this.column) cells.push('');
      // A shared string is a view of the table, which it may share with every cell: kept as it is.
      cells[this.column] = this.type === 's' ? text : detached(text);
    }
    this.next = this.column + 1;
    this.inValue = false;
    this.inInline = false;
  }

  private cellText(): string {
    const raw = this.value;
    switch (this.type) {
      // An index past the table (or no table) reads as a blank (xlsx-shared-strings.ts).
      case 's': return raw === '' || !this.context.strings ? '' : this.context.strings.get(Number(raw));
      case 'inlineStr': case 'str': return xstring(raw).trim();
      case 'b': return booleanText(raw);
      // An error (#N/A, #DIV/0!) is no value to call with.
      case 'e': return '';
      case 'd': return isoDateText(raw);
      default: return numberText(raw, this.context.dateStyles[this.style] === 1, this.context.date1904);
    }
  }
}
