// A modal dialog on the native <dialog>: the browser traps focus and closes it on Escape; focus goes back to where it was.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from './i18n';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testid?: string;
  wide?: boolean;
}

export function Modal({ title, onClose, children, testid, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      // The opener may have been re-rendered away (a row of a refreshed table): focus it only when still there.
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={ref} class={`modal${wide ? ' modal-wide' : ''}`} data-testid={testid} aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: let the owner unmount the dialog, rather than the browser hiding it behind the owner's back.
        e.preventDefault();
        closeRef.current();
      }}
      onClick={(e) => {
        if (e.target === ref.current) closeRef.current();
      }}>
      <div class="modal-body">
        <header class="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" class="btn btn-ghost btn-icon" aria-label={t('common.close')} onClick={() => closeRef.current()}>×</button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
