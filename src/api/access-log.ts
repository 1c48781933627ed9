// One access line per RPC request at info (README "Logs"): its RequestId, who asked, which action,
// how it ended (code, HTTP status) and how long it took. It sits on the tuned RPC path (README
// "Performance"), so it is one pino call per request with no child logger, and with info off it is
// not built at all.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { isV3, type Authenticated } from './authenticate.js';
import { header, type RpcRequest } from './request-params.js';
import { parseV3Authorization } from './signature.js';

export interface AccessLog {
  /** A start mark to hand back to `write`. */
  start(): number;
  /**
   * `auth` is known once the request authenticated; before that (a refused request) `req` tells
   * what it claimed, if it could be read at all.
   */
  write(startedAt: number, requestId: string, code: string, status: number, auth: Authenticated | null, req: RpcRequest | null): void;
}

/** `clock` measures durations: a monotonic one, so a wall-clock step never shows as a slow request. */
export function accessLog(log: Logger, clock: Clock): AccessLog | null {
  if (!log.isLevelEnabled('info')) return null;
  return {
    start: () => clock.now(),
    write(startedAt, requestId, code, status, auth, req) {
      const claimed = auth ? null : req && claimedBy(req);
      log.info({
        requestId,
        accessKeyId: auth ? auth.accessKeyId : clip(claimed?.accessKeyId),
        accountId: auth?.account.id,
        action: auth ? auth.action : clip(claimed?.action),
        code,
        status,
        // Tenths of a millisecond: finer is noise on a shared machine.
        ms: Math.round((clock.now() - startedAt) * 10) / 10,
      }, 'rpc');
    },
  };
}

/** The action and AccessKeyId a request names, as sent (nothing is verified here). */
function claimedBy(req: RpcRequest): { action: string | undefined; accessKeyId: string | undefined } {
  if (!isV3(req)) return { action: req.params.get('Action'), accessKeyId: req.params.get('AccessKeyId') };
  return { action: header(req, 'x-acs-action'), accessKeyId: parseV3Authorization(header(req, 'authorization')!)?.accessKeyId };
}

/**
 * What a refused request claimed is whatever it sent: a megabyte Action made a megabyte log line.
 * Real actions and key ids are far shorter (at most 64 characters for a key id).
 */
export const MAX_LOGGED_CHARS = 256;

function clip(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= MAX_LOGGED_CHARS) return value;
  return `${value.slice(0, MAX_LOGGED_CHARS)}...[${value.length} characters]`;
}
