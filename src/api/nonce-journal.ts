// The embedded store's nonce journal: `<dataDir>/nonces/<bucket>`, one 8-byte fingerprint per
// accepted request, written with a synchronous write before the request's action runs. The write
// lands in the kernel's page cache, so it survives SIGKILL of the process (not a power cut: no fsync).
import {
  closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, truncateSync, unlinkSync, writeSync,
} from 'node:fs';
import path from 'node:path';
import type { NonceJournal } from './nonce-buckets.js';

const RECORD_BYTES = 8;

export interface JournalRecords {
  bucket: number;
  /** (hi, lo) pairs. */
  fingerprints: Uint32Array;
}

export interface FileNonceJournal extends NonceJournal {
  /** Every bucket file's records; a record cut short by a crash mid-write is cut off the file. */
  load(): JournalRecords[];
  /** Resolves once every record appended so far is written; rejects if the write failed. */
  written(): Promise<void>;
  close(): void;
}

interface Batch {
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Records appended during one turn of the event loop are written together, in one write per
 * bucket file, before any of their requests goes on (they wait on `written()`): a write(2) cost
 * ~6 µs a request on this 2-vCPU VM, most of the nonce check, and under load a turn reads many.
 */
export function fileNonceJournal(dir: string): FileNonceJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = new Map<number, number>();
  const pending = new Map<number, number[]>();
  let batch: Batch | null = null;
  const fileOf = (bucket: number) => path.join(dir, String(bucket));

  function fdOf(bucket: number): number {
    let fd = files.get(bucket);
    if (fd === undefined) {
      fd = openSync(fileOf(bucket), 'a', 0o600);
      files.set(bucket, fd);
    }
    return fd;
  }

  function flush(): void {
    const current = batch;
    batch = null;
    try {
      for (const [bucket, words] of pending) {
        const bytes = Buffer.allocUnsafe(words.length * 4);
        for (let i = 0; i < words.length; i++) bytes.writeUInt32BE(words[i]! >>> 0, i * 4);
        writeRecords(fdOf(bucket), bytes);
      }
      current?.resolve();
    } catch (err) {
      current?.reject(err);
      throw err;
    } finally {
      pending.clear();
    }
  }

  return {
    append(bucket, hi, lo) {
      let words = pending.get(bucket);
      if (!words) pending.set(bucket, (words = []));
      words.push(hi, lo);
      if (!batch) {
        batch = deferred();
        // The requests waiting on it see the error; nothing else must crash on it.
        setImmediate(() => { try { flush(); } catch { /* reported through `written()` */ } });
      }
    },
    written: () => batch?.done ?? Promise.resolve(),
    drop(bucket) {
      if (batch) flush();
      const fd = files.get(bucket);
      if (fd !== undefined) closeSync(fd);
      files.delete(bucket);
      try {
        unlinkSync(fileOf(bucket));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    },
    load() {
      const out: JournalRecords[] = [];
      for (const name of readdirSync(dir)) {
        if (!/^\d+$/.test(name)) continue;
        const bytes = readFileSync(path.join(dir, name));
        const whole = bytes.length - (bytes.length % RECORD_BYTES);
        if (whole < bytes.length) truncateSync(path.join(dir, name), whole);
        const fingerprints = new Uint32Array(whole / 4);
        for (let i = 0; i < fingerprints.length; i++) fingerprints[i] = bytes.readUInt32BE(i * 4);
        out.push({ bucket: Number(name), fingerprints });
      }
      return out;
    },
    close() {
      if (batch) flush();
      for (const fd of files.values()) closeSync(fd);
      files.clear();
    },
  };
}

/** One write on an O_APPEND file; a short one (disk full) is cut back to whole records and fails. */
function writeRecords(fd: number, bytes: Buffer): void {
  if (writeSync(fd, bytes) === bytes.length) return;
  const size = fstatSync(fd).size;
  ftruncateSync(fd, size - (size % RECORD_BYTES));
  throw new Error('nonce journal: short write (disk full?)');
}

function deferred(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  done.catch(() => {});
  return { done, resolve, reject };
}
