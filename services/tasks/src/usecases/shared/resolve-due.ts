import type { Due } from '../../domain/due';
import { dueColumns, needsUserTimeZone, type DueColumns } from '../../domain/task-changes';
import type { Tx } from '../../infrastructure/database';
import type { UserSettingsStore } from '../../infrastructure/user-settings-store';

export type ResolveDue = (tx: Tx, userId: string, due: Due | null) => Promise<DueColumns>;

/**
 * The columns of a due date, with the instant it falls on. A date without a zone of its
 * own is due in the user's zone, looked up only then.
 */
export function dueResolver(deps: { settings: Pick<UserSettingsStore, 'timeZoneOf'> }): ResolveDue {
  const { settings } = deps;
  return async (tx, userId, due) =>
    dueColumns(due, needsUserTimeZone(due) ? await settings.timeZoneOf(tx, userId) : undefined);
}
