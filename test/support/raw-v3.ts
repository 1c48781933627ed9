// Hand-built V3 (ACS3-HMAC-SHA256) requests, for the cases the openapi clients cannot produce (a chosen
// x-acs-date or nonce, a replay). A second, deliberately plain implementation of docs/api/README.md §2.2.
import { createHash, createHmac, randomUUID } from 'node:crypto';

const pe = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface V3Options {
  port: number;
  accessKeyId: string;
  secret: string;
  date?: string;
  nonce?: string;
}

/** A V3 POST with the parameters in the query, as openapi-client sends it. */
export function signV3(action: string, params: Record<string, string>, opts: V3Options): { method: string; query: string; body: string; headers: Record<string, string> } {
  const query = Object.keys(params).sort().map((k) => `${pe(k)}=${pe(params[k]!)}`).join('&');
  const headers: Record<string, string> = {
    host: `127.0.0.1:${opts.port}`, 'x-acs-action': action, 'x-acs-version': '2017-05-25',
    'x-acs-date': opts.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': opts.nonce ?? randomUUID().replace(/-/g, ''), 'x-acs-content-sha256': sha256(''),
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', query, names.map((h) => `${h}:${headers[h]}\n`).join(''), names.join(';'), headers['x-acs-content-sha256']].join('\n');
  const signature = createHmac('sha256', opts.secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${opts.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
  return { method: 'POST', query, body: '', headers };
}
