// The call receipts' metrics (README "Metrics", docs/decisions.md D16): each delivery try's result and
// the records it carried, and, read when scraped, the messages the whole store has not delivered yet.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReceiptRecorder } from '../receipts/receipt-metrics.js';

export function receiptMetrics(registry: Registry, backlog: () => Promise<number>): ReceiptRecorder {
  const tries = new Counter({
    name: 'robotcall_receipt_deliveries_total',
    help: 'Batches this process posted to receivers, by kind (VoiceReport, RobotTaskStatus) and result (delivered, retry: failed and due again, given-up: failed past the retry window).',
    labelNames: ['kind', 'result'], registers: [registry],
  });
  const records = new Counter({
    name: 'robotcall_receipt_records_delivered_total', help: 'Records (one per finished call or status change) receivers took from this process, by kind.',
    labelNames: ['kind'], registers: [registry],
  });
  new Gauge({
    name: 'robotcall_receipt_backlog', help: 'Receipt messages the store holds not yet delivered: waiting for their call to end, to be sent, retried, or given up on (every process reads the same).',
    registers: [registry],
    async collect() {
      this.set(await backlog());
    },
  });
  return (result, kind, n) => {
    tries.inc({ kind, result });
    if (result === 'delivered') records.inc({ kind }, n);
  };
}
