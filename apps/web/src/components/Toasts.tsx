import { useEffect } from 'preact/hooks';
import { dismissToast, toasts, type Toast } from '../state/toasts';
import { useStore } from '../state/store';

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const t = setTimeout(() => dismissToast(toast.id), toast.action ? 10_000 : 6_000);
    return () => clearTimeout(t);
  }, [toast.id, toast.action]);
  return (
    <div class={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          class="button button-link"
          onClick={() => {
            dismissToast(toast.id);
            void toast.action!.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const { items } = useStore(toasts);
  return (
    <div class="toasts" aria-live="polite">
      {items.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
