// Which cell styles show a number as a date. An .xlsx stores a date as a number of days; only the
// number format of the cell's style (xl/styles.xml: <cellXfs> <xf numFmtId>, custom codes in
// <numFmts>) says it is one, and a callee's due date must read as a date, not as 46037.
import type { Attributes, XmlReader } from './xlsx-xml.js';

/**
 * Built-in formats that are dates or times (ECMA-376 §18.8.30): 14-22 and 45-47; the East Asian
 * ones whose codes depend on the locale, 27-36 and 50-58 (a date or time in each of zh-cn, zh-tw,
 * ja-jp and ko-kr); and the Thai ones, 71-81.
 */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
  50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/**
 * Whether a custom format code shows a date or time: once its literal parts are gone (quoted
 * "text", [Red] colors and [$-804] locales, \x escapes, _x spaces, *x fills), a letter of a date or
 * time remains: y m d h s (elapsed [h] [mm] [ss] count), or b (the Buddhist-era year of Thai dates,
 * b/bb/bbbb, and the B1/B2 calendar marks; an unescaped b means nothing else in a format code).
 * Case does not matter to Excel (YYYY-MM-DD is a date). 0"d" is not a date: its d is quoted text.
 * One pass left to right, as Excel reads the code: a quote inside brackets is not a quote. A quote
 * or bracket left open runs to the end (Excel refuses such a code): tried as a pair at every [ of a
 * code of 500,000 unclosed brackets, the scan was quadratic, minutes of CPU for a styles part of 1 KB.
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*(?:"|$)|\[[^\]]*(?:\]|$)|[\\_*]./g, (part) => (/^\[(h+|m+|s+)\]$/i.test(part) ? part : ''));
  return /[ymdhsb]/i.test(bare);
}

/** Reads xl/styles.xml: for each cell style, in order, whether it shows a date. */
export class StylesReader implements XmlReader {
  private readonly formats = new Map<number, string>();
  private readonly xfs: number[] = [];
  private inCellXfs = false;

  open(name: string, a: Attributes): void {
    if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) this.formats.set(Number(a.numFmtId), a.formatCode);
    else if (name === 'cellXfs') this.inCellXfs = true;
    // <xf> also lists the cell style formats (<cellStyleXfs>); a cell's s counts <cellXfs> only.
    else if (name === 'xf' && this.inCellXfs) this.xfs.push(a.numFmtId === undefined ? 0 : Number(a.numFmtId));
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellXfs = false;
  }

  /** 1 at each style index that shows a date. A custom code given an id of a built-in one replaces it. */
  dateStyles(): Uint8Array {
    const isDate = (id: number) => {
      const code = this.formats.get(id);
      return code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code);
    };
    const known = new Map<number, boolean>();
    return Uint8Array.from(this.xfs, (id) => {
      if (!known.has(id)) known.set(id, isDate(id));
      return known.get(id) ? 1 : 0;
    });
  }
}
