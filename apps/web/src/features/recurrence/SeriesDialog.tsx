// A recurring task's series: every occurrence (GET /api/tasks?seriesId=), and how edits
// apply — the latest occurrence carries the rule forward, so "Stop repeating" removes it there.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/Field';
import { instantLabel } from '../../lib/dates';
import { upsertTask } from '../../state/tasks';
import { parseRule, describeRule } from './rule';

interface Props {
  task: Task;
  timeZone: string;
  onClose: () => void;
}

function latestOf(items: Task[]): Task | undefined {
  return [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
}

export function SeriesDialog({ task, timeZone, onClose }: Props) {
  const seriesId = task.seriesId ?? task.id;
  const [items, setItems] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api.tasks
      .series(seriesId)
      .then((list) =>
        setItems([...list].sort((a, b) => (a.dueAt ?? a.createdAt).localeCompare(b.dueAt ?? b.createdAt))),
      )
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  useEffect(() => {
    void load();
  }, [seriesId]);

  const latest = items ? latestOf(items) : undefined;
  const rule = latest?.recurrence ?? task.recurrence;
  const choices = rule ? parseRule(rule.rrule) : null;

  const stop = async () => {
    if (!latest) return;
    setBusy(true);
    setError(null);
    try {
      upsertTask(await api.tasks.update(latest.id, latest.version, { recurrence: null }, 'future'));
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Series" onClose={onClose} testId="series">
      <p class="series-rule">
        {rule ? (
          <>
            <strong>{choices ? describeRule(choices) : rule.rrule}</strong>{' '}
            {rule.mode === 'after-completion' ? '(after each completion)' : '(on a fixed schedule)'}
          </>
        ) : (
          'This series no longer repeats.'
        )}
      </p>
      <p class="hint">
        When you edit an occurrence, choose whether the change is for that occurrence only or also for the ones after
        it. To end the series, stop repeating on the latest occurrence.
      </p>
      {!items && !error && <p role="status">Loading the series…</p>}
      {items && (
        <ol class="series-list" aria-label="Occurrences">
          {items.map((t) => (
            <li key={t.id} class={`series-item${t.id === latest?.id ? ' is-latest' : ''}`}>
              <span class={`badge badge-${t.status}`}>{t.status === 'done' ? 'Done' : 'Open'}</span>
              <span class="series-title">{t.title}</span>
              <span class="series-due">
                {t.dueAt ? <time dateTime={t.dueAt}>{instantLabel(t.dueAt, timeZone)}</time> : 'No due date'}
              </span>
              {t.id === latest?.id && <span class="badge">Latest</span>}
              {t.id === task.id && <span class="visually-hidden">(this one)</span>}
            </li>
          ))}
        </ol>
      )}
      <FormError message={error} />
      <div class="button-row">
        {latest?.recurrence && (
          <button type="button" class="button button-danger" disabled={busy} onClick={() => void stop()}>
            Stop repeating
          </button>
        )}
        <button type="button" class="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
