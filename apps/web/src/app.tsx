import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from './components/Dialog';
import { Toasts } from './components/Toasts';
import { AuthPage, SignInForm } from './features/auth/AuthForms';
import { JournalPage, journalRoute } from './features/journal/JournalPage';
import { TasksPage } from './features/tasks/TasksPage';
import { navigate, useRoute } from './router';
import { restoreSession, session, signOut } from './state/session';
import { useStore } from './state/store';
import { loadTagsAndLists, loadView, tasksStore, type View } from './state/tasks';
import { showError } from './state/toasts';

// Routes. Later screens (journal, notifications, history…) add a line here and a feature folder.
const TASK_VIEWS: Record<string, View> = { '/today': 'today', '/upcoming': 'upcoming', '/all': 'all' };
const AUTH_ROUTES: Record<string, 'signin' | 'signup' | 'code'> = {
  '/signin': 'signin',
  '/signup': 'signup',
  '/signin/code': 'code',
};

function SearchBox() {
  const { filters } = useStore(tasksStore);
  const [q, setQ] = useState(filters.q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setQ(filters.q), [filters.q]);
  const apply = (value: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const f = tasksStore.get().filters;
      const sort = value.trim() ? 'relevance' : f.sort === 'relevance' ? 'due' : f.sort;
      navigate('/all');
      void loadView('all', { ...f, q: value, sort });
    }, 250);
  };
  return (
    <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
      <label for="search" class="visually-hidden">
        Search tasks
      </label>
      <input
        id="search"
        type="search"
        placeholder="Search tasks"
        value={q}
        onInput={(e) => {
          setQ(e.currentTarget.value);
          apply(e.currentTarget.value);
        }}
      />
    </form>
  );
}

function Shell({ path }: { path: string }) {
  const { user } = useStore(session);
  const view = TASK_VIEWS[path] ?? 'today';
  const journal = journalRoute(path);
  useEffect(() => {
    loadTagsAndLists().catch(showError);
  }, [user?.id]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="#/today">
          <span class="brand-mark" aria-hidden="true">
            ◐
          </span>
          Daybook
        </a>
        <nav class="views" aria-label="Views">
          {Object.entries(TASK_VIEWS).map(([href, v]) => (
            <a key={v} href={`#${href}`} aria-current={v === view && !journal ? 'page' : undefined}>
              {v === 'all' ? 'All' : v === 'today' ? 'Today' : 'Upcoming'}
            </a>
          ))}
          <a href="#/journal" aria-current={journal ? 'page' : undefined}>
            Journal
          </a>
        </nav>
        <SearchBox />
        <div class="account">
          <span class="who" title={user?.email}>
            {user?.displayName || user?.email}
          </span>
          <button type="button" class="button button-link" onClick={() => void signOut().catch(showError)}>
            Sign out
          </button>
        </div>
      </header>
      {journal ? <JournalPage highlight={journal.entry} /> : <TasksPage view={view} />}
    </>
  );
}

export function App() {
  const path = useRoute();
  const { status, user } = useStore(session);

  useEffect(() => {
    void restoreSession();
  }, []);

  useEffect(() => {
    if (status === 'signed-out' && !AUTH_ROUTES[path]) navigate('/signin');
    if (status === 'signed-in' && (AUTH_ROUTES[path] || (!TASK_VIEWS[path] && !journalRoute(path)))) navigate('/today');
  }, [status, path]);

  let content;
  if (status === 'loading') {
    content = (
      <p class="splash" role="status">
        Opening your Daybook…
      </p>
    );
  } else if (status === 'signed-out') {
    content = <AuthPage mode={AUTH_ROUTES[path] ?? 'signin'} />;
  } else {
    // Signed in, or expired: the screen (and any unsaved editor input) stays while the
    // user signs in again on top of it.
    content = (
      <>
        <Shell path={path} />
        {status === 'expired' && (
          <Dialog title="Your session ended" onClose={() => void signOut()}>
            <p>Sign in again to carry on where you were.</p>
            <SignInForm email={user?.email} />
          </Dialog>
        )}
      </>
    );
  }
  return (
    <>
      {content}
      <Toasts />
    </>
  );
}
