// A saved task's history, from the audit service: who changed what and when, field by
// field, newest first, a page at a time. Folded by default (a native <details>, so it
// opens with Enter or Space); the history is read when it is first opened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError } from '../../api/http';
import { useStore } from '../../state/store';
import { session } from '../../state/session';
import { tasksStore } from '../../state/tasks';
import { describeTaskEntry, type DescribedEntry } from './history';
import './TaskHistory.css';

const PAGE_SIZE = 10;

interface Props {
  taskId: string;
  timeZone: string;
}

export function TaskHistory({ taskId, timeZone }: Props) {
  const { user } = useStore(session);
  const { lists } = useStore(tasksStore);
  const [entries, setEntries] = useState<DescribedEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // After "Show older changes", focus moves to the first older entry (the button may go).
  const focusFrom = useRef<number | null>(null);

  useEffect(() => {
    if (focusFrom.current === null || !entries) return;
    (list.current?.children[focusFrom.current] as HTMLElement | undefined)?.focus();
    focusFrom.current = null;
  }, [entries]);

  const load = async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.audit.entityHistory('task', taskId, {
        limit: PAGE_SIZE,
        ...(after ? { cursor: after } : {}),
      });
      const described = page.items.map((e) => describeTaskEntry(e, { me: user?.id ?? '', timeZone, lists }));
      if (after) focusFrom.current = entries?.length ?? 0;
      setEntries((current) => [...(after ? (current ?? []) : []), ...described]);
      setCursor(page.nextCursor);
    } catch (err) {
      // A task saved a moment ago may not have reached its history yet: the audit service
      // knows no entry for it, and says so with a 404.
      if (err instanceof ApiError && err.status === 404 && !after) setEntries([]);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };

  const onToggle = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open) void load(null);
  };

  return (
    <details class="editor-group task-history" data-testid="task-history" onToggle={onToggle}>
      <summary>History</summary>
      {error && (
        <p class="field-error" role="alert">
          {error}{' '}
          <button type="button" class="button button-link" onClick={() => void load(entries?.length ? cursor : null)}>
            Try again
          </button>
        </p>
      )}
      {entries === null && loading && (
        <p class="hint" role="status">
          Loading the history…
        </p>
      )}
      {entries?.length === 0 && <p class="hint">No history yet: changes appear here a moment after they are saved.</p>}
      {entries && entries.length > 0 && (
        <ol class="history" aria-label="Changes, newest first" ref={list}>
          {entries.map((entry) => (
            <li key={entry.id} class="history-entry" tabIndex={-1}>
              <p class="history-head">
                <strong>{entry.who}</strong> · <time dateTime={entry.at}>{entry.when}</time>
              </p>
              <p class="history-headline">{entry.headline}</p>
              {entry.lines.length > 0 && (
                <ul class="history-changes">
                  {entry.lines.map((line) => (
                    <li key={line.field} data-field={line.field}>
                      {line.text}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {cursor && entries && (
        <p class="history-more">
          <button type="button" class="button" disabled={loading} onClick={() => void load(cursor)}>
            {loading ? 'Loading…' : 'Show older changes'}
          </button>
        </p>
      )}
    </details>
  );
}
