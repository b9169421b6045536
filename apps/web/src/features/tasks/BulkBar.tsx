import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Task } from '../../api/types';
import { useStore } from '../../state/store';
import { dropTasks, selectAll, tasksStore, upsertTask } from '../../state/tasks';
import { showError, showToast } from '../../state/toasts';
import { restoreAll } from './actions';

/** Actions on the selected tasks: complete, delete (with undo), tag. */
export function BulkBar() {
  const { selected, tags, items } = useStore(tasksStore);
  const [tagId, setTagId] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = [...selected];
  if (ids.length === 0) return null;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const okTasks = (r: { results: { status: string; task?: Task }[] }) =>
    r.results.filter((x) => x.status === 'ok' && x.task).map((x) => x.task!);

  const complete = () =>
    run(async () => {
      const r = await api.tasks.bulk('complete', ids);
      okTasks(r).forEach((t) => upsertTask(t));
      selectAll(false);
      showToast({ message: `Completed ${ids.length} task${ids.length === 1 ? '' : 's'}` });
    });
  const remove = () =>
    run(async () => {
      await api.tasks.bulk('delete', ids);
      dropTasks(ids);
      showToast({
        message: `Deleted ${ids.length} task${ids.length === 1 ? '' : 's'}`,
        action: { label: 'Undo', run: () => restoreAll(ids) },
      });
    });
  const tag = () =>
    run(async () => {
      if (!tagId) return;
      const r = await api.tasks.bulk('tag', ids, [tagId]);
      okTasks(r).forEach((t) => upsertTask(t));
      showToast({ message: `Tagged ${ids.length} task${ids.length === 1 ? '' : 's'}` });
    });

  return (
    <div class="bulk-bar" role="region" aria-label="Selected tasks">
      <label class="check">
        <input
          type="checkbox"
          checked={ids.length === items.length}
          onChange={(e) => selectAll(e.currentTarget.checked)}
        />
        <span>{ids.length} selected</span>
      </label>
      <div class="bulk-actions">
        <button type="button" class="button" disabled={busy} onClick={complete}>
          Complete
        </button>
        <button type="button" class="button button-danger" disabled={busy} onClick={remove}>
          Delete
        </button>
        <span class="inline">
          <label for="bulk-tag" class="visually-hidden">
            Tag to add
          </label>
          <select id="bulk-tag" value={tagId} onChange={(e) => setTagId(e.currentTarget.value)}>
            <option value="">Tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                #{t.name}
              </option>
            ))}
          </select>
          <button type="button" class="button" disabled={busy || !tagId} onClick={tag}>
            Apply tag
          </button>
        </span>
        <button type="button" class="button button-link" onClick={() => selectAll(false)}>
          Clear
        </button>
      </div>
    </div>
  );
}
