// Live sync for the signed-in user: the realtime client (lib/realtime.ts) on the page's origin,
// its state for the sync indicator, and where each pushed change goes: task lists, the open
// editor (which shows the change instead of overwriting it), the bell and the inbox.
import type { Task } from '../api/types';
import { RealtimeClient, type ChangeEvent, type RealtimeState } from '../lib/realtime';
import { applyNotificationEvent, refreshNotifications, resetNotifications } from './notifications';
import { refresh as refreshSession, session } from './session';
import { createStore } from './store';
import { applyTaskEvent, loadCounts, resetCounts } from './sidebar';
import { applyRemoteTask, dropTasks, loadTagsAndLists, refreshQuietly } from './tasks';

export const syncStore = createStore<RealtimeState>({
  status: 'stopped',
  lastSyncAt: null,
  cursor: null,
  attempt: 0,
  retryAt: null,
  lastClose: null,
});

/** A task changed elsewhere, for whoever has it open (the editor). */
export interface RemoteTaskChange {
  type: string;
  task: Task;
  before: Task | null;
}
const taskListeners = new Set<(c: RemoteTaskChange) => void>();

export function onRemoteTask(listener: (c: RemoteTaskChange) => void): () => void {
  taskListeners.add(listener);
  return () => taskListeners.delete(listener);
}

/** Every change pushed live, for views that follow one kind (e.g. a task's reminder states). */
const changeListeners = new Set<(e: ChangeEvent) => void>();

export function onRemoteChange(listener: (e: ChangeEvent) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

const CURSOR_KEY = 'daybook.sync.cursor.';

/** The cursor per user in localStorage: a reload resumes instead of refetching the world. */
function cursorStore(userId: string) {
  const key = CURSOR_KEY + userId;
  return {
    load(): number | null {
      try {
        const n = Number(localStorage.getItem(key));
        return localStorage.getItem(key) !== null && Number.isInteger(n) && n >= 0 ? n : null;
      } catch {
        return null;
      }
    },
    save(cursor: number): void {
      try {
        localStorage.setItem(key, String(cursor));
      } catch {}
    },
  };
}

function route(event: ChangeEvent): void {
  for (const l of changeListeners) l(event);
  const { type, data } = event;
  if (type.startsWith('daybook.task.')) {
    const task = data.task as Task | undefined;
    if (!task) return;
    if (type.startsWith('daybook.task.deleted.')) dropTasks([task.id]);
    else applyRemoteTask(task);
    const change = { type, task, before: (data.before as Task | undefined) ?? null };
    applyTaskEvent(type, task, change.before);
    for (const l of taskListeners) l(change);
    return;
  }
  if (type.startsWith('daybook.notification.')) {
    applyNotificationEvent(type, data, event.time);
    return;
  }
  // A list or tag made, renamed, recoloured, reordered or deleted on another device.
  if (type.startsWith('daybook.list.') || type.startsWith('daybook.tag.')) {
    loadTagsAndLists().catch(() => {});
  }
}

async function resync(): Promise<void> {
  await Promise.all([
    refreshQuietly(),
    refreshNotifications().catch(() => {}),
    // Their events may be among those missed (or past the change feed's retention).
    loadTagsAndLists().catch(() => {}),
    loadCounts().catch(() => {}),
  ]);
}

let client: RealtimeClient | null = null;
let clientUser: string | null = null;

function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Starts (or restarts, for another user) live sync; stops it when signed out. */
function follow(): void {
  const s = session.get();
  const userId = s.status === 'signed-in' ? (s.user?.id ?? null) : null;
  if (userId && userId === clientUser) {
    client?.tokenChanged();
    return;
  }
  if (!userId && s.status === 'expired') return; // keep the socket's state; a new sign-in restarts
  client?.stop();
  client = null;
  if (clientUser) {
    resetNotifications();
    resetCounts();
  }
  clientUser = userId;
  if (!userId) {
    syncStore.set({ status: 'stopped', retryAt: null });
    return;
  }
  client = new RealtimeClient({
    url: wsUrl(),
    token: () => session.get().accessToken,
    tokenExpiresAt: () => session.get().expiresAt,
    refreshToken: refreshSession,
    cursor: cursorStore(userId),
    onChange: route,
    onResync: resync,
    onState: (state) => syncStore.set(state),
  });
  client.setOnline(navigator.onLine);
  client.start();
}

export function reconnectNow(): void {
  client?.reconnectNow();
}

let installed = false;

/** Called once by the app: follows the session and the browser's network state. */
export function installSync(): void {
  if (installed) return;
  installed = true;
  session.subscribe(follow);
  window.addEventListener('online', () => client?.setOnline(true));
  window.addEventListener('offline', () => client?.setOnline(false));
  follow();
}
