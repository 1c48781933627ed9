// A progress bar as text: `█████░░░░░  50%`, the same in the tasks table and on import's stderr.

/** `done` of `total` as a bar `width` cells wide and a percentage (an empty total is 0%). */
export function progressBar(done: number, total: number, width: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const full = Math.floor(fraction * width);
  // 100% only when all is done: 299,999 of 300,000 shows 99%.
  const percent = fraction === 1 ? 100 : Math.min(99, Math.floor(fraction * 100));
  return `${'█'.repeat(full)}${'░'.repeat(width - full)} ${String(percent).padStart(3)}%`;
}
