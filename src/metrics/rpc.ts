// RPC request metrics (README "Metrics"): requests by action and code, and their latency by action.
// Requests are tallied in plain maps and handed to prom-client when scraped: its per-call label
// handling would cost the tuned RPC path about 1.5 µs a request (tallied-histogram.ts).
import { Counter, type Registry } from 'prom-client';
import type { RpcMetrics } from '../api/rpc-metrics.js';
import { TalliedHistogram } from './tallied-histogram.js';

/**
 * Seconds. A cached QueryRobotTaskDetail is answered in well under a millisecond; a 100,000-number
 * upload takes 0.25-0.5 s (README "Performance"); a request is cut at 120 s.
 */
export const RPC_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function rpcMetrics(registry: Registry): RpcMetrics {
  const counts = new Map<string, { action: string; code: string; n: number }>();
  new Counter({
    name: 'robotcall_rpc_requests_total', help: 'RPC requests answered, by action and code (OK or the error code).',
    labelNames: ['action', 'code'], registers: [registry],
    collect() {
      this.reset();
      for (const c of counts.values()) this.inc({ action: c.action, code: c.code }, c.n);
    },
  });
  const latency = new TalliedHistogram('robotcall_rpc_request_duration_seconds', 'Time from reading an RPC request to its answer, by action.',
    'action', RPC_SECONDS_BUCKETS, registry);
  return {
    request(action, code, seconds) {
      const key = `${action} ${code}`;
      const count = counts.get(key);
      if (count) count.n++;
      else counts.set(key, { action, code, n: 1 });
      latency.observe(action, seconds);
    },
  };
}
