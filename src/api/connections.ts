// How the HTTP server treats its connections: how long a client may take, what a client that
// breaks the protocol or runs out of time gets (an answer, then a closed socket, never a half-open
// one), and how they are drained at shutdown.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from './errors.js';
import { renderError, newRequestId, JSON_TYPE } from './envelope.js';

export interface HttpTimeouts {
  /** From connecting to the end of the request headers. */
  headersMs: number;
  /** From connecting to the end of the request body. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often node checks the two above: at most this late. */
  checkIntervalMs: number;
  /** A file download whose reader accepts nothing for this long is cut (file-routes.ts). */
  sendIdleMs: number;
  /** Connections open at once; past it a new one is closed at once (node's maxConnections). */
  maxConnections: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  // The SDKs send their headers in one write; 20 s covers a congested link, and is as long as a
  // client that dribbles its headers (slowloris) holds a socket (node's default: 60 s).
  headersMs: 20_000,
  // The whole request: an 8 MiB body (D9) at 70 KB/s takes 120 s.
  requestMs: 120_000,
  // The SDKs pool connections through node's agent, which ignores the server's Keep-Alive hint unless
  // it has a timeout of its own: a request sent just as the server's idle timer fires is lost
  // ("socket hang up"). Node's 5 s default put that moment inside a poller's ordinary pause; 65 s is
  // past it, and past the 60 s idle timeout of the usual load balancers, which must close first.
  keepAliveMs: 65_000,
  // Node checks every 30 s by default, so a 20 s limit could fire at 50 s; a pass over the list
  // of connections once a second costs microseconds.
  checkIntervalMs: 1_000,
  // A reader that stops reading would otherwise hold its socket, and the rows waiting for it, for
  // ever; 30 s of nothing accepted is far past any live client's pause.
  sendIdleMs: 30_000,
  // Idle connections are kept 65 s, so a client that opens one per request and never reuses it holds
  // thousands; this bounds the descriptors and memory (a few KB each) they can take.
  maxConnections: 10_000,
};

/**
 * Answers a client error (node's 'clientError') and closes the socket for good. Node would only
 * half-close it after `end()`, and a client that never closes its side kept the descriptor open.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket, maxHeaderBytes: number): void {
  // A response already under way cannot be followed by another status line.
  const responding = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || !socket.writable || responding) {
    socket.destroy();
    return;
  }
  socket.end(statusText(err, maxHeaderBytes), () => socket.destroy());
}

function statusText(err: NodeJS.ErrnoException, maxHeaderBytes: number): string {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    const error = new ApiError('RequestTooLarge', `the URL and headers are over ${maxHeaderBytes} bytes.`);
    const requestId = newRequestId();
    const body = renderError(error, 'JSON', requestId, 'dyvmsapi.aliyuncs.com').body;
    return `HTTP/1.1 413 Payload Too Large\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`;
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
  return 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
}

/**
 * How much of a refused body (over the limit) is read and dropped so its sender gets the answer.
 * Closing a socket with unread data resets it, and a client that sends its whole body before
 * reading (Python's urllib) then lost the 413. Past this, or the request time limit, it is cut.
 */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/**
 * For fastify's routes: a response ended while its request's body is still coming (fastify's 413)
 * is written at once but ended only once the body is in, read and dropped; node would otherwise
 * close the socket on the unread rest and reset it. Other responses are untouched.
 */
export function endAfterBody(req: IncomingMessage, res: ServerResponse): void {
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    res.end = end;
    if (req.complete || req.destroyed) return Reflect.apply(end, res, args) as ServerResponse;
    const cb = typeof args.at(-1) === 'function' ? (args.pop() as () => void) : undefined;
    const [chunk, encoding] = args as [string | Buffer | null | undefined, BufferEncoding | undefined];
    if (chunk !== undefined && chunk !== null) res.write(chunk, encoding ?? 'utf8');
    drainThenEnd(req, () => { Reflect.apply(end, res, cb ? [cb] : []); });
    return res;
  } as typeof res.end;
}

/** Reads and drops the rest of a request's body, then calls `done`; past MAX_DRAINED_BYTES cuts it. */
export function drainThenEnd(req: IncomingMessage, done: () => void): void {
  let dropped = 0;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    done();
  };
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DRAINED_BYTES) {
      finish();
      req.destroy();
    }
  });
  req.once('end', finish);
  req.resume();
}

/** docs/decisions.md D12: requests in flight get at most this long to finish at shutdown. */
export const DRAIN_MS = 10_000;

export interface ConnectionTracker {
  /**
   * Closes idle connections (between requests, or never used) at once and each busy one as its
   * last response is written; past `limitMs` cuts the rest. Resolves with how many were cut.
   */
  drain(limitMs: number): Promise<number>;
}

/**
 * Counts the requests in flight per connection. Node's own closeIdleConnections misses a
 * connection that never sent a request, and that alone held shutdown for the whole drain limit.
 */
export function trackConnections(server: Server): ConnectionTracker {
  const inFlight = new Map<Socket, number>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => {
      if (!inFlight.has(socket)) return;
      const left = inFlight.get(socket)! - 1;
      inFlight.set(socket, left);
      // Written out first, then closed: a keep-alive client would otherwise hold it open.
      if (draining && left === 0) socket.end(() => socket.destroy());
    });
  });
  return {
    drain: (limitMs) => {
      draining = true;
      for (const [socket, requests] of inFlight) if (requests === 0) socket.destroy();
      if (inFlight.size === 0) return Promise.resolve(0);
      return new Promise((resolve) => {
        const cutAll = setTimeout(() => {
          const cut = inFlight.size;
          for (const socket of inFlight.keys()) socket.destroy();
          resolve(cut);
        }, limitMs);
        const settled = () => {
          if (inFlight.size > 0) return;
          clearTimeout(cutAll);
          resolve(0);
        };
        for (const socket of inFlight.keys()) socket.once('close', () => setImmediate(settled));
      });
    },
  };
}
