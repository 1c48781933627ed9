// The CLI's HTTP client of a server's admin API (`/_robotcall/`, README "Admin API"): every command
// that speaks to a running server goes through it, found by address (--url) or through the lock of
// the data dir the server holds (admin-target.ts).
export interface AdminAnswer { status: number; json: Record<string, unknown> }

export interface AdminApi {
  /** What the command goes through, said on stderr before it runs: `the server at URL`. */
  readonly via: string;
  /** The admin API's answer; an unreachable server, or one refusing the token (401, 403, 429), throws. */
  call(method: string, route: string, body?: unknown): Promise<AdminAnswer>;
}

export interface AdminApiOptions {
  /** The server's base URL, without `/_robotcall`. */
  url: string;
  token: string | null;
  /** What the command goes through, said on stderr before it runs. */
  via: string;
  /** Who is spoken to, the start of an error message (`the server at URL (pid N) holds DIR`). */
  server: string;
  /** What to do when the admin API refuses the command: said after the refusal. */
  refusedHint: string;
}

export function adminApi(options: AdminApiOptions): AdminApi {
  const { url, token, via, server, refusedHint } = options;
  return {
    via,
    async call(method, route, body) {
      let res: Response;
      try {
        res = await fetch(`${url}/_robotcall/${route}`, {
          method,
          // The admin API takes changes only as JSON (README "Admin API"), even without a body.
          headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        throw new Error(`${server} but cannot be reached (${reason(err)})`, { cause: err });
      }
      const json = await readJson(res);
      if (res.status === 401 || res.status === 403 || res.status === 429) {
        throw new Error(`${server}, and its admin API refused the command (${res.status}: ${String(json.error ?? res.statusText)}); ${refusedHint}`);
      }
      return { status: res.status, json };
    },
  };
}

/** The body of a 2xx answer; any other answer is thrown as its `{"error"}` text. */
export function okJson(r: AdminAnswer): Record<string, unknown> {
  if (r.status >= 200 && r.status < 300) return r.json;
  throw new Error(typeof r.json.error === 'string' ? r.json.error : `admin API answered ${r.status}`);
}

/** A JSON object, or `{}` for anything else (a proxy's HTML error page, an empty body). */
async function readJson(res: Response): Promise<Record<string, unknown>> {
  const parsed: unknown = await res.json().catch(() => ({}));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
}

/** fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause. */
function reason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
