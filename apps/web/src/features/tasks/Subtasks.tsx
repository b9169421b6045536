import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Task } from '../../api/types';
import { showError } from '../../state/toasts';

export interface Progress {
  total: number;
  done: number;
}

export const progressOf = (subtasks: Task[]): Progress => ({
  total: subtasks.length,
  done: subtasks.filter((s) => s.status === 'done').length,
});

/**
 * A task's subtasks, under it: each completes, reopens and is deleted on its own, and new
 * ones are added at the end. `onProgress` keeps the parent's "2/5" in step.
 */
export function Subtasks({
  parent,
  autoFocus,
  onProgress,
}: {
  parent: Task;
  autoFocus: boolean;
  onProgress: (p: Progress) => void;
}) {
  const [items, setItems] = useState<Task[] | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.tasks
      .subtasks(parent.id)
      .then((list) => live && setItems(list))
      .catch(showError);
    return () => {
      live = false;
    };
    // Reloaded when the parent changes (completing it may have completed them).
  }, [parent.id, parent.version]);

  const update = (next: Task[]) => {
    setItems(next);
    onProgress(progressOf(next));
  };

  const toggle = async (s: Task) => {
    try {
      const changed =
        s.status === 'done' ? await api.tasks.reopen(s.id, s.version) : await api.tasks.complete(s.id, s.version);
      update((items ?? []).map((i) => (i.id === s.id ? changed : i)));
    } catch (err) {
      showError(err);
    }
  };

  const remove = async (s: Task) => {
    try {
      await api.tasks.remove(s.id);
      update((items ?? []).filter((i) => i.id !== s.id));
    } catch (err) {
      showError(err);
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    if (!title.trim() || busy) return;
    setBusy(true);
    try {
      const created = await api.tasks.create({ title: title.trim(), parentId: parent.id });
      update([...(items ?? []), created]);
      setTitle('');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="subtasks" data-testid="subtasks">
      {items === null ? (
        <p class="subtasks-loading">Loading subtasks…</p>
      ) : (
        <ul class="subtask-list" aria-label={`Subtasks of “${parent.title}”`}>
          {items.map((s) => (
            <li key={s.id} class={`subtask${s.status === 'done' ? ' is-done' : ''}`} data-task-id={s.id}>
              <button
                type="button"
                class={`complete-toggle small priority-${s.priority}`}
                aria-pressed={s.status === 'done'}
                aria-label={s.status === 'done' ? `Reopen “${s.title}”` : `Complete “${s.title}”`}
                onClick={() => void toggle(s)}
              >
                <span aria-hidden="true">{s.status === 'done' ? '✓' : ''}</span>
              </button>
              <span class="subtask-title">{s.title}</span>
              {s.subtasks && s.subtasks.total > 0 && (
                <span class="subtask-count">
                  {s.subtasks.done}/{s.subtasks.total}
                </span>
              )}
              <button
                type="button"
                class="icon-button subtask-delete"
                aria-label={`Delete “${s.title}”`}
                onClick={() => void remove(s)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="subtask-add" onSubmit={(e) => void add(e)}>
        <input
          type="text"
          value={title}
          maxLength={500}
          placeholder="Add a subtask…"
          aria-label={`Add a subtask to “${parent.title}”`}
          autoFocus={autoFocus}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={busy || !title.trim()}>
          Add
        </button>
      </form>
    </div>
  );
}
