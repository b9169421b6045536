import type { Tx } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { SettingsStore } from '../infrastructure/settings-store';

/** An account was deleted: its entries, insights (cascade), reviews and settings go. */
export function forgetUser(deps: {
  entries: Pick<EntryStore, 'deleteAllOf'>;
  settings: Pick<SettingsStore, 'deleteAllOf'>;
}) {
  return async (tx: Tx, userId: string): Promise<void> => {
    await deps.entries.deleteAllOf(tx, userId);
    await tx.weeklyReview.deleteMany({ where: { userId } });
    await deps.settings.deleteAllOf(tx, userId);
  };
}
