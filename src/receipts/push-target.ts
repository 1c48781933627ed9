// What an account's receiver may be (docs/decisions.md D16): checked when it is set, so a delivery
// never starts from a URL it could not use. Credentials in the URL are refused: they would be logged
// with every failing delivery, and the signature header is how a receiver knows the sender.
import { randomBytes } from 'node:crypto';

export const MAX_PUSH_URL = 2048;
const SECRET = /^[\x21-\x7e]{16,128}$/;

/** Why `text` cannot be a receiver's URL, or null when it can. */
export function pushUrlProblem(text: unknown): string | null {
  if (typeof text !== 'string' || text.length === 0) return 'must be an http:// or https:// URL';
  if (text.length > MAX_PUSH_URL) return `must be at most ${MAX_PUSH_URL} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http:// or https:// URL, e.g. https://receiver.example.com/voice-report';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https, not ${url.protocol.replace(/:$/, '')}`;
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry credentials (the signature header proves the sender; see the README)';
  if (url.hash || text.includes('#')) return 'must not have a #fragment';
  if (text !== text.trim()) return 'must not start or end with spaces';
  return null;
}

/** The URL as it is stored, shown and posted to: the parsed form (`http://h/a b` is `http://h/a%20b`). */
export function normalPushUrl(text: string): string {
  return new URL(text).href;
}

/** Why `text` cannot be a signing secret, or null when it can. */
export function secretProblem(text: unknown): string | null {
  return typeof text === 'string' && SECRET.test(text) ? null : 'must be 16-128 printable ASCII characters without spaces';
}

/** 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
