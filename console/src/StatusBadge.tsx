// A task status as a badge: the translated label plus the wire name (e.g. 执行中 EXCUTING), colored by its family.
import { statusFamily, statusLabel } from './codes';

export function StatusBadge({ status, testid }: { status: string; testid?: string }) {
  return (
    <span class={`badge badge-${statusFamily(status)}`} data-testid={testid} data-status={status}>
      {statusLabel(status)} <span class="wire">{status}</span>
    </span>
  );
}
