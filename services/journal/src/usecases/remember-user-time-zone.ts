import type { Tx } from '../infrastructure/database';
import type { SettingsStore } from '../infrastructure/settings-store';

/** A user signed up or changed their zone (user events): the zone of their entries from now on. */
export function rememberUserTimeZone(deps: { settings: Pick<SettingsStore, 'save'> }) {
  return async (tx: Tx, userId: string, timeZone: string): Promise<void> => {
    await deps.settings.save(tx, userId, { timeZone });
  };
}
