import { useEffect, useState } from 'preact/hooks';
import type { Task } from '../../api/types';
import { InfiniteScroll } from '../../components/InfiniteScroll';
import { useStore } from '../../state/store';
import { userTimeZone } from '../../state/session';
import { loadMore, loadView, tasksStore, toggleSelected, upsertTask, type Filters, type View } from '../../state/tasks';
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

export function TasksPage({ view }: { view: View }) {
  const state = useStore(tasksStore);
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  // A task with open subtasks being completed: the person says whether they are done too.
  const [completing, setCompleting] = useState<Task | null>(null);
  const toggle = (t: Task) => {
    const open = (t.subtasks?.total ?? 0) - (t.subtasks?.done ?? 0);
    if (t.status === 'open' && open > 0) setCompleting(t);
    else void toggleDone(t);
  };
  const tz = userTimeZone();

  useEffect(() => {
    void loadView(view);
  }, [view]);

  const setFilters = (f: Filters) => void loadView('all', f);
  const listName = (id: string | null) => (id ? state.lists.find((l) => l.id === id)?.name : undefined);

  return (
    <main class="page" id="main">
      <div class="page-head">
        <h1>{TITLES[view]}</h1>
        <button type="button" class="button" onClick={() => setEditing('new')}>
          New task…
        </button>
      </div>
      <QuickAdd view={view} />
      {view === 'all' && (
        <FiltersPanel filters={state.filters} tags={state.tags} lists={state.lists} onChange={setFilters} />
      )}
      <BulkBar />
      {state.error && (
        <p class="form-error" role="alert">
          {state.error}
        </p>
      )}
      <ul class="task-list" aria-label={TITLES[view]} aria-busy={state.loading}>
        {state.items.map((t) => (
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
          />
        ))}
      </ul>
      {!state.loading && !state.error && state.items.length === 0 && <p class="empty">{EMPTY[view]}</p>}
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
