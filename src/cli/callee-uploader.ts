// Valid rows of a spreadsheet sent to a task in batches through UploadRobotTaskCalledFile, while the
// file is still being read: each batch is one upload (stored whole, docs/decisions.md D5), and a
// bounded number are in flight at once, so reading and the server's work overlap and memory stays flat.
import { Encoded, percentEncode } from '../api/percent-encode.js';
import { callOk } from './api-command.js';
import type { RpcCall } from './rpc-client.js';

export interface UploadLimits {
  /** Rows per upload: at most the API's 100,000 numbers per call. */
  rows: number;
  /** Rows of the first upload, when fewer: the server starts on it while the rest is read. */
  firstRows?: number;
  /** Bytes a batch's form body may reach (the server takes 8 MiB bodies); estimated from above. */
  bytes: number;
  /** Uploads sent and not yet answered. */
  inFlight: number;
}

/**
 * 20,000 rows: an upload's body (2.4 MB at 20,000 rows with two short TTS values) is held, decoded and
 * parsed at once by the server, so this bounds its memory per upload; ~15 uploads for 300,000 rows cost
 * little per request. Measured on a loaded machine, 50,000 and 100,000 were not clearly faster (README "Performance").
 * The first upload takes 2,000: the server, which paces a large import (each upload answered about when
 * the next is ready), would otherwise wait idle while the first 20,000 rows are read.
 */
export const DEFAULT_LIMITS: UploadLimits = { rows: 20_000, firstRows: 2_000, bytes: 6 * 1024 * 1024, inFlight: 2 };

export class CalleeUploader {
  /** Rows the server has taken (their uploads answered OK), and uploads answered. */
  sent = 0;
  uploads = 0;
  private numbers: string[] = [];
  /**
   * The batch's TtsParam, percent-encoded as rows are added (see ttsEntry): written straight into bytes,
   * so a batch's 20,000 entries are not 20,000 strings kept alive (and moved by the GC) until it is sent.
   */
  private readonly entries: ByteBuilder;
  private bytes = 0;
  private flushed = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly call: RpcCall, private readonly taskId: number, private readonly variables: readonly string[],
    private readonly limits: UploadLimits = DEFAULT_LIMITS, private readonly onSent: () => void = () => {},
  ) {
    this.entries = new ByteBuilder(limits.bytes);
  }

  /**
   * Adds a valid row. When it completes a batch, returns a promise that resolves once the batch is on its
   * way (else nothing: an await per row cost as much as reading the row). Throws an upload's failure.
   */
  add(number: string, values: string[]): Promise<void> | undefined {
    if (this.failure !== null) throw this.failure;
    this.numbers.push(number);
    // Percent-encoded UTF-8 is at most 9 bytes a character; the JSON around each entry about 60.
    let size = number.length * 2 + 60;
    if (this.variables.length > 0) {
      this.entries.write((this.numbers.length > 1 ? COMMA : OPEN_LIST) + ttsEntry(number, values));
      for (const v of values) size += v.length * 9 + 9;
    }
    this.bytes += size;
    const rows = this.flushed === 0 ? Math.min(this.limits.firstRows ?? this.limits.rows, this.limits.rows) : this.limits.rows;
    return this.numbers.length >= rows || this.bytes >= this.limits.bytes ? this.flush() : undefined;
  }

  /** Sends what is left and waits for every upload. */
  async finish(): Promise<void> {
    if (this.numbers.length > 0) await this.flush();
    await Promise.all(this.pending);
    if (this.failure !== null) throw this.failure;
  }

  private async flush(): Promise<void> {
    while (this.pending.size >= this.limits.inFlight) await Promise.race(this.pending);
    if (this.failure !== null) throw this.failure;
    const rows = this.numbers.length;
    this.flushed++;
    let body: Buffer | null = null;
    const request: Record<string, string | number | Encoded> = { Id: this.taskId, CalledNumber: this.numbers.join(',') };
    if (this.variables.length > 0) {
      request.TtsParamHead = JSON.stringify(this.variables);
      this.entries.write(CLOSE_LIST);
      body = this.entries.take();
      request.TtsParam = new Encoded(body);
    }
    this.numbers = [];
    this.bytes = 0;
    const upload = callOk(this.call, 'UploadRobotTaskCalledFile', request).then(() => {
      this.sent += rows;
      this.uploads++;
      this.onSent();
    }, (err: unknown) => {
      this.failure ??= err;
    }).finally(() => {
      this.pending.delete(upload);
      if (body) this.entries.recycle(body);
    });
    this.pending.add(upload);
  }
}

const ENTRY_OPEN = percentEncode('{"number":');
const ENTRY_PARAMS = percentEncode(',"params":[');
const ENTRY_CLOSE = percentEncode(']}');
const COMMA = percentEncode(',');
const OPEN_LIST = percentEncode('[');
const CLOSE_LIST = percentEncode(']');

/**
 * ASCII text appended into one growing buffer. What was written is taken as it is, without a copy (it
 * may still be on its way when the next batch is written), and the next batch gets a buffer of its own.
 * Texts are gathered into pieces of 64 KB before they are copied in: a copy per row cost more than
 * the rows' percent-encoding.
 */
class ByteBuilder {
  private buffer: Buffer = Buffer.alloc(0);
  private length = 0;
  private pending = '';
  private readonly spare: Buffer[] = [];

  /** `capacity`: what a batch takes at most; memory not written to is never touched, so costs nothing. */
  constructor(private readonly capacity: number) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 65_536) this.copyPending();
  }

  /** What was written; the builder is empty after. */
  take(): Buffer {
    this.copyPending();
    const out = this.buffer.subarray(0, this.length);
    this.buffer = this.spare.pop() ?? Buffer.alloc(0);
    this.length = 0;
    return out;
  }

  /**
   * Gives back what `take` returned, once it was sent: the next batches are written over it, since
   * fresh memory costs a page fault per 4 KB on first touch (a tenth of the CLI's time in all).
   */
  recycle(taken: Buffer): void {
    // Only a buffer this builder allocated: all of its memory, and nothing else's.
    if (this.spare.length < 2 && taken.byteOffset === 0 && taken.buffer.byteLength >= this.capacity) {
      this.spare.push(Buffer.from(taken.buffer as ArrayBuffer, 0, taken.buffer.byteLength));
    }
  }

  private copyPending(): void {
    const text = this.pending;
    this.pending = '';
    if (this.length + text.length > this.buffer.length) {
      // Never from node's shared pool (allocUnsafe's, for small sizes): the buffer is recycled whole.
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + text.length, this.capacity));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'latin1');
  }
}

/**
 * `{"number":…,"params":[…]}` as JSON.stringify writes it, percent-encoded: built row by row from
 * short pieces, since encoding a batch's whole TtsParam at once, then copying it into bytes, was the
 * CLI's largest cost after reading the file (callee-uploader.test.ts checks it is the same text).
 */
export function ttsEntry(number: string, values: readonly string[]): string {
  let out = `${ENTRY_OPEN}${percentEncode(JSON.stringify(number))}${ENTRY_PARAMS}`;
  for (let i = 0; i < values.length; i++) out += `${i ? COMMA : ''}${percentEncode(JSON.stringify(values[i]))}`;
  return out + ENTRY_CLOSE;
}
