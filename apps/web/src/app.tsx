import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from './components/Dialog';
import { Toasts } from './components/Toasts';
import { AuthPage, SignInForm } from './features/auth/AuthForms';
import { Bell } from './features/notifications/Bell';
import { InboxPanel } from './features/notifications/InboxPanel';
import { PreferencesPage } from './features/notifications/PreferencesPage';
import { SyncIndicator } from './features/sync/SyncIndicator';
import { YOUR_DATA_ROUTE, YourDataPage } from './features/data/YourDataPage';
import { JournalPage, journalRoute } from './features/journal/JournalPage';
import { Sidebar } from './features/sidebar/Sidebar';
import { TasksPage, type Scope } from './features/tasks/TasksPage';
import { navigate, useRoute } from './router';
import { loadCounts } from './state/notifications';
import { restoreSession, session, signOut } from './state/session';
import { useStore } from './state/store';
import { loadTagsAndLists, loadView, tasksStore, type View } from './state/tasks';
import { installSync } from './state/sync';
import { showError } from './state/toasts';

// Routes. Later screens (journal, notifications, history…) add a line here and a feature folder.
const TASK_VIEWS: Record<string, View> = { '/today': 'today', '/upcoming': 'upcoming', '/all': 'all' };
const PREFERENCES = '/settings/notifications';

/** The sidebar's own pages: the Inbox (tasks without a list), a list, a tag. */
function scopeOf(path: string): Scope | null {
  if (path === '/inbox') return { kind: 'inbox' };
  const m = /^\/(list|tag)\/([0-9a-f-]{36})$/.exec(path);
  return m ? { kind: m[1] as 'list' | 'tag', id: m[2]! } : null;
}
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
  const scope = scopeOf(path);
  const journal = journalRoute(path);
  const [drawer, setDrawer] = useState(false);
  useEffect(() => {
    loadTagsAndLists().catch(showError);
    // The badge; live events keep it right from here. A missing service leaves it at zero.
    loadCounts().catch(() => {});
  }, [user?.id]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="icon-button menu-button"
          aria-label="Lists and tags"
          aria-expanded={drawer}
          aria-controls="sidebar"
          onClick={() => setDrawer((o) => !o)}
        >
          ☰
        </button>
        <a class="brand" href="#/today">
          <span class="brand-mark" aria-hidden="true">
            ◐
          </span>
          Daybook
        </a>
        <nav class="views" aria-label="Views">
          {Object.entries(TASK_VIEWS).map(([href, v]) => (
            <a key={v} href={`#${href}`} aria-current={v === view && TASK_VIEWS[path] ? 'page' : undefined}>
              {v === 'all' ? 'All' : v === 'today' ? 'Today' : 'Upcoming'}
            </a>
          ))}
          <a href="#/journal" aria-current={journal ? 'page' : undefined}>
            Journal
          </a>
        </nav>
        <SearchBox />
        <div class="account">
          <SyncIndicator />
          <Bell />
          <a
            class="icon-link"
            href={`#${PREFERENCES}`}
            aria-label="Notification preferences"
            aria-current={path === PREFERENCES ? 'page' : undefined}
            title="Notification preferences"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                fill="currentColor"
                d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.3 7.3 0 0 0-1.7-1L15 3h-4l-.4 2.7a7.3 7.3 0 0 0-1.7 1l-2.5-1-2 3.5L6.5 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.3 7.3 0 0 0 1.7 1L11 21h4l.4-2.7a7.3 7.3 0 0 0 1.7-1l2.5 1 2-3.5ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
              />
            </svg>
          </a>
          <a
            class="icon-link"
            href={`#${YOUR_DATA_ROUTE}`}
            aria-label="Your data"
            aria-current={path === YOUR_DATA_ROUTE ? 'page' : undefined}
            title="Your data: calendar feed, export, import"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                fill="currentColor"
                d="M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 7h14v11H5V9Zm6 2v4.6l-1.8-1.8-1.4 1.4 4.2 4.2 4.2-4.2-1.4-1.4-1.8 1.8V11h-2Z"
              />
            </svg>
          </a>
          <span class="who" title={user?.email}>
            {user?.displayName || user?.email}
          </span>
          <button type="button" class="button button-link" onClick={() => void signOut().catch(showError)}>
            Sign out
          </button>
        </div>
      </header>
      <div class="shell-body">
        <Sidebar path={path} open={drawer} onClose={() => setDrawer(false)} />
        {journal ? (
          <JournalPage highlight={journal.entry} />
        ) : path === PREFERENCES ? (
          <PreferencesPage />
        ) : path === YOUR_DATA_ROUTE ? (
          <YourDataPage />
        ) : scope ? (
          <TasksPage key={path} view="all" scope={scope} />
        ) : (
          <TasksPage view={view} />
        )}
      </div>
      <InboxPanel />
    </>
  );
}

export function App() {
  const path = useRoute();
  const { status, user } = useStore(session);

  useEffect(() => {
    installSync();
    void restoreSession();
  }, []);

  useEffect(() => {
    if (status === 'signed-out' && !AUTH_ROUTES[path]) navigate('/signin');
    if (
      status === 'signed-in' &&
      (AUTH_ROUTES[path] ||
        (!TASK_VIEWS[path] &&
          path !== PREFERENCES &&
          path !== YOUR_DATA_ROUTE &&
          !journalRoute(path) &&
          !scopeOf(path)))
    )
      navigate('/today');
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
