// The parts of an .xlsx that its callees are read from, checked and put in the order a streaming
// reader needs, before exceljs sees them. exceljs reads the zip as a stream: a worksheet that comes
// before the shared strings (as Excel and exceljs save them), or a workbook without shared strings,
// went to a temporary file it never removed when reading stopped early (numbers and TTS values left
// on disk, and a 1 MB upload inflating to a 1 GB file), and its shared-string cache had no bound (a
// 5 MB upload of 120 million strings took the process down). So: the zip's directory is read here,
// each part inflated once with a bound to learn its real size, and a zip of only the parts needed
// is handed on: the workbook's relations, the workbook, its shared strings (an empty table when it
// has none), then its first worksheet, each entry's bytes copied as they are.
import { createInflateRaw } from 'node:zlib';
import { SheetError } from './sheet-error.js';

/** Inflated bounds: a 300,000-row sheet with a few TTS columns is ~40 MB of XML. */
export const XLSX_BOUNDS = { sharedStrings: 64 * 1024 * 1024, worksheet: 256 * 1024 * 1024, other: 1024 * 1024 };

interface Entry { name: string; method: number; compressedSize: number; localOffset: number; end: number }

const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED = 'xl/sharedStrings.xml';
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A zip of the parts the reader needs, in its order; throws SheetError for anything else. */
export async function xlsxForReading(zip: Buffer): Promise<Buffer> {
  const entries = readDirectory(zip);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rels = byName.get(RELS);
  const workbook = byName.get(WORKBOOK);
  const sheet = entries.find((e) => WORKSHEET.test(e.name));
  if (!rels || !workbook || !sheet) throw new SheetError('the file is not an .xlsx workbook (no workbook or worksheet in it)');
  const shared = byName.get(SHARED);
  await inflatedSize(zip, rels, XLSX_BOUNDS.other, 'its workbook relations');
  await inflatedSize(zip, workbook, XLSX_BOUNDS.other, 'its workbook part');
  if (shared) await inflatedSize(zip, shared, XLSX_BOUNDS.sharedStrings, 'its shared strings');
  await inflatedSize(zip, sheet, XLSX_BOUNDS.worksheet, 'its first worksheet');
  const raw = (e: Entry) => zip.subarray(e.localOffset, e.end);
  return Buffer.concat([raw(rels), raw(workbook), shared ? raw(shared) : EMPTY_SHARED_STRINGS, raw(sheet)]);
}

/** The central directory's entries, each with where its local record ends (the next one's start). */
function readDirectory(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new SheetError('the file is not an .xlsx workbook (no zip directory)');
  const count = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new SheetError('the workbook is a ZIP64 archive, which robotcall does not read');
  const entries: Array<Omit<Entry, 'end'>> = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new SheetError('the workbook\'s zip directory is damaged');
    const nameLength = zip.readUInt16LE(at + 28);
    const localOffset = zip.readUInt32LE(at + 42);
    if (localOffset + 30 > dirOffset || at + 46 + nameLength > zip.length) throw new SheetError('the workbook\'s zip directory is damaged');
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), method: zip.readUInt16LE(at + 10), compressedSize: zip.readUInt32LE(at + 20), localOffset });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  const starts = [...new Set(entries.map((e) => e.localOffset)), dirOffset].sort((a, b) => a - b);
  return entries.map((e) => ({ ...e, end: starts[starts.indexOf(e.localOffset) + 1]! }));
}

/** Inflates an entry only to count its bytes, refusing it past `max` (its directory size may lie). */
async function inflatedSize(zip: Buffer, e: Entry, max: number, what: string): Promise<number> {
  if (zip.readUInt32LE(e.localOffset) !== 0x04034b50) throw new SheetError('the workbook\'s zip entries are damaged');
  const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
  const data = zip.subarray(start, Math.min(start + e.compressedSize, e.end));
  if (e.method === 0) {
    if (data.length > max) throw tooBig(what, max);
    return data.length;
  }
  if (e.method !== 8) throw new SheetError(`the workbook's ${what} is compressed in a way .xlsx files are not (method ${e.method})`);
  const inflate = createInflateRaw();
  let size = 0;
  const done = new Promise<number>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        reject(tooBig(what, max));
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(new SheetError(`the workbook's ${what} is damaged`)));
  });
  inflate.end(data);
  return done;
}

const tooBig = (what: string, max: number) => new SheetError(`${what} unpacks to more than ${max / 1024 / 1024} MiB`);

/** CRC-32 of the empty table below (a zip entry carries its data's; test beside this file checks it). */
export const EMPTY_SHARED_STRINGS_CRC = 0x2f7f47e7;

/** A stored `xl/sharedStrings.xml` with no strings, for a workbook saved without the table. */
export const EMPTY_SHARED_STRINGS = (() => {
  const name = Buffer.from(SHARED);
  const data = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt32LE(EMPTY_SHARED_STRINGS_CRC, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
})();
