// Talks to robotcall's console API as the browser page does: signs in by HMAC (the secret stays
// here), keeps the session cookie, and sends the console's header on changes.
import { createHmac, randomUUID } from 'node:crypto';

export interface ConsoleResponse<T = Record<string, unknown>> {
  status: number;
  json: T;
  headers: Headers;
}

export function signinBody(accessKeyId: string, secret: string, at = new Date()) {
  const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nonce = randomUUID();
  const signature = createHmac('sha256', secret).update(`robotcall-console-signin\n${accessKeyId}\n${timestamp}\n${nonce}`).digest('base64');
  return { accessKeyId, timestamp, nonce, signature };
}

export class ConsoleClient {
  cookie: string | null = null;

  constructor(readonly port: number) {}

  static async signIn(port: number, accessKeyId: string, secret: string): Promise<ConsoleClient> {
    const c = new ConsoleClient(port);
    const r = await c.signIn(accessKeyId, secret);
    if (r.status !== 200) throw new Error(`console sign-in failed: ${r.status} ${JSON.stringify(r.json)}`);
    return c;
  }

  async signIn(accessKeyId: string, secret: string): Promise<ConsoleResponse> {
    const r = await this.request('POST', '/session', signinBody(accessKeyId, secret));
    const cookie = r.headers.get('set-cookie');
    if (r.status === 200 && cookie) this.cookie = cookie.split(';')[0]!;
    return r;
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, opts: { header?: boolean } = {}): Promise<ConsoleResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && opts.header !== false) headers['x-robotcall-console'] = '1';
    let payload: string | Blob | undefined;
    if (Buffer.isBuffer(body)) {
      headers['content-type'] = 'application/octet-stream';
      payload = new Blob([new Uint8Array(body)]);
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`http://127.0.0.1:${this.port}/console/api${path}`, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, json: (text ? parseBody(text) : {}) as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  /** An upload's NDJSON lines. */
  async upload(path: string, file: Buffer): Promise<{ status: number; lines: Array<Record<string, unknown>> }> {
    const r = await this.request<unknown>('POST', path, file);
    const lines = Array.isArray(r.json) ? r.json as Array<Record<string, unknown>> : [r.json as Record<string, unknown>];
    return { status: r.status, lines };
  }
}

/** JSON, or NDJSON as an array of its lines. */
function parseBody(text: string): unknown {
  const lines = text.trim().split('\n');
  return lines.length > 1 ? lines.map((l) => JSON.parse(l) as unknown) : JSON.parse(text);
}
