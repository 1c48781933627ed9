// A histogram with one label for the RPC hot path, rendered by prom-client's registry as its own
// Histogram would be. Observing is a comparison per bucket and three additions: prom-client's
// observe() validates and hashes its labels and finds the bucket through a number-keyed property,
// measured at 0.7-0.9 µs a call on this machine (a whole RPC request costs 55-80 µs of CPU).
import type { Metric, Registry } from 'prom-client';

interface Series { labelValue: string; buckets: Float64Array; sum: number; count: number }

export class TalliedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string, readonly help: string, private readonly labelName: string,
    private readonly bounds: readonly number[], registry: Registry,
  ) {
    // The registry renders any metric whose get() answers in prom-client's own shape.
    registry.registerMetric(this as unknown as Metric);
  }

  observe(labelValue: string, value: number): void {
    let s = this.series.get(labelValue);
    if (s === undefined) {
      // One slot per bound, and the last for +Inf.
      s = { labelValue, buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.series.set(labelValue, s);
    }
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    s.buckets[i]!++;
    s.sum += value;
    s.count++;
  }

  /** prom-client's Histogram.get(): cumulative buckets with `le`, then _sum and _count, per series. */
  async get() {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const s of this.series.values()) {
      const labels = { [this.labelName]: s.labelValue };
      let cumulative = 0;
      for (let i = 0; i <= this.bounds.length; i++) {
        cumulative += s.buckets[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: i < this.bounds.length ? this.bounds[i]! : '+Inf', ...labels }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_sum`, labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.series.clear();
  }
}
