// robotcall's own lock on an embedded data dir (DECISIONS D10): PGlite takes none, and two processes
// on one dir corrupt it. The lock is a listening unix socket in the dir: the kernel closes it when
// the process dies, even on SIGKILL, so a leftover socket file with nobody listening is stale.
// The holder answers each connection with its pid, URL and admin token, so a second process can
// name it and `robotcall keys` can reach it (the dir is 0700: only its owner can connect).
import { mkdirSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  url: string;
  adminToken: string | null;
}

export interface DataDirLock {
  /** What connecting processes are told; set once the server listens. */
  announce(holder: Omit<LockHolder, 'pid'>): void;
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder | null) {
    super(holder
      ? `data dir ${dataDir} is in use by robotcall pid ${holder.pid}${holder.url ? ` serving ${holder.url}` : ''}`
      : `data dir ${dataDir} is in use by another robotcall process`);
  }
}

export const lockPath = (dataDir: string) => path.join(dataDir, 'robotcall.lock');

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketPath = lockPath(dataDir);
  let info: LockHolder = { pid: process.pid, url: '', adminToken: null };
  const server = net.createServer((socket) => {
    // A client that hangs up early must not take the server down with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    socket.end(JSON.stringify(info));
  });
  server.unref();
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, socketPath);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 0) throw err;
      const holder = await readLockHolder(dataDir);
      if (holder !== 'stale') throw new DataDirLockedError(dataDir, holder);
      unlinkSync(socketPath);
    }
  }
  // Once listening, the lock is held for the life of the process; later socket errors change nothing.
  server.on('error', () => {});
  return {
    announce: (h) => { info = { pid: process.pid, ...h }; },
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The live holder's details, null if it answers without them, or 'stale' if nobody holds the dir. */
export function readLockHolder(dataDir: string): Promise<LockHolder | null | 'stale'> {
  return new Promise((resolve) => {
    const socket = net.connect(lockPath(dataDir));
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk: string) => { text += chunk; });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'stale' : null));
    socket.on('close', () => {
      try {
        resolve(JSON.parse(text) as LockHolder);
      } catch {
        resolve(null);
      }
    });
  });
}

function listen(server: net.Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
