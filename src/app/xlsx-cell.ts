// A worksheet cell's value as the sheet shows it, as text: numbers as written (phone numbers are
// often stored as numbers, and must keep their digits), dates as yyyy-MM-dd (with HH:mm:ss when
// they have a time), booleans as true/false. The value of the cell as stored in the XML comes in.

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment (ms since 1970, the sheet's zone-less date and time taken as UTC) as yyyy-MM-dd[ HH:mm:ss]; '' if out of range. */
export function dateText(ms: number): string {
  const v = new Date(ms);
  if (Number.isNaN(v.getTime())) return '';
  const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const seconds = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
  return seconds === 0 ? day : `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
}

/** A number as XML writes one (xsd:double without INF/NaN); `13800000001xyz` is text, not 13800000001. */
// Each digit can be matched one way only: `\d+\.?\d*` split a run of digits every way before failing,
// 25 s for 100,000 digits and an x.
const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** Excel shows dates up to 9999-12-31 and no negative serials (it shows ####). */
const END_OF_DATES = Date.UTC(10_000, 0, 1);

/**
 * A number cell (`<v>` as written): whole numbers without exponent or fraction, others as
 * JavaScript writes them; a date when its style says so, a serial day count (from 1899-12-30, or
 * 1904-01-01 in a 1904 workbook) rounded to the millisecond, while Excel would show it as one (else
 * the number). Text that is no number is kept as is.
 */
export function numberText(raw: string, asDate: boolean, date1904: boolean): string {
  if (raw === '') return '';
  if (!NUMBER.test(raw)) return raw.trim();
  const n = Number(raw);
  if (asDate && n >= 0) {
    const ms = Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
    if (ms < END_OF_DATES) return dateText(ms);
  }
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?$/;

/**
 * A date cell (t="d", ISO 8601 text) as other dates read: its date and time as written (a zone,
 * if any, is not applied: the sheet's other dates have none). Text that is no such date is kept as is.
 */
export function isoDateText(raw: string): string {
  const text = raw.trim();
  const m = ISO.exec(text);
  if (!m) return text;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((f) => Number(f ?? 0)) as [number, number, number, number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, s, 0);
  // 2026-02-30 would roll over to March: not a date, so kept as written.
  const same = at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d && at.getUTCHours() === h && at.getUTCMinutes() === mi && at.getUTCSeconds() === s;
  return same ? dateText(at.getTime()) : text;
}

/** A boolean cell: 1 or 0 (true/false from some writers); '' when empty. */
export function booleanText(raw: string): string {
  const v = raw.trim();
  if (v === '') return '';
  return v === '0' || v.toLowerCase() === 'false' ? 'false' : 'true';
}

/**
 * Text with the escapes of OOXML strings undone: a character XML cannot carry is written _xHHHH_
 * (a carriage return is _x000D_), and a literal "_x" before four hex digits as _x005F_x.
 */
export function xstring(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * Shorter substrings are copies already; from this length V8 makes a substring a view of the string
 * it was cut from, which it then keeps alive.
 */
const VIEW_MIN = 13;

/**
 * The text as a string of its own, not a view of the 64 KiB piece of XML it was read from: rows are
 * kept (a whole upload through the console), and every kept view kept its piece, so the unpacked
 * worksheet (up to 256 MiB) stayed in memory behind a few characters per row. Only for text cut
 * from the worksheet: a copy of a shared string per cell that uses it made a 3 KB file of one
 * 1,000,000-character string and 200 cells hold 200 MB.
 */
export function detached(text: string): string {
  return text.length < VIEW_MIN ? text : (` ${text}`).slice(1);
}
