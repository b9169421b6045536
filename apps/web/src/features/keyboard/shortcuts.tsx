// Keyboard shortcuts of the task pages: q quick add, / search, j/k move, x select, e edit,
// c complete, # tags, Delete delete (u undoes), Alt+↑/↓ move the task in its list, ? this list. The "cursor" is the focused task
// row, so the browser's own focus ring shows where it is and Tab order stays intact. Off
// while typing in a field or while a dialog is open.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { conflictCurrent } from '../../api/http';
import type { Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../state/store';
import { manualOrder, moveTask, tasksStore, toggleSelected, upsertTask } from '../../state/tasks';
import { showError, toasts } from '../../state/toasts';
import { TagPicker } from '../tasks/TagPicker';
import { deleteTask, toggleDone } from '../tasks/actions';

export const SHORTCUTS: [keys: string[], what: string][] = [
  [['q'], 'Quick add a task'],
  [['/'], 'Search'],
  [['j'], 'Next task'],
  [['k'], 'Previous task'],
  [['x'], 'Select or unselect the task'],
  [['e', 'Enter'], 'Edit the task'],
  [['c'], 'Complete or reopen the task'],
  [['#'], 'Tag the task'],
  [['Delete'], 'Delete the task'],
  [['u'], 'Undo the last deletion (or the last toast’s action)'],
  [['Alt', '↑/↓'], 'Move the task up or down in its list (or Inbox); in the sidebar, move a list or tag'],
  [['Backspace'], 'In quick add, right after a highlighted part: keep it as text'],
  [['?'], 'Show these shortcuts'],
  [['Esc'], 'Close a dialog'],
];

/** Whether a key press belongs to what the person is typing, not to the shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

const rows = () => [...document.querySelectorAll<HTMLElement>('ul.task-list > li.task-row')];
const focusRow = (row: HTMLElement | undefined) => row?.querySelector<HTMLElement>('.task-title')?.focus();

interface Handlers {
  onEdit: (task: Task) => void;
  onTag: (task: Task) => void;
  onHelp: () => void;
  /** Completing a task that needs a question first (open subtasks): true when the page asks. */
  onComplete?: (task: Task) => boolean;
}

/** Installs the shortcuts while the task page is shown. */
export function useTaskShortcuts({ onEdit, onTag, onHelp, onComplete }: Handlers): void {
  const handlers = useRef({ onEdit, onTag, onHelp, onComplete });
  handlers.current = { onEdit, onTag, onHelp, onComplete };
  // The row index the cursor was on: it stays there when its task leaves the list.
  const lastIndex = useRef(-1);

  useEffect(() => {
    const current = (): { task: Task; index: number } | null => {
      const all = rows();
      const index = all.findIndex((r) => r.contains(document.activeElement));
      if (index === -1) return null;
      const task = tasksStore.get().items.find((t) => t.id === all[index]!.dataset.taskId);
      return task ? { task, index } : null;
    };
    const refocusAfter = (index: number) =>
      requestAnimationFrame(() => {
        const all = rows();
        focusRow(all[Math.min(index, all.length - 1)]);
      });

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const cur = current();
      if (e.altKey) {
        if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || !cur || !manualOrder(tasksStore.get())) return;
        e.preventDefault();
        const up = e.key === 'ArrowUp';
        const neighbour = rows()[cur.index + (up ? -1 : 1)]?.dataset.taskId;
        if (!neighbour) return;
        const id = cur.task.id;
        void moveTask(id, up ? { before: neighbour } : { after: neighbour })
          .catch(showError)
          .finally(() =>
            // Focus follows the task to its new place.
            requestAnimationFrame(() => focusRow(rows().find((r) => r.dataset.taskId === id))),
          );
        // The row moved at once: keep the focus on it.
        requestAnimationFrame(() => focusRow(rows().find((r) => r.dataset.taskId === id)));
        return;
      }
      if (cur) lastIndex.current = cur.index;
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case 'q':
          return run(() => document.getElementById('quick-add')?.focus());
        case '/':
          return run(() => document.getElementById('search')?.focus());
        case '?':
          return run(() => handlers.current.onHelp());
        case 'j':
        case 'k': {
          const all = rows();
          if (!all.length) return;
          const from = cur ? cur.index : e.key === 'j' ? -1 : all.length;
          const to = Math.max(0, Math.min(all.length - 1, from + (e.key === 'j' ? 1 : -1)));
          return run(() => focusRow(all[to]));
        }
        case 'u': {
          const withAction = [...toasts.get().items].reverse().find((t) => t.action);
          if (withAction) run(() => void withAction.action!.run());
          return;
        }
      }
      if (!cur) return;
      const { task, index } = cur;
      switch (e.key) {
        case 'x':
          return run(() => toggleSelected(task.id));
        case 'e':
          return run(() => handlers.current.onEdit(task));
        case 'c':
          return run(() => {
            if (handlers.current.onComplete?.(task)) return;
            void toggleDone(task).then(() => refocusAfter(index));
          });
        case '#':
          return run(() => handlers.current.onTag(task));
        case 'Delete':
          return run(() => void deleteTask(task).then(() => refocusAfter(index)));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <table class="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (keys[0] === 'Alt' ? ' + ' : ' or ')}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">Shortcuts are off while you type in a field. Tab and Shift+Tab reach everything else.</p>
    </Dialog>
  );
}

/** The # shortcut: the task's tags, picked or created, saved at once. */
export function TagDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { tags } = useStore(tasksStore);
  const [value, setValue] = useState(task.tags.map((t) => t.id));
  const [busy, setBusy] = useState(false);
  // Straight into the tag field (the dialog would focus the first chip's remove button).
  useEffect(() => {
    const frame = requestAnimationFrame(() => document.getElementById('editor-tags')?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const save = async () => {
    setBusy(true);
    try {
      upsertTask(await api.tasks.update(task.id, task.version, { tagIds: value }));
      onClose();
    } catch (err) {
      const current = conflictCurrent<Task>(err);
      if (current) upsertTask(current);
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Tags of “${task.title}”`}
      onClose={onClose}
      testId="tag-dialog"
      footer={
        <>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" class="button button-primary" onClick={() => void save()} disabled={busy}>
            Save tags
          </button>
        </>
      }
    >
      {/* Enter in the empty tag field saves (with a name in it, Enter adds that tag). */}
      <div
        onKeyDownCapture={(e) => {
          const target = e.target as HTMLInputElement;
          if (e.key === 'Enter' && target.tagName === 'INPUT' && !target.value.trim()) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <TagPicker tags={tags} value={value} onChange={setValue} />
      </div>
      <p class="hint">Enter on an empty field saves.</p>
    </Dialog>
  );
}
