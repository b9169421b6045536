// The signed-in session. The access token lives in memory only; the refresh token is the
// httpOnly cookie identity sets, so a reload restores the session with POST /refresh.
import { api, connectTokenSource } from '../api/client';
import type { Session, User } from '../api/types';
import { createStore } from './store';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in' | 'expired';

export interface SessionState {
  status: SessionStatus;
  user: User | null;
  accessToken: string | null;
  expiresAt: number | null;
}

export const session = createStore<SessionState>({ status: 'loading', user: null, accessToken: null, expiresAt: null });

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function accept(s: Session): void {
  const expiresAt = Date.parse(s.accessTokenExpiresAt);
  session.set({ status: 'signed-in', user: s.user, accessToken: s.accessToken, expiresAt });
  clearTimeout(refreshTimer);
  // Refresh a minute before expiry; a 401 still triggers a refresh if this one is missed.
  const inMs = Number.isFinite(expiresAt) ? Math.max(expiresAt - Date.now() - 60_000, 5_000) : 600_000;
  refreshTimer = setTimeout(() => void refresh(), inMs);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Silent refresh: only the token changes, so nothing on screen (an open editor) is lost.
 * One at a time: the HTTP client, the timer and the live-sync socket may all ask at once,
 * and each refresh rotates the refresh cookie.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= refreshNow().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshNow(): Promise<boolean> {
  try {
    accept(await api.identity.refresh());
    return true;
  } catch {
    clearTimeout(refreshTimer);
    const wasSignedIn = session.get().status === 'signed-in' || session.get().status === 'expired';
    // Signed in before: keep the screen (and any unsaved input) and ask to sign in again.
    session.set({ status: wasSignedIn ? 'expired' : 'signed-out', accessToken: null, expiresAt: null });
    return false;
  }
}

connectTokenSource({ accessToken: () => session.get().accessToken, refresh });

export async function restoreSession(): Promise<void> {
  await refresh();
}

export async function signIn(email: string, password: string): Promise<void> {
  const before = session.get().user?.id;
  const s = await api.identity.login(email, password);
  if (before && before !== s.user.id) window.location.hash = '#/today';
  accept(s);
}

export async function signUp(input: { email: string; password: string; displayName?: string }): Promise<void> {
  accept(await api.identity.signup({ ...input, timeZone: browserTimeZone() }));
}

export async function requestCode(email: string): Promise<void> {
  await api.identity.requestLoginCode(email);
}

export async function verifyCode(email: string, code: string): Promise<void> {
  accept(await api.identity.verifyLoginCode(email, code));
}

export async function signOut(): Promise<void> {
  clearTimeout(refreshTimer);
  try {
    await api.identity.logout();
  } finally {
    session.set({ status: 'signed-out', user: null, accessToken: null, expiresAt: null });
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function userTimeZone(): string {
  return session.get().user?.timeZone ?? browserTimeZone();
}
