// The main thread's side of the media thread (media-worker.ts): one worker for every call of the
// carrier; each call's media is a RemoteMedia, which says what MediaSession says, by message.
import { Worker } from 'node:worker_threads';
import type { FromMedia, MediaWorkerData, ToMedia } from './media-worker.js';
import type { Answer } from './sdp.js';

/** What a call's line and the carrier use of its media (media-session.ts, across the thread). */
export interface CallMedia {
  readonly port: number;
  start(answer: Answer, recordTo: string | null): void;
  play(pcm: Int16Array): Promise<boolean>;
  interrupt(): void;
  onDigit: (digit: string) => void;
  onAudio: ((pcm: Int16Array) => void) | null;
  /** Ends the media; the recording's length in ms, or null when none was made. */
  close(): Promise<number | null>;
}

export class MediaThread {
  private worker: Worker | null = null;
  private readonly calls = new Map<number, RemoteMedia>();
  private readonly opening = new Map<number, { resolve: (m: RemoteMedia) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;

  /** `onError`: the thread died (its calls lost their media); the next call starts a new one. */
  constructor(private readonly data: MediaWorkerData, private readonly onError: (err: Error) => void = () => {}) {}

  /** A call's media on a port of the pool; rejects when no port is free (or the thread is gone). */
  open(): Promise<CallMedia> {
    if (this.closed) return Promise.reject(new Error('the media thread is closed'));
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.opening.set(id, { resolve, reject });
      worker.postMessage({ op: 'open', id } satisfies ToMedia);
    });
  }

  post(m: ToMedia): void {
    this.worker?.postMessage(m);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  forget(id: number): void {
    this.calls.delete(id);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.data);
    worker.on('message', (m: FromMedia) => this.receive(m));
    worker.on('error', (err) => this.died(worker, err));
    worker.on('exit', (code) => this.died(worker, new Error(`the media thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private receive(m: FromMedia): void {
    if (m.op === 'opened') {
      const media = new RemoteMedia(this, m.id, m.port);
      this.calls.set(m.id, media);
      this.opening.get(m.id)?.resolve(media);
      this.opening.delete(m.id);
      return;
    }
    if (m.op === 'failed' && this.opening.has(m.id)) {
      this.opening.get(m.id)!.reject(new Error(m.error));
      this.opening.delete(m.id);
      return;
    }
    this.calls.get(m.id)?.receive(m);
  }

  /** The thread died: its calls' waits end (those calls go on without media), and it is said. */
  private died(worker: Worker, err: Error): void {
    if (worker !== this.worker) return; // closed on purpose, or already replaced
    this.worker = null;
    void worker.terminate();
    this.onError(err);
    for (const { reject } of this.opening.values()) reject(err);
    this.opening.clear();
    for (const media of this.calls.values()) media.lost();
    this.calls.clear();
  }
}

class RemoteMedia implements CallMedia {
  onDigit: (digit: string) => void = () => {};
  private audio: ((pcm: Int16Array) => void) | null = null;
  private readonly plays = new Map<number, (completed: boolean) => void>();
  private nextPlay = 1;
  private closing: ((ms: number | null) => void) | null = null;
  private gone = false;

  constructor(private readonly thread: MediaThread, private readonly id: number, readonly port: number) {}

  start(answer: Answer, recordTo: string | null): void {
    this.thread.post({ op: 'start', id: this.id, answer, recordTo });
  }

  play(pcm: Int16Array): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    const playId = this.nextPlay++;
    return new Promise((resolve) => {
      this.plays.set(playId, resolve);
      this.thread.post({ op: 'play', id: this.id, playId, pcm });
    });
  }

  interrupt(): void {
    this.thread.post({ op: 'interrupt', id: this.id });
  }

  get onAudio(): ((pcm: Int16Array) => void) | null {
    return this.audio;
  }

  set onAudio(fn: ((pcm: Int16Array) => void) | null) {
    if ((fn === null) !== (this.audio === null)) this.thread.post({ op: 'listen', id: this.id, on: fn !== null });
    this.audio = fn;
  }

  close(): Promise<number | null> {
    if (this.gone) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.closing = resolve;
      this.thread.post({ op: 'close', id: this.id });
    });
  }

  receive(m: FromMedia): void {
    switch (m.op) {
      case 'played':
        this.plays.get(m.playId)?.(m.completed);
        this.plays.delete(m.playId);
        return;
      case 'digit':
        this.onDigit(m.digit);
        return;
      case 'audio':
        this.audio?.(m.pcm);
        return;
      case 'closed':
        this.thread.forget(this.id);
        this.settle(m.recordedMs);
    }
  }

  lost(): void {
    this.settle(null);
  }

  private settle(recordedMs: number | null): void {
    this.gone = true;
    for (const done of this.plays.values()) done(false);
    this.plays.clear();
    this.closing?.(recordedMs);
    this.closing = null;
  }
}

/** The worker from the built .js, or, run from source (tests), the .ts through tsx's loader. */
function startWorker(data: MediaWorkerData): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './media-worker.ts' : './media-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: data });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}
