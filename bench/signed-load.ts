// Drives a server with autocannon, every request a fresh v1-signed GET (own nonce and timestamp),
// exactly what pop-core sends, so replay protection and signature checks run for each request.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { signV1 } from '../test/support/raw-request.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** A GET path as pop-core sends it: sorted, RFC 3986-encoded, Signature last. */
export function signedPath(action: string, params: Record<string, string>, keyId: string, secret: string, nonce: string): string {
  return `/?${signV1({ Action: action, ...params }, { accessKeyId: keyId, secret, nonce }).query}`;
}

// Requests are signed before the clock starts, so the load generator, which shares the machine's
// two cores with the server, spends its time sending rather than hashing. Past this many per
// second it signs on the fly.
const PRESIGNED_PER_SECOND = 40_000;

export async function signedLoad(opts: {
  url: string; action: string; params: Record<string, string>; keyId: string; secret: string; connections: number; seconds: number;
}): Promise<LoadResult> {
  const prefix = randomBytes(6).toString('hex');
  const sign = (i: number) => signedPath(opts.action, opts.params, opts.keyId, opts.secret, `${prefix}-${i}`);
  const presigned = Array.from({ length: PRESIGNED_PER_SECOND * opts.seconds }, (_, i) => sign(i));
  let n = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [{
      method: 'GET',
      setupRequest: (req) => {
        const i = n++;
        return { ...req, path: presigned[i] ?? sign(i) };
      },
    }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
