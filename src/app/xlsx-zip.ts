// The zip of an .xlsx, read from its central directory. A streaming zip reader trusts local headers
// (a crafted one could name another part or another method than the directory says) and finds a
// part only by reading the whole archive before it; so the directory is read here, each part is
// found by its name there and must agree with its local header, and it is unpacked as a stream with
// a bound checked as it unpacks (sizes in the file are not taken on trust: a 1 MB upload can unpack
// to gigabytes), in pieces, so the caller parses a worksheet as it unpacks and never holds it whole.
import { createInflateRaw } from 'node:zlib';
import { SheetError } from './sheet-error.js';

/** Unpacked bounds: a 300,000-row sheet with a few TTS columns is ~40 MB of XML. */
export const XLSX_BOUNDS = { sharedStrings: 64 * 1024 * 1024, worksheet: 256 * 1024 * 1024, styles: 16 * 1024 * 1024, other: 1024 * 1024 };
/** A workbook of callees has a handful of parts; thousands is a crafted file. */
const MAX_ENTRIES = 10_000;
/** Unpacked bytes handed on at a time: enough to keep per-piece costs small, little enough to give the event loop turns. */
const PIECE = 64 * 1024;

export interface ZipEntry { name: string; method: number; compressedSize: number; size: number; localOffset: number; end: number }

/** The central directory's entries by name, each with where its local record ends (the next one's start). */
export function zipDirectory(zip: Buffer): Map<string, ZipEntry> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new SheetError('the file is not an .xlsx workbook (no zip directory)');
  const count = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new SheetError('the workbook is a ZIP64 archive, which robotcall does not read');
  if (count > MAX_ENTRIES) throw new SheetError(`the workbook has ${count} parts; at most ${MAX_ENTRIES}`);
  const damaged = () => new SheetError('the workbook\'s zip directory is damaged');
  const entries: Array<Omit<ZipEntry, 'end'>> = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw damaged();
    const nameLength = zip.readUInt16LE(at + 28);
    const localOffset = zip.readUInt32LE(at + 42);
    if (localOffset + 30 > dirOffset || at + 46 + nameLength > zip.length) throw damaged();
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength), method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24), localOffset,
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  // Two parts of one name (part names compare without regard to case, and some writers separate
  // folders with a backslash): which one a reader takes differs between programs, so neither is taken.
  const names = new Set<string>();
  for (const e of entries) {
    const name = e.name.toLowerCase().replaceAll('\\', '/');
    if (names.has(name)) throw new SheetError(`the workbook's zip holds two entries named ${e.name.slice(0, 100)}`);
    names.add(name);
  }
  const starts = [...new Set(entries.map((e) => e.localOffset)), dirOffset].sort((a, b) => a - b);
  const next = new Map(starts.slice(0, -1).map((s, i) => [s, starts[i + 1]!]));
  return new Map(entries.map((e) => [e.name, { ...e, end: next.get(e.localOffset)! }]));
}

/** The entry's compressed bytes, once its local header agrees with the directory on name and method. */
function dataOf(zip: Buffer, e: ZipEntry): Buffer {
  const at = e.localOffset;
  const nameLength = zip.readUInt16LE(at + 26);
  const agrees = zip.readUInt32LE(at) === 0x04034b50 && zip.readUInt16LE(at + 8) === e.method
    && zip.toString('utf8', at + 30, at + 30 + nameLength) === e.name;
  if (!agrees) throw new SheetError(`the workbook's zip entry ${e.name.slice(0, 100)} is damaged`);
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  if (start + e.compressedSize > e.end) throw new SheetError(`the workbook's zip entry ${e.name.slice(0, 100)} is damaged`);
  return zip.subarray(start, start + e.compressedSize);
}

/**
 * The entry's unpacked bytes, a piece at a time as they unpack; past `max` bytes the inflater is
 * stopped and SheetError thrown. `what` names the part in messages ("the workbook's styles").
 */
export async function* unpacked(zip: Buffer, e: ZipEntry, max: number, what: string): AsyncGenerator<Buffer> {
  const data = dataOf(zip, e);
  // A directory that admits a size past the bound is refused before any work; one that lies low is caught below.
  if (e.size > max) throw tooBig(what, max);
  if (e.method === 0) {
    if (data.length > max) throw tooBig(what, max);
    for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
    return;
  }
  if (e.method !== 8) throw new SheetError(`${what} is compressed in a way .xlsx files are not (method ${e.method})`);
  const inflater = createInflateRaw({ chunkSize: PIECE });
  inflater.end(data);
  let size = 0;
  try {
    for await (const piece of inflater as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > max) throw tooBig(what, max);
      yield piece;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`${what} is damaged`);
  } finally {
    // Also when the reader stops early (a bound, a bad cell, the caller done): no unpacking goes on behind it.
    inflater.destroy();
  }
}

const tooBig = (what: string, max: number) => new SheetError(`${what} unpacks to more than ${max / 1024 / 1024} MiB`);
