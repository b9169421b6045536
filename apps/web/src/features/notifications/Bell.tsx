import { useStore } from '../../state/store';
import { notificationsStore, openInbox } from '../../state/notifications';
import { showError } from '../../state/toasts';

/** The bell: its badge is the unread count, live. */
export function Bell() {
  const { counts } = useStore(notificationsStore);
  const unread = counts.unread;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <button
      type="button"
      class="bell"
      aria-label={label}
      aria-haspopup="dialog"
      data-testid="bell"
      onClick={() => openInbox().catch(showError)}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span class="bell-badge" data-testid="bell-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
