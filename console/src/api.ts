// Same-origin JSON calls to the console API (/console/api, docs/console.md), with its error shape and the sign-out on 401.

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

let unauthorized: () => void = () => {};
/** The app goes back to the sign-in screen whenever the session is gone, whichever call noticed. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}
export function signalUnauthorized(): void {
  unauthorized();
}

export type Query = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/console/api${path}${qs ? `?${qs}` : ''}`;
}

/** Headers of a request that changes something: the custom header is the console's CSRF guard. */
export function changeHeaders(json: boolean): Record<string, string> {
  return json ? { 'x-robotcall-console': '1', 'content-type': 'application/json' } : { 'x-robotcall-console': '1' };
}

/** Reads `{"error": {"code", "message"}}`; anything else becomes a generic error with the HTTP status. */
export function errorFrom(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const b = (body ?? {}) as { error?: { code?: string; message?: string; retryAfterMs?: number } | string; retryAfterMs?: number };
  const e = typeof b.error === 'object' && b.error !== null ? b.error : { message: typeof b.error === 'string' ? b.error : undefined };
  const header = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) * 1000 : undefined;
  const retry = b.retryAfterMs ?? ('retryAfterMs' in e ? e.retryAfterMs : undefined) ?? header;
  return new ApiError(status, ('code' in e && e.code) || `HTTP ${status}`, e.message || `HTTP ${status}`, retry);
}

interface CallOptions {
  method?: string;
  query?: Query;
  /** A JSON body; non-GET calls without one send `{}` so a JSON-only server reads them too. */
  body?: unknown;
  signal?: AbortSignal;
  /** The sign-in call answers 401 for a wrong secret: that is its own error, not a lost session. */
  own401?: boolean;
}

export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const json = method !== 'GET' && method !== 'DELETE';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: method === 'GET' ? { accept: 'application/json' } : { accept: 'application/json', ...changeHeaders(json) },
      body: json ? JSON.stringify(options.body ?? {}) : undefined,
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'NetworkError', (err as Error).message || 'network error');
  }
  const body = parseJson(await response.text());
  if (!response.ok) {
    if (response.status === 401 && !options.own401) unauthorized();
    throw errorFrom(response.status, body, response.headers.get('retry-after'));
  }
  return body as T;
}

/** A body that is not JSON (a proxy's error page) reads as nothing, and the HTTP status speaks instead. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
