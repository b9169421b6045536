import { DomainError } from '@daybook/service-kit';

// What can go wrong in identity's own terms, beyond the kit's domain errors. The kit maps
// only its own errors to statuses; routes/http.ts maps these two (401 and 429).

/** The caller is not signed in, or not as who they claim: 401. */
export class Unauthenticated extends DomainError {
  readonly code = 'unauthorized';
  constructor(message = 'authentication required') {
    super(message);
  }
}

/** A refresh token that cannot be exchanged (unknown, expired, revoked or replayed): 401. */
export class RefreshRejected extends Unauthenticated {
  constructor(readonly reason: 'unknown' | 'expired' | 'revoked' | 'refresh-token-reused') {
    super(reason === 'expired' ? 'refresh token expired' : 'invalid refresh token: sign in again');
  }
}

/** The same answer for a wrong secret and an unknown email, so neither is revealed. */
export const invalidCredentials = (what: 'password' | 'code'): Unauthenticated =>
  new Unauthenticated(`invalid email or ${what}`);

/** Too many attempts: 429, and how long to wait (the Retry-After header). */
export class RateLimited extends DomainError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many attempts: try again in ${retryAfterSeconds} s`);
  }
}
