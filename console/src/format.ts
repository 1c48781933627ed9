// Formatting of times (in the server's time zone), money (fen → yuan) and durations for display.
import { locale, t } from './i18n';
import type { TimeValue } from './types';

let timezone: string | undefined;
/** Engine times are shown in the server's zone (GET /overview's timezone), as its formatted copies are. */
export function setTimezone(zone: string | undefined): void {
  timezone = zone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy-MM-dd HH:mm:ss, the format the API itself uses. */
export function formatMs(ms: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(ms));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  } catch {
    // An unknown zone name: the browser's own zone rather than nothing.
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
}

/** A time as the API gave it: epoch ms, an already formatted text, or nothing (shown as a dash). */
export function formatTime(value: TimeValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return formatMs(value);
  // The admin API's ISO 8601 times, in the zone every other time is shown in.
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) ? formatMs(Date.parse(value)) : value;
}

export function formatYuan(fen: number | null): string {
  if (fen === null) return t('balance.unlimited');
  return `¥${(fen / 100).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** m:ss, for offsets within a call. */
export function formatOffset(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return t('unit.seconds', { n: seconds });
  return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
}

/** A list the API sends either as an array or comma-joined (callers, recall codes). */
export function listOf(value: string | string[] | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
