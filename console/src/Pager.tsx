// Previous / next paging with an "x–y of total" text; total may be unknown (the calls list only says whether there is more).
import { fmtInt, t } from './i18n';

interface Props {
  offset: number;
  shown: number;
  total?: number;
  hasMore: boolean;
  onPage: (offset: number) => void;
  pageSize: number;
  prevId: string;
  nextId: string;
}

export function Pager({ offset, shown, total, hasMore, onPage, pageSize, prevId, nextId }: Props) {
  const from = shown === 0 ? 0 : offset + 1;
  const to = offset + shown;
  const text = total === undefined
    ? t('pager.range', { from: fmtInt(from), to: fmtInt(to) })
    : t('pager.rangeOf', { from: fmtInt(from), to: fmtInt(to), total: fmtInt(total) });
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <span class="pager-text" aria-live="polite">{text}</span>
      <button type="button" class="btn" data-testid={prevId} disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
        ‹ {t('pager.prev')}
      </button>
      <button type="button" class="btn" data-testid={nextId} disabled={!hasMore} onClick={() => onPage(offset + pageSize)}>
        {t('pager.next')} ›
      </button>
    </nav>
  );
}
