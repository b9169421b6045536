import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TaskInput } from '../../api/types';
import { todayIn } from '../../lib/dates';
import { userTimeZone } from '../../state/session';
import { upsertTask, type View } from '../../state/tasks';
import { showError } from '../../state/toasts';

export function QuickAdd({ view }: { view: View }) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    try {
      const input: TaskInput = { title: title.trim() };
      // Added from Today: due today, so it stays in view.
      if (view === 'today') input.due = { date: todayIn(userTimeZone()) };
      upsertTask(await api.tasks.create(input), { prepend: true });
      setTitle('');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="quick-add" onSubmit={onSubmit}>
      <label for="quick-add" class="visually-hidden">
        New task
      </label>
      <input
        id="quick-add"
        placeholder={view === 'today' ? 'Add a task for today…' : 'Add a task…'}
        value={title}
        maxLength={500}
        onInput={(e) => setTitle(e.currentTarget.value)}
        disabled={busy}
      />
      <button type="submit" class="button button-primary" disabled={busy || !title.trim()}>
        Add
      </button>
    </form>
  );
}
