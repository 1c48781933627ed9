// The parts of an .xlsx that its callees are read from, checked and put in the order a streaming
// reader needs, before exceljs sees them. exceljs reads the zip as a stream: a worksheet that comes
// before the shared strings (as Excel and exceljs save them), or a workbook without shared strings,
// went to a temporary file it never removed when reading stopped early (numbers and TTS values left
// on disk, and a 1 MB upload inflating to a 1 GB file), and its shared-string cache had no bound (a
// 5 MB upload of 120 million strings took the process down). So the zip's directory is read here;
// the workbook's first tab is found from its workbook part; each part needed is inflated once with a
// bound to learn its real size; and a zip of only those parts is handed on, in the reader's order,
// each entry under a local header rebuilt from the directory (the reader trusts local headers, and
// a crafted one could name another part or another method than the directory checked).
import { createInflateRaw } from 'node:zlib';
import { SheetError } from './sheet-error.js';

/** Inflated bounds: a 300,000-row sheet with a few TTS columns is ~40 MB of XML. */
export const XLSX_BOUNDS = { sharedStrings: 64 * 1024 * 1024, worksheet: 256 * 1024 * 1024, styles: 16 * 1024 * 1024, other: 1024 * 1024 };
/** A workbook of callees has a handful of parts; thousands is a crafted file. */
const MAX_ENTRIES = 10_000;

interface Entry { name: string; flags: number; method: number; crc: number; compressedSize: number; size: number; localOffset: number; end: number }

const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A zip of the parts the reader needs, in its order; throws SheetError for anything else. */
export async function xlsxForReading(zip: Buffer): Promise<Buffer> {
  const byName = new Map(readDirectory(zip).map((e) => [e.name, e]));
  const rels = byName.get(RELS);
  const workbook = byName.get(WORKBOOK);
  if (!rels || !workbook) throw new SheetError('the file is not an .xlsx workbook (it has no workbook part)');
  const relsXml = (await inflate(zip, rels, XLSX_BOUNDS.other, 'the workbook\'s relations', true)).toString('utf8');
  const workbookXml = (await inflate(zip, workbook, XLSX_BOUNDS.other, 'the workbook part', true)).toString('utf8');
  const sheet = byName.get(firstTab(workbookXml, relsXml) ?? '') ?? [...byName.values()].find((e) => WORKSHEET.test(e.name));
  if (!sheet) throw new SheetError('the workbook has no worksheet');
  const shared = byName.get(SHARED);
  const styles = byName.get(STYLES);
  if (shared) await inflate(zip, shared, XLSX_BOUNDS.sharedStrings, 'the workbook\'s shared strings');
  if (styles) await inflate(zip, styles, XLSX_BOUNDS.styles, 'the workbook\'s styles');
  await inflate(zip, sheet, XLSX_BOUNDS.worksheet, 'the workbook\'s first worksheet');
  // Styles tell dates from numbers; shared strings must come before the worksheet (see above).
  const parts = [rels, workbook, ...(styles ? [styles] : [])].map((e) => rebuilt(zip, e));
  return Buffer.concat([...parts, shared ? rebuilt(zip, shared) : EMPTY_SHARED_STRINGS, rebuilt(zip, sheet)]);
}

/** The part of the workbook's first tab that is not hidden (what a person opening it sees), e.g. xl/worksheets/sheet2.xml. */
function firstTab(workbookXml: string, relsXml: string): string | null {
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const sheets = workbookXml.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? [];
  const visible = sheets.find((s) => !/\sstate="(hidden|veryHidden)"/.test(s)) ?? sheets[0];
  const id = visible ? attr(visible, '(?:\\w+:)?id') : undefined;
  if (id === undefined) return null;
  const rel = (relsXml.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []).find((r) => attr(r, 'Id') === id);
  const target = rel ? attr(rel, 'Target') : undefined;
  if (target === undefined) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The central directory's entries, each with where its local record ends (the next one's start). */
function readDirectory(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new SheetError('the file is not an .xlsx workbook (no zip directory)');
  const count = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new SheetError('the workbook is a ZIP64 archive, which robotcall does not read');
  if (count > MAX_ENTRIES) throw new SheetError(`the workbook has ${count} parts; at most ${MAX_ENTRIES}`);
  const damaged = () => new SheetError('the workbook\'s zip directory is damaged');
  const entries: Array<Omit<Entry, 'end'>> = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw damaged();
    const nameLength = zip.readUInt16LE(at + 28);
    const localOffset = zip.readUInt32LE(at + 42);
    if (localOffset + 30 > dirOffset || at + 46 + nameLength > zip.length) throw damaged();
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength), flags: zip.readUInt16LE(at + 8), method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16), compressedSize: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24), localOffset,
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  const starts = [...new Set(entries.map((e) => e.localOffset)), dirOffset].sort((a, b) => a - b);
  const next = new Map(starts.slice(0, -1).map((s, i) => [s, starts[i + 1]!]));
  return entries.map((e) => ({ ...e, end: next.get(e.localOffset)! }));
}

/** The entry's compressed bytes, once its local header agrees with the directory on name and method. */
function dataOf(zip: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  const nameLength = zip.readUInt16LE(at + 26);
  const agrees = zip.readUInt32LE(at) === 0x04034b50 && zip.readUInt16LE(at + 8) === e.method
    && zip.toString('utf8', at + 30, at + 30 + nameLength) === e.name;
  if (!agrees) throw new SheetError(`the workbook's zip entry ${e.name.slice(0, 100)} is damaged`);
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  if (start + e.compressedSize > e.end) throw new SheetError(`the workbook's zip entry ${e.name.slice(0, 100)} is damaged`);
  return zip.subarray(start, start + e.compressedSize);
}

/** Inflates an entry with a bound (its directory size may lie); its bytes when `keep`, else only checked. */
async function inflate(zip: Buffer, e: Entry, max: number, what: string, keep = false): Promise<Buffer> {
  const data = dataOf(zip, e);
  if (e.method === 0) {
    if (data.length > max) throw tooBig(what, max);
    return data;
  }
  if (e.method !== 8) throw new SheetError(`${what} is compressed in a way .xlsx files are not (method ${e.method})`);
  const inflater = createInflateRaw();
  const chunks: Buffer[] = [];
  let size = 0;
  const done = new Promise<Buffer>((resolve, reject) => {
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (keep) chunks.push(chunk);
      if (size > max) {
        inflater.destroy();
        reject(tooBig(what, max));
      }
    });
    inflater.on('end', () => resolve(Buffer.concat(chunks)));
    inflater.on('error', () => reject(new SheetError(`${what} is damaged`)));
  });
  inflater.end(data);
  return done;
}

const tooBig = (what: string, max: number) => new SheetError(`${what} unpacks to more than ${max / 1024 / 1024} MiB`);

/** The entry under a local header made from the directory: same name, method, CRC and sizes, no data descriptor. */
function rebuilt(zip: Buffer, e: Entry): Buffer {
  return localRecord(Buffer.from(e.name), e.flags & 0x800, e.method, e.crc, dataOf(zip, e), e.size);
}

function localRecord(name: Buffer, flags: number, method: number, crc: number, data: Buffer, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

/** CRC-32 of the empty table below (a zip entry carries its data's; the test beside this file checks it). */
export const EMPTY_SHARED_STRINGS_CRC = 0x2f7f47e7;

/** A stored `xl/sharedStrings.xml` with no strings, for a workbook saved without the table. */
export const EMPTY_SHARED_STRINGS = (() => {
  const data = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  return localRecord(Buffer.from(SHARED), 0, 0, EMPTY_SHARED_STRINGS_CRC, data, data.length);
})();
