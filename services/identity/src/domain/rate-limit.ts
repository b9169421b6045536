import { createHash } from 'node:crypto';

/**
 * Rate-limit rules for sign-in. Pure decisions over a small state per key; the state lives
 * in PostgreSQL (infrastructure/throttle-store.ts) so every replica sees the same counts.
 *
 * Two mechanisms per key:
 * - a fixed window: at most `maxPerWindow` counted events per `windowMs`, then blocked until
 *   the window ends;
 * - progressive backoff: after `backoffAfter` consecutive failures, each further failure
 *   blocks the key for `backoffBaseMs`, doubling each time, up to `backoffMaxMs`. A success
 *   resets the consecutive count (not the window).
 */
export interface ThrottlePolicy {
  windowMs: number;
  maxPerWindow: number;
  backoffAfter: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface ThrottleState {
  consecutiveFailures: number;
  windowStartedAt: Date;
  windowCount: number;
  blockedUntil: Date | null;
}

const MINUTE = 60_000;

/** Sign-in failures (login, code verification, a wrong current password) per account. */
export const ACCOUNT_FAILURES: ThrottlePolicy = {
  windowMs: 15 * MINUTE,
  maxPerWindow: 10,
  backoffAfter: 5,
  backoffBaseMs: 2_000,
  backoffMaxMs: 15 * MINUTE,
};
/** Sign-in failures per client IP, across accounts (credential stuffing). */
export const IP_FAILURES: ThrottlePolicy = {
  windowMs: 15 * MINUTE,
  maxPerWindow: 50,
  backoffAfter: Infinity,
  backoffBaseMs: 0,
  backoffMaxMs: 0,
};
/** Login-code emails per account: each request counts, successful or not. */
export const ACCOUNT_CODE_REQUESTS: ThrottlePolicy = {
  windowMs: 15 * MINUTE,
  maxPerWindow: 5,
  backoffAfter: Infinity,
  backoffBaseMs: 0,
  backoffMaxMs: 0,
};
/** Login-code emails per client IP. */
export const IP_CODE_REQUESTS: ThrottlePolicy = { ...ACCOUNT_CODE_REQUESTS, maxPerWindow: 20 };

/** One rate-limited subject: a scope ("account", "ip", …), who, and the rule that applies. */
export interface ThrottleSubject {
  scope: string;
  subject: string;
  policy: ThrottlePolicy;
}

/** Failures of sign-in (password, code, or a wrong current password) count per account and per client IP. */
export const signInSubjects = (email: string, ip: string): ThrottleSubject[] => [
  { scope: 'account', subject: email, policy: ACCOUNT_FAILURES },
  { scope: 'ip', subject: ip, policy: IP_FAILURES },
];

/** Login-code emails count per account and per client IP. */
export const codeRequestSubjects = (email: string, ip: string): ThrottleSubject[] => [
  { scope: 'code-account', subject: email, policy: ACCOUNT_CODE_REQUESTS },
  { scope: 'code-ip', subject: ip, policy: IP_CODE_REQUESTS },
];

/**
 * The stored key of a subject: a digest, so the table holds no emails (also of people
 * without an account) and no raw IPs. Emails are expected already normalised.
 */
export const throttleKey = (scope: string, subject: string): string =>
  `${scope}:${createHash('sha256').update(subject).digest('base64url')}`;

/** Seconds until the key may try again (0: allowed now). Rounded up, at least 1 when blocked. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil || state.blockedUntil <= now) return 0;
  return Math.max(1, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** The state after one more counted failure (or counted request) at `now`. */
export function afterFailure(state: ThrottleState | undefined, policy: ThrottlePolicy, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < policy.windowMs;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const windowCount = (windowOpen ? state.windowCount : 0) + 1;
  const consecutiveFailures = (state?.consecutiveFailures ?? 0) + 1;

  let blockedUntil = state?.blockedUntil && state.blockedUntil > now ? state.blockedUntil : null;
  const extend = (until: Date) => {
    if (!blockedUntil || until > blockedUntil) blockedUntil = until;
  };
  if (windowCount >= policy.maxPerWindow) extend(new Date(windowStartedAt.getTime() + policy.windowMs));
  if (consecutiveFailures > policy.backoffAfter) {
    const doublings = Math.min(consecutiveFailures - policy.backoffAfter - 1, 30);
    extend(new Date(now.getTime() + Math.min(policy.backoffBaseMs * 2 ** doublings, policy.backoffMaxMs)));
  }
  return { consecutiveFailures, windowStartedAt, windowCount, blockedUntil };
}

/** A success resets the consecutive failures and any backoff; the window's count stays. */
export function afterSuccess(state: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleState {
  const windowOpen = now.getTime() - state.windowStartedAt.getTime() < policy.windowMs;
  const windowFull = windowOpen && state.windowCount >= policy.maxPerWindow;
  return {
    ...state,
    consecutiveFailures: 0,
    blockedUntil: windowFull ? new Date(state.windowStartedAt.getTime() + policy.windowMs) : null,
  };
}
