import { useStore } from '../../state/store';
import { reconnectNow, syncStore } from '../../state/sync';
import { userTimeZone } from '../../state/session';

const LABELS = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  stopped: 'Not syncing',
} as const;

function clock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(at),
  );
}

/** Connected / reconnecting / offline, and when the app last knew it had every change. */
export function SyncIndicator() {
  const s = useStore(syncStore);
  const synced = s.lastSyncAt ? `last synced ${clock(s.lastSyncAt, userTimeZone())}` : 'not synced yet';
  const label = `${LABELS[s.status]}, ${synced}`;
  return (
    <div class={`sync sync-${s.status}`} role="status" aria-label={`Sync: ${label}`} data-testid="sync-indicator">
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-text" aria-hidden="true">
        {LABELS[s.status]}
        {s.lastSyncAt && (
          <span class="sync-time">
            {' '}
            · {s.status === 'live' ? 'synced' : 'last synced'} {clock(s.lastSyncAt, userTimeZone())}
          </span>
        )}
      </span>
      {s.status === 'reconnecting' && (
        <button type="button" class="button button-link sync-retry" onClick={reconnectNow}>
          Retry now
        </button>
      )}
    </div>
  );
}
