import { useEffect, useState } from 'preact/hooks';
import type { Task } from '../../api/types';
import { InfiniteScroll } from '../../components/InfiniteScroll';
import { useStore } from '../../state/store';
import { userTimeZone } from '../../state/session';
import {
  defaultFilters,
  loadMore,
  loadView,
  manualOrder,
  moveTask,
  tasksStore,
  toggleSelected,
  upsertTask,
  type Filters,
  type View,
} from '../../state/tasks';
import { ShortcutHelp, TagDialog, useTaskShortcuts } from '../keyboard/shortcuts';
import { showError } from '../../state/toasts';
import { deleteTask, toggleDone } from './actions';
import { CompleteParentDialog } from './CompleteParentDialog';
import { BulkBar } from './BulkBar';
import { FiltersPanel } from './FiltersPanel';
import { QuickAdd } from './QuickAdd';
import { TaskEditor } from './TaskEditor';
import { TaskRow } from './TaskRow';

const TITLES: Record<View, string> = { today: 'Today', upcoming: 'Upcoming', all: 'All tasks' };
const EMPTY: Record<View, string> = {
  today: 'Nothing due today. Enjoy the calm.',
  upcoming: 'Nothing due in the next 7 days.',
  all: 'No tasks match.',
};

/** A sidebar page: the Inbox (no list), one list or one tag (the filtered "all" view). */
export type Scope = { kind: 'inbox' } | { kind: 'list' | 'tag'; id: string };

/** The Inbox and a list are in the person's own order (drag, Alt+↑/↓); a tag's tasks by due date. */
function scopeFilters(scope: Scope): Filters {
  const manual = { ...defaultFilters, sort: 'position' as const, order: 'asc' as const };
  if (scope.kind === 'inbox') return { ...manual, listId: 'none' };
  return scope.kind === 'list' ? { ...manual, listId: scope.id } : { ...defaultFilters, tagIds: [scope.id] };
}

export function TasksPage({ view, scope }: { view: View; scope?: Scope }) {
  const state = useStore(tasksStore);
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  // A task with open subtasks being completed: the person says whether they are done too.
  const [completing, setCompleting] = useState<Task | null>(null);
  /** True when completing `t` needs the question first (it has open subtasks): then it is asked. */
  const askBeforeCompleting = (t: Task) => {
    const open = (t.subtasks?.total ?? 0) - (t.subtasks?.done ?? 0);
    if (t.status !== 'open' || open === 0) return false;
    setCompleting(t);
    return true;
  };
  const toggle = (t: Task) => {
    if (!askBeforeCompleting(t)) void toggleDone(t);
  };
  const tz = userTimeZone();
  const [tagging, setTagging] = useState<Task | null>(null);
  const [help, setHelp] = useState(false);
  useTaskShortcuts({
    onEdit: setEditing,
    onTag: setTagging,
    onHelp: () => setHelp(true),
    onComplete: askBeforeCompleting,
  });
  const scopeKey = scope ? `${scope.kind}:${'id' in scope ? scope.id : ''}` : '';

  useEffect(() => {
    if (scope) void loadView('all', scopeFilters(scope));
    else void loadView(view);
  }, [view, scopeKey]);

  const scopeItem =
    scope?.kind === 'list'
      ? state.lists.find((l) => l.id === scope.id)
      : scope?.kind === 'tag'
        ? state.tags.find((t) => t.id === scope.id)
        : undefined;
  const title = !scope ? TITLES[view] : scope.kind === 'inbox' ? 'Inbox' : (scopeItem?.name ?? '…');

  const setFilters = (f: Filters) => void loadView('all', f);

  // Drag and drop (native HTML5) in a list in the person's order: a drop on the upper half
  // of a row puts the dragged task before it, on the lower half after it.
  const manual = manualOrder(state);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<{ id: string; side: 'before' | 'after' } | null>(null);
  const sideOf = (e: DragEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return e.clientY < box.top + box.height / 2 ? ('before' as const) : ('after' as const);
  };
  const dragHandlers = (t: Task) => ({
    onDragStart: (e: DragEvent) => {
      // Only the row itself drags (not a selection of its text, nor a subtask row inside it).
      if (e.target !== e.currentTarget) return;
      e.dataTransfer?.setData('text/plain', t.id);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      setDragging(t.id);
    },
    onDragOver: (e: DragEvent) => {
      if (!dragging || dragging === t.id) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      const side = sideOf(e);
      if (dropAt?.id !== t.id || dropAt.side !== side) setDropAt({ id: t.id, side });
    },
    onDragLeave: () => setDropAt((d) => (d?.id === t.id ? null : d)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const id = dragging;
      setDragging(null);
      setDropAt(null);
      if (!id || id === t.id) return;
      void moveTask(id, sideOf(e) === 'before' ? { before: t.id } : { after: t.id }).catch(showError);
    },
    onDragEnd: () => {
      setDragging(null);
      setDropAt(null);
    },
  });
  // The Move up / Move down buttons (touch screens, where drag does not work): the task goes
  // past its neighbour, and the focus stays on the pressed button of the moved row (on the
  // other one when it reached the end of the list).
  const moveButtons = (t: Task, index: number) => {
    const by = (up: boolean) => {
      const neighbour = state.items[index + (up ? -1 : 1)];
      if (!neighbour) return undefined;
      const refocus = () =>
        requestAnimationFrame(() => {
          const row = document.querySelector(`.task-list > li[data-task-id="${t.id}"]`);
          const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('.row-move button') ?? [])];
          const same = buttons.find((b) => b.dataset.move === (up ? 'up' : 'down'));
          (same && !same.disabled ? same : buttons.find((b) => !b.disabled))?.focus();
        });
      return () => {
        void moveTask(t.id, up ? { before: neighbour.id } : { after: neighbour.id })
          .catch(showError)
          .finally(refocus);
        refocus();
      };
    };
    return { up: by(true), down: by(false) };
  };
  const listName = (id: string | null) => (id ? state.lists.find((l) => l.id === id)?.name : undefined);

  return (
    <main class="page" id="main">
      <div class="page-head">
        <h1>
          {scope?.kind === 'tag' && '#'}
          {title}
        </h1>
        <span class="page-actions">
          <button
            type="button"
            class="button button-link"
            onClick={() => setHelp(true)}
            aria-keyshortcuts="?"
            title="Keyboard shortcuts (?)"
          >
            Shortcuts
          </button>
          <button type="button" class="button" onClick={() => setEditing('new')}>
            New task…
          </button>
        </span>
      </div>
      <QuickAdd
        view={view}
        defaults={
          scope?.kind === 'list' ? { listId: scope.id } : scope?.kind === 'tag' ? { tagName: scopeItem?.name } : {}
        }
      />
      {view === 'all' && !scope && (
        <FiltersPanel filters={state.filters} tags={state.tags} lists={state.lists} onChange={setFilters} />
      )}
      <BulkBar />
      {state.error && (
        <p class="form-error" role="alert">
          {state.error}
        </p>
      )}
      <ul class="task-list" aria-label={title} aria-busy={state.loading}>
        {state.items.map((t, index) => (
          <TaskRow
            key={t.id}
            task={t}
            timeZone={tz}
            listName={listName(t.listId)}
            selected={state.selected.has(t.id)}
            onSelect={(on) => toggleSelected(t.id, on)}
            onToggleDone={() => toggle(t)}
            onProgress={(subtasks) => upsertTask({ ...t, subtasks })}
            onOpen={() => setEditing(t)}
            onDelete={() => void deleteTask(t)}
            drag={manual ? dragHandlers(t) : undefined}
            dropSide={dropAt?.id === t.id ? dropAt.side : undefined}
            move={manual ? moveButtons(t, index) : undefined}
          />
        ))}
      </ul>
      {!state.loading && !state.error && state.items.length === 0 && (
        <p class="empty">{scope ? 'No open tasks here.' : EMPTY[view]}</p>
      )}
      {state.loading && state.items.length === 0 && <p class="empty">Loading…</p>}
      <InfiniteScroll
        hasMore={view === 'all' && !!state.nextCursor}
        loading={state.loading}
        onMore={() => void loadMore()}
      />
      {completing && (
        <CompleteParentDialog
          task={completing}
          onClose={() => setCompleting(null)}
          onChoose={(completeSubtasks) => {
            setCompleting(null);
            void toggleDone(completing, completeSubtasks);
          }}
        />
      )}
      {tagging && <TagDialog task={tagging} onClose={() => setTagging(null)} />}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {editing && (
        <TaskEditor
          key={editing === 'new' ? 'new' : editing.id}
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </main>
  );
}
