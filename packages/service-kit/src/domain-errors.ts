// What a use case or a store says went wrong, in the service's own terms. They know
// nothing of HTTP: the kit's error handler maps each to its status (errors.ts), so the
// same use case can serve a route, an event handler or a job.

/** Base class: `code` is stable and shown to clients. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** The thing does not exist, or belongs to someone else (never say which): 404. */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** The change conflicts with the current state; `current` is the server's copy: 409. */
export class Conflict extends DomainError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** The caller's version (If-Match) is not the current one: 412, with the server's copy. */
export class StaleVersion extends DomainError {
  readonly code = 'version_mismatch';
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** A change that needs the caller's version was sent without one: 428. */
export class VersionRequired extends DomainError {
  readonly code = 'precondition_required';
  constructor(message = 'send If-Match with the version you read') {
    super(message);
  }
}

/** Input that is well-formed but not acceptable, naming the field: 400. */
export class InvalidInput extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
