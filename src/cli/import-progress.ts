// `robotcall import`'s progress on stderr: rows read and rows the server has taken. On a terminal one
// line redrawn at most 10 times a second, with a bar of rows sent against rows read; elsewhere a plain
// line every 50,000 rows read, so a log holds a few lines, not thousands.
import { progressBar } from './progress-bar.js';

const REDRAW_MS = 100;
const LOG_EVERY = 50_000;

export class ImportProgress {
  private lastDraw = 0;
  private lastLogged = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly quiet: boolean, private readonly now: () => number = () => performance.now()) {}

  update(read: number, sent: number, refused: number, force = false): void {
    if (this.quiet) return;
    if (this.tty) {
      const t = this.now();
      if (!force && t - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = t;
      process.stderr.write(`\r${progressBar(sent, read, 24)}  read ${fmt(read)} rows, sent ${fmt(sent)}, refused ${fmt(refused)}\x1b[K`);
    } else if (force || read - this.lastLogged >= LOG_EVERY) {
      this.lastLogged = read;
      process.stderr.write(`robotcall import: read ${fmt(read)} rows, sent ${fmt(sent)}, refused ${fmt(refused)}\n`);
    }
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  done(): void {
    if (!this.quiet && this.tty) process.stderr.write('\n');
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
