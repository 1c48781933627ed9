// Calls to the admin API (/_robotcall/...) with the operator's token, kept in this tab's sessionStorage only (docs/console.md "Operator").
import { ApiError, errorFrom, parseJson } from '../api';

const STORAGE_KEY = 'robotcall.console.adminToken';
/** Where storage is off, the token lives as long as the page. */
let fallback: string | null = null;

/** null: not signed in as the operator; "" : signed in without a token (a loopback server needs none). */
export function getAdminToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return fallback;
  }
}

export function setAdminToken(token: string | null): void {
  fallback = token;
  try {
    if (token === null) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Kept in memory only (fallback above).
  }
}

let unauthorized: () => void = () => {};
export function onAdminUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

interface AdminOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** The token to try (the sign-in check), instead of the stored one; a 401 then is the answer, not a lost sign-in. */
  token?: string;
}

export async function admin<T>(path: string, options: AdminOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const token = options.token ?? getAdminToken() ?? '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // The admin API refuses a change without this type, even with no body (README "Admin API").
  if (method !== 'GET') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/_robotcall${path}`, {
      method, headers, credentials: 'same-origin', signal: options.signal,
      body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'NetworkError', (err as Error).message || 'network error');
  }
  const body = parseJson(await response.text());
  if (!response.ok) {
    if (response.status === 401 && options.token === undefined) unauthorized();
    throw errorFrom(response.status, body);
  }
  return body as T;
}
