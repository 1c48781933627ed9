// How the HTTP server treats its connections: how long a client may take, and what a client that
// breaks the protocol or runs out of time gets (an answer, then a closed socket, never a half-open one).
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
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  // The SDKs send their headers in one write; 20 s covers a congested link, and is as long as a
  // client that dribbles its headers (slowloris) holds a socket (node's default: 60 s).
  headersMs: 20_000,
  // The whole request: an 8 MiB body (D9) at 70 KB/s takes 120 s.
  requestMs: 120_000,
  // Node's default; the SDKs' pools reuse a connection within it.
  keepAliveMs: 5_000,
  // Node checks every 30 s by default, so a 20 s limit could fire at 50 s; a pass over the list
  // of connections once a second costs microseconds.
  checkIntervalMs: 1_000,
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
    const body = renderError(error, 'JSON', newRequestId(), 'dyvmsapi.aliyuncs.com').body;
    return `HTTP/1.1 413 Payload Too Large\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
  return 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
}
