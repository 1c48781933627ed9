// The rows of an .xlsx's first tab, read by robotcall itself from the zip's directory (xlsx-zip.ts)
// with an XML tokenizer (xlsx-xml.ts): a general workbook reader unpacked each part twice here (once
// to check it, once to read it), parked a worksheet on disk when the zip put it before the shared
// strings, and kept an object per shared string without bound. Here the workbook part names the
// tab; the shared strings and styles are read whole first (a cell needs them), each within its
// bound; then the worksheet is parsed as it unpacks, and its rows handed on as they come.
import { SheetError } from './sheet-error.js';
import { SharedStringsReader, type SharedStrings } from './xlsx-shared-strings.js';
import { worksheetRows } from './xlsx-sheet.js';
import { StylesReader } from './xlsx-styles.js';
import { RelationsReader, WorkbookReader, workbookFacts } from './xlsx-workbook.js';
import { readXml, type XmlReader } from './xlsx-xml.js';
import { XLSX_BOUNDS, unpacked, zipDirectory, type ZipEntry } from './xlsx-zip.js';

const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * The first tab's rows, in groups as they are read (see worksheetRows); throws SheetError for a file
 * it cannot read. `bounds`: the parts' unpacked sizes at most (tests make them small).
 */
export async function* xlsxRows(zip: Buffer, bounds = XLSX_BOUNDS): AsyncGenerator<string[][]> {
  const parts = zipDirectory(zip);
  const rels = parts.get(RELS);
  const workbook = parts.get(WORKBOOK);
  if (!rels || !workbook) throw new SheetError('the file is not an .xlsx workbook (it has no workbook part)');
  /** A whole part read into its reader, unpacked within its bound. */
  const read = async <R extends XmlReader>(entry: ZipEntry, bound: number, what: string, reader: R): Promise<R> => {
    await readXml(unpacked(zip, entry, bound, what), reader, what);
    return reader;
  };
  const relations = await read(rels, bounds.other, 'the workbook\'s relations', new RelationsReader());
  const book = await read(workbook, bounds.other, 'the workbook part', new WorkbookReader());
  const facts = workbookFacts(book, relations);
  // A workbook that names no tab (or a missing part) is read from its first worksheet part.
  const sheet = parts.get(facts.sheetPart ?? '') ?? [...parts.values()].find((e) => WORKSHEET.test(e.name));
  if (!sheet) throw new SheetError('the workbook has no worksheet');

  const shared = parts.get(SHARED);
  const strings: SharedStrings | null = shared
    ? (await read(shared, bounds.sharedStrings, 'the workbook\'s shared strings', new SharedStringsReader())).table() : null;
  const styles = parts.get(STYLES);
  const dateStyles = styles ? (await read(styles, bounds.styles, 'the workbook\'s styles', new StylesReader())).dateStyles() : new Uint8Array(0);
  const what = 'the workbook\'s first worksheet';
  yield* worksheetRows(unpacked(zip, sheet, bounds.worksheet, what), { strings, dateStyles, date1904: facts.date1904 }, what);
}
