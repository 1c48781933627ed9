// A bar chart on a canvas (Chart.js), updated in place when its data changes so a poll does not redraw it from scratch.
import { useEffect, useRef } from 'preact/hooks';
import { Chart } from './chart-setup';

interface Props {
  labels: string[];
  values: number[];
  colors: string | string[];
  /** The series' name, for the tooltip. */
  series: string;
  /** What the canvas shows, for readers who cannot see it. */
  summary: string;
  horizontal?: boolean;
  height: number;
  testid: string;
}

export function BarChart({ labels, values, colors, series, summary, horizontal, height, testid }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    const chart = new Chart(canvasRef.current!, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: series, data: [], backgroundColor: colors, borderRadius: 3, maxBarThickness: 28 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: {
          [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
          [horizontal ? 'y' : 'x']: { grid: { display: false } },
        },
        plugins: { tooltip: { enabled: true } },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [horizontal]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data.labels = labels;
    const dataset = chart.data.datasets[0]!;
    dataset.data = values;
    dataset.label = series;
    dataset.backgroundColor = colors;
    chart.update('none');
  }, [labels.join('\n'), values.join(','), String(colors), series]);

  return (
    <div class="chart" data-testid={testid} style={{ height: `${height}px` }}>
      <canvas ref={canvasRef} role="img" aria-label={summary} />
    </div>
  );
}
