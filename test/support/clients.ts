// The four official callers, configured exactly as docs/api/clients.md §1 shows, each reduced to
// { status, body } so one test can drive the same call through all of them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// CommonJS packages loaded from ESM: the classes are `.default`.
const RPCClient = require('@alicloud/pop-core') as new (cfg: Record<string, unknown>) => {
  request(action: string, params: Record<string, unknown>, opts?: Record<string, unknown>): Promise<Record<string, unknown>>;
};
const OpenApi = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const { RuntimeOptions } = require('@alicloud/tea-util');

export type ClientName = 'pop-get' | 'pop-post' | 'openapi-v3' | 'openapi-v2';
export const CLIENT_NAMES: readonly ClientName[] = ['pop-get', 'pop-post', 'openapi-v3', 'openapi-v2'];

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export interface Credentials {
  port: number;
  accessKeyId: string;
  accessKeySecret: string;
}

export type Caller = (action: string, params?: Record<string, string | number | boolean>) => Promise<Reply>;

export interface ClientOptions {
  /** openapi-* only: send the parameters as a form body (chunked on the wire) instead of the query. */
  formBody?: boolean;
}

export function client(name: ClientName, cred: Credentials, opts: ClientOptions = {}): Caller {
  if (name === 'pop-get' || name === 'pop-post') {
    const c = new RPCClient({
      accessKeyId: cred.accessKeyId, accessKeySecret: cred.accessKeySecret,
      endpoint: `http://127.0.0.1:${cred.port}`, apiVersion: '2017-05-25',
    });
    const opts = name === 'pop-post' ? { method: 'POST', timeout: 10_000 } : { timeout: 10_000 };
    return async (action, params = {}) => {
      try {
        return { status: 200, body: await c.request(action, params, opts) };
      } catch (err) {
        // pop-core throws on any Code other than OK, whatever the HTTP status (docs/api/clients.md §4).
        const e = err as { data?: Record<string, unknown>; entry?: { response?: { statusCode?: number } } };
        if (!e.data) throw err;
        return { status: e.entry?.response?.statusCode ?? 0, body: e.data };
      }
    };
  }
  const config = new OpenApi.Config({
    accessKeyId: cred.accessKeyId, accessKeySecret: cred.accessKeySecret, endpoint: `127.0.0.1:${cred.port}`, protocol: 'http',
    readTimeout: 10_000, ...(name === 'openapi-v2' ? { signatureAlgorithm: 'v2' } : {}),
  });
  const api = new OpenApi.default(config);
  return async (action, params = {}) => {
    const p = new OpenApi.Params({
      action, version: '2017-05-25', protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC',
      reqBodyType: 'formData', bodyType: 'json',
    });
    const req = new OpenApi.OpenApiRequest(opts.formBody ? { body: OpenApiUtil.query(params) } : { query: OpenApiUtil.query(params) });
    try {
      const res = await api.callApi(p, req, new RuntimeOptions({}));
      return { status: res.statusCode as number, body: res.body as Record<string, unknown> };
    } catch (err) {
      // openapi-* throw on 4xx/5xx with the parsed body in `data` (docs/api/clients.md §4).
      const e = err as { data?: Record<string, unknown>; statusCode?: number };
      if (!e.data) throw err;
      const { statusCode, ...body } = e.data;
      return { status: (e.statusCode ?? statusCode) as number, body };
    }
  };
}

/** Parses a Data field, asserting it is JSON text as docs/api/README.md §3.1 requires. */
export function data<T = unknown>(reply: Reply): T {
  const d = reply.body.Data;
  if (typeof d !== 'string') throw new Error(`Data is not a string: ${JSON.stringify(reply.body)}`);
  return JSON.parse(d) as T;
}
