// The console's two languages: t(key) over the dictionary in messages.ts, the choice kept in localStorage.
import { useEffect, useState } from 'preact/hooks';
import { MESSAGES, type MessageKey } from './messages';

export type Lang = 'en' | 'zh';
const STORAGE_KEY = 'robotcall.console.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // Storage can be off (private mode, policy): fall back to the browser's language.
  }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let lang: Lang = initialLang();
const listeners = new Set<() => void>();
applyDocumentLang();

function applyDocumentLang(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const getLang = (): Lang => lang;
export const locale = (): string => (lang === 'zh' ? 'zh-CN' : 'en-US');

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not kept across visits then; the switch still works for this page.
  }
  applyDocumentLang();
  for (const listener of listeners) listener();
}

/** Re-renders the calling component (the app root) when the language changes. */
export function useLang(): Lang {
  const [, setCurrent] = useState(lang);
  useEffect(() => {
    const listener = () => setCurrent(lang);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return lang;
}

/** `{name}` in a message is replaced by vars.name. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[key][lang === 'zh' ? 1 : 0];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

/** A label from a table keyed by wire value ([English, 中文]), or the wire value itself when unknown. */
export function pick(table: Readonly<Record<string, readonly [string, string]>>, value: string): string {
  const entry = Object.hasOwn(table, value) ? table[value] : undefined;
  return entry ? entry[lang === 'zh' ? 1 : 0] : value;
}

export const fmtInt = (n: number): string => n.toLocaleString(locale());
