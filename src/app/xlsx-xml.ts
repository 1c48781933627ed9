// An .xlsx part's XML, parsed as it unpacks: each piece is decoded (a piece may end inside a UTF-8
// sequence, so the decoder carries it over) and written to saxes, whose events go to the part's
// reader by local name (some writers prefix every element, as in <x:row>). Any failure is a
// SheetError that names the part. The tokenizer keeps every open element and gathers a text or a
// tag whole before it reports it, so a part's bound alone would let a crafted file nest millions of
// elements or make one text of 256 MiB: both are bounded here too. A comment, CDATA section,
// processing instruction or DOCTYPE may hold '<', so for those what the tokenizer has gathered is
// measured itself (a DOCTYPE of 240 MB of <!-- --> took 4 GB of heap and ended the process).
import { SaxesParser } from 'saxes';
import { SheetError } from './sheet-error.js';

/** Elements open at once: a worksheet nests a handful (worksheet, sheetData, row, c, is, r, t). */
const MAX_DEPTH = 64;
/** Bytes between two '<' (a text or a tag): Excel holds at most 32,767 characters in a cell. */
const MAX_RUN = 1024 * 1024;

export type Attributes = Record<string, string>;

/** What a part's reader does with its elements and text. */
export interface XmlReader {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** Text and CDATA, entities already decoded. */
  text?(text: string): void;
}

/**
 * What saxes has gathered and not yet reported: a text, or a comment, CDATA section, processing
 * instruction or DOCTYPE, which (unlike a text or a tag) may run past a '<'. Its own field, not in its types.
 */
const gathered = (parser: SaxesParser<{ xmlns: false; position: false }>) => (parser as unknown as { text?: string }).text?.length ?? 0;

const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Feeds the part's pieces to `reader`, pausing after each (so a worksheet's rows can be handed on
 * as they come). `what` names the part in messages ("the workbook's styles").
 */
export async function* parsedXml(pieces: AsyncIterable<Buffer>, reader: XmlReader, what: string): AsyncGenerator<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH) throw new SheetError(`${what} nests elements more than ${MAX_DEPTH} deep`);
    reader.open(local(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    depth--;
    reader.close(local(tag.name));
  });
  if (reader.text) {
    parser.on('text', reader.text.bind(reader));
    parser.on('cdata', reader.text.bind(reader));
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (piece?: Buffer) => {
    try {
      return piece ? decoder.decode(piece, { stream: true }) : decoder.decode();
    } catch {
      throw new SheetError(`${what} is not UTF-8 text`);
    }
  };
  const write = (text: string | null) => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (err) {
      // The readers' own refusals (a cell past the last column) pass through; saxes's are about the XML.
      if (err instanceof SheetError) throw err;
      throw new SheetError(`${what} is not well-formed XML (${(err as Error).message})`);
    }
  };
  let run = 0;
  for await (const piece of pieces) {
    const lt = piece.lastIndexOf(0x3c);
    run = lt < 0 ? run + piece.length : piece.length - lt - 1;
    if (run > MAX_RUN) throw new SheetError(`${what} has a text or tag longer than ${MAX_RUN / 1024 / 1024} MiB`);
    write(decode(piece));
    if (gathered(parser) > MAX_RUN) throw new SheetError(`${what} has a text, comment or declaration longer than ${MAX_RUN / 1024 / 1024} MiB`);
    yield;
  }
  write(decode());
  write(null);
}

/** Reads a whole part (one whose reader keeps what it needs) before the caller goes on. */
export async function readXml(pieces: AsyncIterable<Buffer>, reader: XmlReader, what: string): Promise<void> {
  for await (const _ of parsedXml(pieces, reader, what));
}
