import { Dialog } from '../../components/Dialog';
import type { Task } from '../../api/types';

/** Completing a task with open subtasks: the person says whether those are done too. */
export function CompleteParentDialog({
  task,
  onChoose,
  onClose,
}: {
  task: Task;
  onChoose: (completeSubtasks: boolean) => void;
  onClose: () => void;
}) {
  const open = (task.subtasks?.total ?? 0) - (task.subtasks?.done ?? 0);
  return (
    <Dialog title={`Complete “${task.title}”?`} onClose={onClose} testId="complete-parent">
      <p>
        It has {open} open subtask{open === 1 ? '' : 's'}. Complete {open === 1 ? 'it' : 'them'} too?
      </p>
      <div class="button-row">
        <button type="button" class="button button-primary" autoFocus onClick={() => onChoose(true)}>
          Complete all
        </button>
        <button type="button" class="button" onClick={() => onChoose(false)}>
          Only this task
        </button>
        <button type="button" class="button button-link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
