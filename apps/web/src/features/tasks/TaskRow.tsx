import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Task } from '../../api/types';
import { dayLabel, timeLabel } from '../../lib/dates';
import { Subtasks, type Progress } from './Subtasks';

interface Props {
  task: Task;
  timeZone: string;
  selected: boolean;
  listName?: string;
  onSelect: (on: boolean) => void;
  onToggleDone: () => void;
  onOpen: () => void;
  onDelete: () => void;
  /** Its subtasks changed under it: the new progress count. */
  onProgress?: (p: Progress) => void;
  /** In a list in the person's order: the row's drag and drop handlers, and where a drop would go. */
  drag?: Pick<JSX.HTMLAttributes<HTMLLIElement>, 'onDragStart' | 'onDragOver' | 'onDragLeave' | 'onDrop' | 'onDragEnd'>;
  dropSide?: 'before' | 'after' | undefined;
  /**
   * In a list in the person's order: its Move up / Move down buttons (drag does not work on
   * touch screens); a missing one is disabled (the first task has no up).
   */
  move?: { up?: (() => void) | undefined; down?: (() => void) | undefined };
}

export function dueText(task: Task, timeZone: string): string | null {
  if (!task.dueAt || !task.due) return null;
  if ('date' in task.due) return dayLabel(task.dueAt, timeZone);
  return `${dayLabel(task.dueAt, timeZone)}, ${timeLabel(task.dueAt, timeZone)}`;
}

export function TaskRow({
  task,
  timeZone,
  selected,
  listName,
  onSelect,
  onToggleDone,
  onOpen,
  onDelete,
  onProgress,
  drag,
  dropSide,
  move,
}: Props) {
  const [expanded, setExpanded] = useState<false | 'show' | 'add'>(false);
  const progress = task.subtasks;
  const due = dueText(task, timeZone);
  const overdue = task.status === 'open' && task.dueAt !== null && Date.parse(task.dueAt) < Date.now();
  const done = task.status === 'done';
  return (
    <li
      class={`task-row${done ? ' is-done' : ''}${selected ? ' is-selected' : ''}${dropSide ? ` drop-${dropSide}` : ''}`}
      data-task-id={task.id}
      draggable={drag ? true : undefined}
      title={drag ? 'Drag to reorder (or Alt+↑/↓)' : undefined}
      {...drag}
    >
      <input
        type="checkbox"
        class="select-box"
        aria-label={`Select “${task.title}”`}
        checked={selected}
        onChange={(e) => onSelect(e.currentTarget.checked)}
      />
      <button
        type="button"
        class={`complete-toggle priority-${task.priority}`}
        aria-pressed={done}
        aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
        onClick={onToggleDone}
      >
        <span aria-hidden="true">{done ? '✓' : ''}</span>
      </button>
      <div class="task-main">
        <button type="button" class="task-title" onClick={onOpen}>
          {task.title}
        </button>
        <div class="task-meta">
          {due && <span class={`due${overdue ? ' is-overdue' : ''}`}>{overdue ? `Overdue · ${due}` : due}</span>}
          {task.priority !== 'none' && (
            <span class={`badge priority-badge priority-${task.priority}`}>{task.priority}</span>
          )}
          {progress && progress.total > 0 ? (
            <button
              type="button"
              class="subtask-toggle"
              aria-expanded={Boolean(expanded)}
              aria-label={`${expanded ? 'Hide' : 'Show'} subtasks of “${task.title}”: ${progress.done} of ${progress.total} done`}
              onClick={() => setExpanded(expanded ? false : 'show')}
            >
              <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {progress.done}/{progress.total}
            </button>
          ) : null}
          {listName && <span class="meta-list">{listName}</span>}
          {task.tags.map((t) => (
            <span key={t.id} class="tag-chip" style={t.color ? { '--tag': t.color } : undefined}>
              #{t.name}
            </span>
          ))}
          {task.reminders.length > 0 && (
            <span class="meta-icon" title="Has reminders">
              <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
                <path
                  d="M10 3a5 5 0 0 0-5 5v3l-1.5 2.5h13L15 11V8a5 5 0 0 0-5-5Zm-2 12.5a2 2 0 0 0 4 0"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="1.5"
                  stroke-linejoin="round"
                />
              </svg>
              <span class="visually-hidden">has reminders</span>
            </span>
          )}
          {task.recurrence && (
            <span class="meta-icon" title="Repeats">
              <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
                <path
                  d="M15.5 8A6 6 0 0 0 4.6 6.5M4.5 12a6 6 0 0 0 10.9 1.5M15.5 3.5V8H11M4.5 16.5V12H9"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="1.5"
                  stroke-linecap="round"
                  stroke-linejoin="round"
                />
              </svg>
              <span class="visually-hidden">repeats</span>
            </span>
          )}
        </div>
        {expanded && <Subtasks parent={task} autoFocus={expanded === 'add'} onProgress={(p) => onProgress?.(p)} />}
      </div>
      {!task.parentId && !progress?.total && !expanded && (
        <button
          type="button"
          class="icon-button row-add-subtask"
          aria-label={`Add a subtask to “${task.title}”`}
          title="Add a subtask"
          onClick={() => setExpanded('add')}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path
              d="M4 3v7a3 3 0 0 0 3 3h3M15 8v8M11 12h8"
              fill="none"
              stroke="currentColor"
              stroke-width="1.5"
              stroke-linecap="round"
            />
          </svg>
        </button>
      )}
      {move && (
        <span class="row-move">
          <button
            type="button"
            class="icon-button"
            data-move="up"
            aria-label={`Move “${task.title}” up`}
            title="Move up (Alt+↑)"
            disabled={!move.up}
            onClick={move.up}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            class="icon-button"
            data-move="down"
            aria-label={`Move “${task.title}” down`}
            title="Move down (Alt+↓)"
            disabled={!move.down}
            onClick={move.down}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </span>
      )}
      <button type="button" class="icon-button row-delete" aria-label={`Delete “${task.title}”`} onClick={onDelete}>
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path
            d="M7 3h6m-9 3h12m-1.5 0-.7 10.2a1.5 1.5 0 0 1-1.5 1.3H7.7a1.5 1.5 0 0 1-1.5-1.3L5.5 6m3 3v5m3-5v5"
            fill="none"
            stroke="currentColor"
            stroke-width="1.5"
            stroke-linecap="round"
          />
        </svg>
      </button>
    </li>
  );
}
