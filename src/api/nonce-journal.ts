// The embedded store's nonce journal: `<dataDir>/nonces/<bucket>`, one 8-byte fingerprint appended
// per accepted request with a synchronous write before the action runs. The write lands in the
// kernel's page cache, so it survives SIGKILL of the process (not a power cut: no fsync per request).
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
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
  close(): void;
}

export function fileNonceJournal(dir: string): FileNonceJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = new Map<number, number>();
  const record = Buffer.alloc(RECORD_BYTES);
  const fileOf = (bucket: number) => path.join(dir, String(bucket));

  return {
    append(bucket, hi, lo) {
      let fd = files.get(bucket);
      if (fd === undefined) {
        fd = openSync(fileOf(bucket), 'a', 0o600);
        files.set(bucket, fd);
      }
      record.writeUInt32BE(hi >>> 0, 0);
      record.writeUInt32BE(lo >>> 0, 4);
      writeSync(fd, record);
    },
    drop(bucket) {
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
      for (const fd of files.values()) closeSync(fd);
      files.clear();
    },
  };
}
