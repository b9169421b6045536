import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { conflictCurrent } from '../../api/http';
import type { Notification } from '../../api/notifications';
import type { Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { InfiniteScroll } from '../../components/InfiniteScroll';
import { instantLabel } from '../../lib/dates';
import { navigate } from '../../router';
import {
  act,
  closeInbox,
  loadInbox,
  loadMoreInbox,
  markAllRead,
  notificationsStore,
  snooze,
} from '../../state/notifications';
import { userTimeZone } from '../../state/session';
import { useStore } from '../../state/store';
import { upsertTask } from '../../state/tasks';
import { showError, showToast } from '../../state/toasts';
import { deliveryLabel, deliveryTone, snoozeChoices } from './labels';

const CATEGORY = { reminders: 'Reminder', digests: 'Digest', system: 'Account' } as const;

async function completeLinkedTask(n: Notification): Promise<void> {
  const taskId = n.link?.taskId;
  if (!taskId) return;
  let task: Task = await api.tasks.get(taskId);
  if (task.status !== 'done') {
    try {
      task = await api.tasks.complete(task.id, task.version);
    } catch (err) {
      // Changed in between: complete the latest version.
      const current = conflictCurrent<Task>(err);
      if (!current) throw err;
      task = current.status === 'done' ? current : await api.tasks.complete(current.id, current.version);
    }
  }
  upsertTask(task);
  if (n.state !== 'read') await act(n, 'read');
  showToast({ message: `Completed “${task.title}”` });
}

function Item({ n, timeZone }: { n: Notification; timeZone: string }) {
  const [busy, setBusy] = useState(false);
  const [snoozing, setSnoozing] = useState(false);
  const run = (f: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await f();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const read = n.state === 'read';
  const email = (n.deliveries ?? []).filter((d) => d.channel !== 'in-app');
  return (
    <li
      class={`inbox-item ${read ? 'is-read' : 'is-unread'}${n.urgent ? ' is-urgent' : ''}`}
      data-testid="inbox-item"
      aria-label={`${read ? '' : 'Unread: '}${n.title}`}
    >
      <div class="inbox-item-head">
        {!read && <span class="unread-dot" aria-hidden="true" />}
        <span class="inbox-title">{n.title}</span>
        <span class="inbox-meta">
          {CATEGORY[n.category] ?? n.category} ·{' '}
          <time dateTime={n.createdAt}>{instantLabel(n.createdAt, timeZone)}</time>
        </span>
      </div>
      {n.body && <p class="inbox-body">{n.body}</p>}
      {(email.length > 0 || n.snoozedUntil) && (
        <p class="inbox-deliveries">
          {email.map((d) => (
            <span key={d.channel} class={`delivery delivery-${deliveryTone(d)}`} data-testid="delivery">
              {deliveryLabel(d)}
            </span>
          ))}
          {n.snoozedUntil && Date.parse(n.snoozedUntil) > Date.now() && (
            <span class="delivery delivery-muted">Snoozed until {instantLabel(n.snoozedUntil, timeZone)}</span>
          )}
        </p>
      )}
      <div class="inbox-actions">
        {n.link?.taskId && (
          <button type="button" class="button" disabled={busy} onClick={run(() => completeLinkedTask(n))}>
            Complete task
          </button>
        )}
        <button
          type="button"
          class="button button-link"
          disabled={busy}
          onClick={run(() => act(n, read ? 'unread' : 'read'))}
        >
          {read ? 'Mark unread' : 'Mark read'}
        </button>
        {n.archived ? (
          <button type="button" class="button button-link" disabled={busy} onClick={run(() => act(n, 'unarchive'))}>
            Move to inbox
          </button>
        ) : (
          <>
            <button type="button" class="button button-link" disabled={busy} onClick={run(() => act(n, 'archive'))}>
              Archive
            </button>
            {snoozing ? (
              <span class="snooze" role="group" aria-label={`Snooze ${n.title}`}>
                {snoozeChoices(timeZone).map((c) => (
                  <button
                    key={c.label}
                    type="button"
                    class="button"
                    disabled={busy}
                    onClick={run(async () => {
                      await snooze(n, c.until);
                      setSnoozing(false);
                    })}
                  >
                    {c.label}
                  </button>
                ))}
                <button type="button" class="button button-link" onClick={() => setSnoozing(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" class="button button-link" disabled={busy} onClick={() => setSnoozing(true)}>
                Snooze…
              </button>
            )}
          </>
        )}
      </div>
    </li>
  );
}

/** The inbox: newest first, unseen → seen when it opens, infinite scroll by cursor. */
export function InboxPanel() {
  const s = useStore(notificationsStore);
  const tz = userTimeZone();
  if (!s.open) return null;
  return (
    <Dialog title="Notifications" onClose={closeInbox} size="wide" testId="inbox">
      <div class="inbox-toolbar">
        <div class="segmented" role="tablist" aria-label="Show">
          {(['inbox', 'archived'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={s.view === v}
              class={`button ${s.view === v ? 'button-selected' : ''}`}
              onClick={() => void loadInbox(v)}
            >
              {v === 'inbox' ? `Inbox${s.counts.unread ? ` (${s.counts.unread})` : ''}` : 'Archived'}
            </button>
          ))}
        </div>
        <div class="inbox-toolbar-actions">
          {s.view === 'inbox' && (
            <button
              type="button"
              class="button"
              disabled={s.counts.unread === 0}
              onClick={() => markAllRead().catch(showError)}
            >
              Mark all read
            </button>
          )}
          <button
            type="button"
            class="button button-link"
            onClick={() => {
              closeInbox();
              navigate('/settings/notifications');
            }}
          >
            Preferences
          </button>
        </div>
      </div>
      {s.error && (
        <p class="form-error" role="alert">
          {s.error}
        </p>
      )}
      <ul class="inbox-list" aria-label={s.view === 'inbox' ? 'Inbox' : 'Archived'} aria-busy={s.loading}>
        {s.items.map((n) => (
          <Item key={n.id} n={n} timeZone={tz} />
        ))}
      </ul>
      {!s.loading && !s.error && s.items.length === 0 && (
        <p class="empty">{s.view === 'inbox' ? 'You are all caught up.' : 'Nothing archived.'}</p>
      )}
      {s.loading && s.items.length === 0 && <p class="empty">Loading…</p>}
      <InfiniteScroll hasMore={!!s.nextCursor} loading={s.loading} onMore={() => void loadMoreInbox()} />
    </Dialog>
  );
}
