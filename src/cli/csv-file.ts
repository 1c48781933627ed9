// A CSV file written a row at a time, waiting when the disk is behind, so a long export or error
// report never sits in memory. Written to a temporary name beside the file and renamed at the end, so
// a failure leaves no half-written file under the name asked for.
import { createWriteStream, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export class CsvFile {
  private readonly out: WriteStream;
  private readonly temporary: string;
  private failure: Error | null = null;

  /** `bom`: a UTF-8 byte-order mark first, which Excel needs to read the file as UTF-8. */
  constructor(readonly file: string, bom = true) {
    this.temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
    // Opened at once, so a directory that does not exist or cannot be written is refused before any work.
    const fd = openSync(this.temporary, 'wx');
    this.out = createWriteStream('', { fd });
    this.out.on('error', (err) => { this.failure ??= err; });
    if (bom) this.out.write('\ufeff');
  }

  /** Writes a row; returns a promise to wait on only when the disk is behind. */
  row(fields: readonly string[]): Promise<void> | undefined {
    if (this.failure) throw new Error(`cannot write ${this.file}: ${this.failure.message}`);
    return this.out.write(`${fields.map(csvField).join(',')}\r\n`) ? undefined : once(this.out, 'drain').then(() => {});
  }

  /** Flushes, then gives the file its name. */
  async close(): Promise<void> {
    this.out.end();
    if (!this.out.writableFinished) await once(this.out, 'finish').catch(() => {});
    if (this.failure) throw new Error(`cannot write ${this.file}: ${this.failure.message}`);
    renameSync(this.temporary, this.file);
  }

  /** Drops the temporary file (after a failure). */
  discard(): void {
    this.out.destroy();
    rmSync(this.temporary, { force: true });
  }
}
