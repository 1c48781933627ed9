// Renders and parses wall times in the configured zone (default Asia/Shanghai, docs/decisions.md D3).
// Offsets come from Intl once per zone and quarter hour, so hot paths only do arithmetic.

const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in ms at instant `ms`. */
export function zoneOffset(ms: number, zone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${zone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = computeOffset(bucket * QUARTER_HOUR, zone);
    if (offsetCache.size > 10_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeOffset(ms: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = utc(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-dd HH:mm:ss` (sep '-') or `yyyy.MM.dd HH:mm:ss` (sep '.'); `""` for null (D3). */
export function formatTime(ms: number | null, zone: string, sep: '-' | '.' = '-'): string {
  if (ms === null) return '';
  const d = new Date(ms + zoneOffset(ms, zone));
  return `${d.getUTCFullYear()}${sep}${pad(d.getUTCMonth() + 1)}${sep}${pad(d.getUTCDate())} `
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `yyyy-MM-dd` of instant `ms` in the zone. */
export function formatDate(ms: number, zone: string): string {
  return formatTime(ms, zone).slice(0, 10);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Java `Date.toString()` style, as QueryRobotInfoList shows: `Thu Mar 21 12:00:51 CST 2019`. */
export function formatJavaDate(ms: number, zone: string): string {
  const offset = zoneOffset(ms, zone);
  const d = new Date(ms + offset);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} `
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zoneAbbreviation(zone, offset)} ${d.getUTCFullYear()}`;
}

function zoneAbbreviation(zone: string, offset: number): string {
  // Java prints China Standard Time as CST; other zones get a GMT offset, which Java also accepts.
  if (zone === 'Asia/Shanghai' || zone === 'PRC' || zone === 'Asia/Chongqing') return 'CST';
  if (offset === 0) return 'GMT';
  const m = Math.abs(offset) / 60_000;
  return `GMT${offset < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `yyyy-MM-dd HH:mm:ss` in the zone to epoch ms; null if malformed or not a real time. */
export function parseLocalTime(text: string, zone: string): number | null {
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  return fromLocalParts(m.slice(1).map(Number), zone);
}

/** Parses `yyyy-MM-dd` to the zone's midnight in epoch ms; null if malformed. */
export function parseLocalDate(text: string, zone: string): number | null {
  const m = LOCAL_DATE.exec(text);
  if (!m) return null;
  return fromLocalParts([...m.slice(1).map(Number), 0, 0, 0], zone);
}

/** The instants [from, to) of local date `yyyy-MM-dd`: to is the next date's midnight, so a 23- or 25-hour DST day stays whole. */
export function localDay(text: string, zone: string): { from: number; to: number } | null {
  const from = parseLocalDate(text, zone);
  if (from === null) return null;
  const [y, mo, d] = text.split('-').map(Number);
  const next = new Date(utc(y!, mo! - 1, d! + 1, 0, 0, 0));
  return { from, to: fromLocalParts([next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0], zone)! };
}

/** Date.UTC without its quirk of reading years 0-99 as 1900-1999. */
function utc(y: number, month0: number, d: number, h: number, mi: number, s: number): number {
  return new Date(Date.UTC(2000, 0, 1, h, mi, s)).setUTCFullYear(y, month0, d);
}

function fromLocalParts([y, mo, d, h, mi, s]: number[], zone: string): number | null {
  const asUtc = utc(y!, mo! - 1, d!, h!, mi!, s!);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return null;
  // Two passes settle the offset even across a DST change.
  let ms = asUtc - zoneOffset(asUtc, zone);
  ms = asUtc - zoneOffset(ms, zone);
  return ms;
}
