// A labelled progress bar (role=progressbar); without a max it is indeterminate, as ARIA reads one without aria-valuenow.
import type { JSX } from 'preact';

interface Props {
  value: number | null;
  max: number;
  text: string;
  label: string;
  testid?: string;
}

export function ProgressBar({ value, max, text, label, testid }: Props) {
  const known = value !== null;
  const pct = known && max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  const aria: JSX.HTMLAttributes<HTMLDivElement> = known
    ? { 'aria-valuenow': value, 'aria-valuemin': 0, 'aria-valuemax': max, 'aria-valuetext': text }
    : { 'aria-valuetext': text };
  return (
    <div class="progress" data-testid={testid}>
      <div class={`progress-track${known ? '' : ' indeterminate'}`} role="progressbar" aria-label={label} {...aria}>
        <div class="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
      </div>
      <span class="progress-text">{text}</span>
    </div>
  );
}
