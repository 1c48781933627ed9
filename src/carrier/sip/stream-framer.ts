// Cuts SIP messages out of a TCP byte stream (RFC 3261 §18.3): headers to the empty line, then
// Content-Length bytes of body (mandatory on a stream). CRLF keep-alives between messages (RFC 5626
// §4.4.1) are skipped. A peer that sends more than MAX_MESSAGE without finishing a message, or no
// usable Content-Length, has broken the framing: the caller closes the connection.
import { MAX_MESSAGE } from './message.js';

export class FramingError extends Error {}

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns the whole messages they complete. */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      let start = 0;
      while (start + 1 < this.buffer.length && this.buffer[start] === 0x0d && this.buffer[start + 1] === 0x0a) start += 2;
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buffer.length > MAX_MESSAGE) throw new FramingError(`no end of headers within ${MAX_MESSAGE} bytes`);
        return out;
      }
      const length = contentLength(this.buffer.subarray(0, end).toString('latin1'));
      const total = end + 4 + length;
      if (total > MAX_MESSAGE) throw new FramingError(`a message of ${total} bytes`);
      if (this.buffer.length < total) return out;
      out.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
  }
}

function contentLength(head: string): number {
  const m = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d{1,5})[ \t]*(?:\r\n|$)/i.exec(head);
  if (!m) throw new FramingError('a message without Content-Length on a stream');
  return Number(m[1]);
}
