// What is recorded of each RPC request (README "Logs", "Metrics"): one access line at info (its
// RequestId, who asked, which action, how it ended: code and HTTP status, how long it took) and its
// count and latency in the metrics. It sits on the tuned RPC path (README "Performance"), so it is one
// pino call per request with no child logger, with info off the line is not built at all, and the
// metrics are a few map and array updates (src/metrics/rpc.ts).
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { own } from '../domain/own.js';
import { ACTIONS, NOT_IMPLEMENTED } from './action-table.js';
import { isV3, type Authenticated } from './authenticate.js';
import { header, type RpcRequest } from './request-params.js';
import type { RpcMetrics } from './rpc-metrics.js';
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

/**
 * `clock` measures durations: a monotonic one, so a wall-clock step never shows as a slow request.
 * Null when there is nothing to record (info off and no metrics).
 */
export function accessLog(log: Logger, clock: Clock, metrics: RpcMetrics | null = null): AccessLog | null {
  const logging = log.isLevelEnabled('info');
  if (!logging && !metrics) return null;
  return {
    start: () => clock.now(),
    write(startedAt, requestId, code, status, auth, req) {
      const ms = clock.now() - startedAt;
      const claimed = auth ? null : req && claimedBy(req);
      metrics?.request(auth ? auth.action : knownAction(claimed?.action), code, ms / 1000);
      if (!logging) return;
      log.info({
        requestId,
        accessKeyId: auth ? auth.accessKeyId : clip(claimed?.accessKeyId),
        accountId: auth?.account.id,
        action: auth ? auth.action : clip(claimed?.action),
        code,
        status,
        // Tenths of a millisecond: finer is noise on a shared machine.
        ms: Math.round(ms * 10) / 10,
      }, 'rpc');
    },
  };
}

/** The action and AccessKeyId a request names, as sent (nothing is verified here). */
function claimedBy(req: RpcRequest): { action: string | undefined; accessKeyId: string | undefined } {
  if (!isV3(req)) return { action: req.params.get('Action'), accessKeyId: req.params.get('AccessKeyId') };
  return { action: header(req, 'x-acs-action'), accessKeyId: parseV3Authorization(header(req, 'authorization')!)?.accessKeyId };
}

/** A refused request's action as a metrics label: a Dyvmsapi action robotcall knows, else `other`, whatever was sent. */
function knownAction(action: string | undefined): string {
  return action !== undefined && (own(ACTIONS, action) || own(NOT_IMPLEMENTED, action)) ? action : 'other';
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
