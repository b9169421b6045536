import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  size?: 'normal' | 'wide';
  /** Extra label for tests and assistive tech. */
  testId?: string;
}

/**
 * A modal dialog on the native <dialog>: focus is trapped and Esc closes it; the first
 * field (or [autofocus]) gets focus, and focus returns to where it was when it closes.
 */
export function Dialog({ title, onClose, children, footer, size = 'normal', testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[autofocus], input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon-button dialog-close" aria-label="Close" onClick={() => close.current()}>
          ×
        </button>
      </header>
      <div class="dialog-body">{children}</div>
      {footer && <footer class="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
