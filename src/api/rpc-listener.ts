// Serves the RPC endpoint `/` straight on node:http, ahead of fastify (which keeps /files and
// /_robotcall). Measured reason (bench/): fastify's routing and reply machinery cost ~8 µs of CPU
// per request, a quarter of bare node:http's whole cost, on the one path that must be fast.
// This module owns what fastify did for `/`: the body limit (D9) and writing the envelope.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rendered } from './envelope.js';
import { drainThenEnd } from './connections.js';
import { ApiError } from './errors.js';
import type { RpcHandler } from './gateway.js';

export const isRpcUrl = (url: string | undefined) => url === '/' || (url?.startsWith('/?') ?? false);

export function rpcListener(handle: RpcHandler, maxBodyBytes: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return tooLarge(handle, req, res, url, maxBodyBytes);
    const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const respond = (body: Buffer | undefined) => {
      handle({ method, url, headers: req.headers, body, protocol })
        .then((rendered) => send(res, rendered))
        // The handler renders every error it meets; this only guards the write itself.
        .catch(() => res.destroy());
    };
    if (declared === 0 && req.headers['transfer-encoding'] === undefined) {
      // No body (GET, or the V3 SDKs' empty POST): answer without waiting for the stream's end.
      req.resume();
      return respond(undefined);
    }
    const body = new BodyReader(declared);
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Chunked bodies announce no length: stop reading once past the limit.
      if (size > maxBodyBytes) return tooLarge(handle, req, res, url, maxBodyBytes);
      body.add(chunk);
    });
    req.on('end', () => {
      if (res.headersSent || size > maxBodyBytes) return;
      respond(body.take());
    });
  };
}

/**
 * Collects a body. Once half of a declared length has come (and more is to come), one buffer of that
 * length takes what came and then the rest as it comes, so the socket's chunks die young: kept to the
 * end and then concatenated, an upload's megabytes were held twice for as long as the request ran and
 * outlived it in the old generation (bench/import.ts). Not sooner: a client that declares 8 MiB and
 * sends a byte would make the server set aside 8 MiB for it (and V8 count them, collecting for them).
 * A body that comes in one chunk, as small ones do, is that chunk, uncopied.
 */
class BodyReader {
  private received = 0;
  private whole: Buffer | undefined;
  private chunks: Buffer[] = [];

  constructor(private readonly declared: number) {}

  add(chunk: Buffer): void {
    if (this.whole && this.received + chunk.length <= this.whole.length) {
      chunk.copy(this.whole, this.received);
      this.received += chunk.length;
      return;
    }
    if (this.whole) {
      // More than declared (node's parser never delivers it): back to chunks, without a loss.
      this.chunks = [this.whole.subarray(0, this.received)];
      this.whole = undefined;
    }
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.declared > 0 && this.received * 2 >= this.declared && this.received < this.declared && this.chunks.length > 1) {
      this.whole = Buffer.allocUnsafeSlow(this.declared);
      let at = 0;
      for (const c of this.chunks) at += c.copy(this.whole, at);
      this.chunks = [];
    }
  }

  take(): Buffer | undefined {
    const parts = this.whole ? [this.whole.subarray(0, this.received)] : this.chunks;
    this.whole = undefined;
    this.chunks = [];
    return parts.length <= 1 ? parts[0] : Buffer.concat(parts);
  }
}

function send(res: ServerResponse, r: Rendered): void {
  res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': Buffer.byteLength(r.body), ...r.headers });
  res.end(r.body);
}

function tooLarge(handle: RpcHandler, req: IncomingMessage, res: ServerResponse, url: string, limit: number): void {
  if (res.headersSent) return;
  const rendered = handle.refuse({ method: req.method ?? 'GET', url, headers: req.headers }, new ApiError('RequestTooLarge', `the body is over ${limit} bytes.`));
  // The answer goes out now; the response ends (and the connection closes) once the client has
  // sent the rest, so nothing unread is left to reset the socket.
  res.writeHead(rendered.status, { 'content-type': rendered.contentType, 'content-length': Buffer.byteLength(rendered.body), connection: 'close', ...rendered.headers });
  res.write(rendered.body);
  drainThenEnd(req, () => res.end());
}
