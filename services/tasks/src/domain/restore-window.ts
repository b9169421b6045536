/** Soft-deleted tasks can be restored for this long. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Until when a task deleted at `deletedAt` can be restored. */
export const restorableUntil = (deletedAt: Date): Date => new Date(deletedAt.getTime() + RESTORE_WINDOW_MS);

/** True while a task deleted at `deletedAt` can still be restored. */
export const isRestorable = (deletedAt: Date, now: Date = new Date()): boolean =>
  now.getTime() - deletedAt.getTime() <= RESTORE_WINDOW_MS;
