import type { Tx } from '../infrastructure/database';
import type { UserSettingsStore } from '../infrastructure/user-settings-store';

/**
 * A user signed up or changed their time zone (user events): where their dates without a
 * zone of their own are due from now on. Runs in the event's transaction.
 */
export function rememberUserTimeZone(deps: { settings: Pick<UserSettingsStore, 'saveTimeZone'> }) {
  const { settings } = deps;
  return (tx: Tx, userId: string, timeZone: string): Promise<void> => settings.saveTimeZone(tx, userId, timeZone);
}
export type RememberUserTimeZone = ReturnType<typeof rememberUserTimeZone>;
