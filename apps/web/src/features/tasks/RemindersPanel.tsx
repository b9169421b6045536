// A saved task's reminders as the reminders service sees them (scheduled or fired), with
// snooze: 5 minutes, an hour, tomorrow at 09:00 in the user's zone, or a chosen time.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ReminderState, SnoozeBy } from '../../api/reminders';
import { instantLabel, todayIn, zonedToIso } from '../../lib/dates';
import { onRemoteChange, syncStore } from '../../state/sync';

interface Props {
  taskId: string;
  timeZone: string;
}

/** 09:00 tomorrow in a time zone, as an ISO instant. */
export function tomorrowMorning(timeZone: string, now = new Date()): string {
  const today = todayIn(timeZone, now);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return zonedToIso(`${d.toISOString().slice(0, 10)}T09:00`, timeZone);
}

export function RemindersPanel({ taskId, timeZone }: Props) {
  const [items, setItems] = useState<ReminderState[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [custom, setCustom] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');

  const load = () =>
    api.reminders
      .forTask(taskId)
      .then((r) => setItems(r))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));

  useEffect(() => {
    void load();
    // A reminder fires on its own: its reminder.* event, pushed live, says when. Without
    // live sync (reconnecting, offline), look again now and then instead.
    const off = onRemoteChange((e) => {
      if (e.type.startsWith('daybook.reminder.') && e.data.taskId === taskId) void load();
    });
    const timer = setInterval(() => {
      if (syncStore.get().status !== 'live') void load();
    }, 2000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [taskId]);

  const snooze = async (r: ReminderState, by: SnoozeBy) => {
    setBusy(r.reminderId);
    setError(null);
    try {
      await api.reminders.snooze(taskId, r.reminderId, by);
      await load();
      setStatus('Snoozed.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  if (!items && !error) return null;
  return (
    <section class="reminder-states" aria-labelledby={`rs-${taskId}`} data-testid="reminder-states">
      <h3 id={`rs-${taskId}`}>Reminder status</h3>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p class="hint">No reminders are scheduled.</p>}
      <ul>
        {items?.map((r, i) => {
          const id = `snooze-${r.reminderId}`;
          return (
            <li key={r.reminderId} class="reminder-state" aria-label={`Reminder ${i + 1}`}>
              <p>
                <span class={`badge badge-${r.status}`}>{r.status === 'fired' ? 'Fired' : 'Scheduled'}</span>{' '}
                <time dateTime={r.fireAt} data-testid="fire-at">
                  {instantLabel(r.fireAt, timeZone)}
                </time>
              </p>
              <div class="snooze" role="group" aria-label={`Snooze reminder ${i + 1}`}>
                <button
                  type="button"
                  class="button button-small"
                  disabled={!!busy}
                  onClick={() => void snooze(r, { minutes: 5 })}
                >
                  5 min
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={!!busy}
                  onClick={() => void snooze(r, { minutes: 60 })}
                >
                  1 hour
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={!!busy}
                  onClick={() => void snooze(r, { until: tomorrowMorning(timeZone) })}
                >
                  Tomorrow 09:00
                </button>
                <span class="inline-input">
                  <label class="visually-hidden" for={id}>
                    Snooze reminder {i + 1} until (in {timeZone})
                  </label>
                  <input
                    id={id}
                    type="datetime-local"
                    value={custom[r.reminderId] ?? ''}
                    onInput={(e) => setCustom({ ...custom, [r.reminderId]: e.currentTarget.value })}
                  />
                  <button
                    type="button"
                    class="button button-small"
                    disabled={!!busy || !custom[r.reminderId]}
                    onClick={() => void snooze(r, { until: zonedToIso(custom[r.reminderId]!, timeZone) })}
                  >
                    Snooze until
                  </button>
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      <p class="hint" role="status">
        {status}
      </p>
    </section>
  );
}
