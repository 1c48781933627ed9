// An answered call's recording (docs/decisions.md D15): 8 kHz 16-bit WAV, two channels (left the
// robot, right the callee), written as the call goes, a second at a time, so a long call holds no
// more than that in memory. The header's sizes are written when it closes.
import { open, type FileHandle } from 'node:fs/promises';

const RATE = 8000;
const CHANNELS = 2;
const FLUSH_BYTES = RATE * CHANNELS * 2;

export class WavRecorder {
  private chunks: Buffer[] = [];
  private pending = 0;
  private dataBytes = 0;
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: FileHandle, readonly path: string) {}

  static async create(path: string): Promise<WavRecorder> {
    const file = await open(path, 'w', 0o600);
    await file.write(wavHeader(0, CHANNELS), 0, 44, 0);
    return new WavRecorder(file, path);
  }

  /** One frame of each side, the same length (a missing side is silence). */
  write(robot: Int16Array, callee: Int16Array | null): void {
    const out = Buffer.allocUnsafe(robot.length * 4);
    for (let i = 0; i < robot.length; i++) {
      out.writeInt16LE(robot[i]!, i * 4);
      out.writeInt16LE(callee?.[i] ?? 0, i * 4 + 2);
    }
    this.chunks.push(out);
    this.pending += out.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending === 0) return;
    const data = Buffer.concat(this.chunks);
    const at = 44 + this.dataBytes;
    this.chunks = [];
    this.pending = 0;
    this.dataBytes += data.length;
    this.writing = this.writing.then(() => this.file.write(data, 0, data.length, at));
  }

  /** Writes what is left and the header's sizes; the recording's length in ms. */
  async close(): Promise<number> {
    this.flush();
    await this.writing;
    await this.file.write(wavHeader(this.dataBytes, CHANNELS), 0, 44, 0);
    await this.file.close();
    return (this.dataBytes / (RATE * CHANNELS * 2)) * 1000;
  }
}

/** The 44-byte header of an 8 kHz 16-bit PCM WAV of `channels` with `dataBytes` of samples. */
export function wavHeader(dataBytes: number, channels: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
