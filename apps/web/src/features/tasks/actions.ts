// Task actions shared by rows and the bulk bar, with their toasts.
import { api } from '../../api/client';
import { conflictCurrent } from '../../api/http';
import type { Task } from '../../api/types';
import { dropTasks, reload, upsertTask } from '../../state/tasks';
import { showError, showToast } from '../../state/toasts';

export async function restoreAll(ids: string[]): Promise<void> {
  try {
    const restored = await Promise.all(ids.map((id) => api.tasks.restore(id)));
    restored.forEach((t) => upsertTask(t));
    await reload();
    showToast({
      message: restored.length === 1 ? `Restored “${restored[0]!.title}”` : `Restored ${restored.length} tasks`,
    });
  } catch (err) {
    showError(err);
  }
}

export async function deleteTask(task: Task): Promise<void> {
  try {
    await api.tasks.remove(task.id);
    dropTasks([task.id]);
    showToast({ message: `Deleted “${task.title}”`, action: { label: 'Undo', run: () => restoreAll([task.id]) } });
  } catch (err) {
    showError(err);
  }
}

/** `completeSubtasks`: completing a task with open subtasks completes them too. */
export async function toggleDone(task: Task, completeSubtasks?: boolean): Promise<void> {
  try {
    const next =
      task.status === 'done'
        ? await api.tasks.reopen(task.id, task.version)
        : await api.tasks.complete(task.id, task.version, completeSubtasks);
    upsertTask(next);
  } catch (err) {
    const current = conflictCurrent<Task>(err);
    if (current) {
      upsertTask(current);
      showToast({ message: `“${current.title}” changed elsewhere; showing the latest. Try again.` });
    } else showError(err);
  }
}
