// robotcall's own lock on an embedded data dir (docs/decisions.md D10): PGlite takes none, and two processes
// on one dir corrupt it. The lock is a listening unix socket in the dir: the kernel closes it when
// the process dies, even on SIGKILL, so a leftover socket file with nobody listening is stale.
// The holder answers each connection with its pid, URL and admin token, so a second process can
// name it and `robotcall keys` can reach it (the dir is 0700: only its owner can connect).
// A unix socket address holds about 107 bytes and longer paths were silently cut, putting the
// socket in some parent directory; a longer path is reached through the dir's descriptor instead.
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inodeOf, removeStaleLock } from './lock-takeover.js';

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

const LOCK_FILE = 'robotcall.lock';
export const lockPath = (dataDir: string) => path.join(dataDir, LOCK_FILE);

// Taking over a stale lock races other takers (lock-takeover.ts): a loser starts over, and finds
// the winner holding the dir. Each round takes milliseconds; this many is seconds of contention.
const MAX_ATTEMPTS = 100;
const RETRY_MS = 20;

// sun_path is 108 bytes on Linux and 104 on the BSDs and macOS, the last one for the ending NUL.
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

interface SocketAddress {
  path: string;
  /** Gives back what reaching the path took; only once the socket is closed. */
  done(): void;
}

/**
 * The path to bind or connect the lock of `dataDir` through: its own when short enough; else, on
 * Linux, the same file through /proc/self/fd/<fd of the dir> (the fd must stay open until the
 * socket is closed: node unlinks the bound path then). Elsewhere a too-long path is refused.
 */
function lockAddress(dataDir: string): SocketAddress {
  const plain = lockPath(dataDir);
  if (Buffer.byteLength(plain) <= MAX_SOCKET_PATH) return { path: plain, done: () => {} };
  if (process.platform !== 'linux') {
    throw new Error(`data dir ${dataDir} is too long for its lock socket (${Buffer.byteLength(plain)} bytes with /${LOCK_FILE}, `
      + `at most ${MAX_SOCKET_PATH} here): choose a shorter --data-dir`);
  }
  const fd = openSync(dataDir, constants.O_RDONLY | constants.O_DIRECTORY);
  return { path: `/proc/self/fd/${fd}/${LOCK_FILE}`, done: () => closeSync(fd) };
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const address = lockAddress(dataDir);
  let info: LockHolder = { pid: process.pid, url: '', adminToken: null };
  const server = net.createServer((socket) => {
    // A client that hangs up early must not take the server down with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    socket.end(JSON.stringify(info));
  });
  server.unref();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await listen(server, address.path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        if (attempt >= MAX_ATTEMPTS) {
          throw new Error(`data dir ${dataDir}: its stale lock could not be taken over, other processes kept contending for it; start again`, { cause: err });
        }
      }
      // The inode is read before asking, so the takeover removes only the socket found stale.
      const seen = inodeOf(lockPath(dataDir));
      const holder = await readLockHolder(dataDir);
      if (holder !== 'stale') throw new DataDirLockedError(dataDir, holder);
      if (seen === null) continue;
      const taken = await removeStaleLock(dataDir, lockPath(dataDir), seen, async () => (await readLockHolder(dataDir)) === 'stale');
      if (taken === 'busy') await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  } catch (err) {
    address.done();
    throw err;
  }
  // Once listening, the lock is held for the life of the process; later socket errors change nothing.
  server.on('error', () => {});
  return {
    announce: (h) => { info = { pid: process.pid, ...h }; },
    release: () => new Promise((resolve) => server.close(() => {
      address.done();
      resolve();
    })),
  };
}

/** The live holder's details, null if it answers without them, or 'stale' if nobody holds the dir. */
export function readLockHolder(dataDir: string): Promise<LockHolder | null | 'stale'> {
  let address: SocketAddress;
  try {
    address = lockAddress(dataDir);
  } catch (err) {
    // No dir: nobody holds it. Too long for this platform: nobody can hold it either.
    return Promise.resolve((err as NodeJS.ErrnoException).code === 'ENOENT' || !(err as NodeJS.ErrnoException).code ? 'stale' : null);
  }
  return new Promise((resolve) => {
    const socket = net.connect(address.path);
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk: string) => { text += chunk; });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'stale' : null));
    socket.on('close', () => {
      address.done();
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
