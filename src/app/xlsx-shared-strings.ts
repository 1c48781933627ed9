// The workbook's shared strings (xl/sharedStrings.xml): Excel stores every text cell's value once
// here and the cell by its index. The table is read whole before the worksheet, so it is kept
// compactly: the texts of each 4,096 strings joined into one string and, per string, where it ends
// in it (4 bytes), rather than an object per string (an upload of 64 MiB of <si/> is 13 million
// strings). Each text is joined from its runs and trimmed once, when read, not once per cell that
// uses it (a string of 100,000 runs used by every cell).
import { xstring } from './xlsx-cell.js';
import type { XmlReader } from './xlsx-xml.js';

/** Strings per joined block: a power of two, so a string's block is its index shifted. */
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;

export class SharedStrings {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private ends = new Uint32Array(BLOCK);
  count = 0;

  add(text: string): void {
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    const start = this.pending.length === 0 ? 0 : this.ends[this.count - 1]!;
    this.ends[this.count++] = start + text.length;
    this.pending.push(text);
    if (this.pending.length === BLOCK) this.seal();
  }

  /** Joins the strings still pending into their block; done once the table is read. */
  seal(): void {
    if (this.pending.length > 0) this.blocks.push(this.pending.join(''));
    this.pending = [];
  }

  /**
   * The text at `index`, or '' when the table has no such string (a damaged file): the cell reads
   * as a blank, so its row is refused as any row with a blank number is, and the rest is read.
   */
  get(index: number): string {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) return '';
    const start = (index & (BLOCK - 1)) === 0 ? 0 : this.ends[index - 1]!;
    return this.blocks[index >>> BLOCK_BITS]!.slice(start, this.ends[index]);
  }
}

/**
 * Reads xl/sharedStrings.xml: each <si> is a <t> or rich-text runs <r><t>..</t></r>, joined; the
 * phonetic guide of East Asian text (<rPh>, read aloud as the reading of a name) is not its text.
 */
export class SharedStringsReader implements XmlReader {
  private readonly strings = new SharedStrings();
  private parts: string[] = [];
  private inText = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === 't') this.inText = this.phonetic === 0;
    else if (name === 'rPh') this.phonetic++;
    else if (name === 'si') this.parts = [];
  }

  text(text: string): void {
    if (this.inText) this.parts.push(text);
  }

  /** The table, once the part is read. */
  table(): SharedStrings {
    this.strings.seal();
    return this.strings;
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.phonetic--;
    else if (name === 'si') this.strings.add(xstring(this.parts.length === 1 ? this.parts[0]! : this.parts.join('')).trim());
  }
}
