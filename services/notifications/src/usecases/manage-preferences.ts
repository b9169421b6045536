import { NotFound } from '@daybook/service-kit';
import { verifyUnsubscribeToken } from '../domain/unsubscribe-token';
import { withoutEmail, type Preferences } from '../domain/preferences';
import type { NotificationStore } from '../infrastructure/notification-store';
import type { ScheduleDigest } from './send-digest';

export interface PreferencesView extends Preferences {
  timeZone: string;
}

export type GetPreferences = (userId: string) => Promise<PreferencesView>;
export type UpdatePreferences = (userId: string, preferences: Preferences) => Promise<PreferencesView>;
export type Unsubscribe = (token: string) => Promise<{ category: string }>;

export interface ManagePreferencesDeps {
  store: NotificationStore;
  scheduleDigest: ScheduleDigest;
  unsubscribeKey: () => Promise<Buffer>;
  now: () => Date;
}

/** The user's channel matrix, quiet hours and digest; and one-click unsubscribe. */
export function managePreferences({ store, scheduleDigest, unsubscribeKey, now }: ManagePreferencesDeps) {
  const view = (r: { timeZone: string; preferences: Preferences }): PreferencesView => ({
    timeZone: r.timeZone,
    ...r.preferences,
  });

  const getPreferences: GetPreferences = async (userId) => view(await store.recipient(store.db, userId));

  const updatePreferences: UpdatePreferences = async (userId, preferences) => {
    const recipient = await store.transaction(async (tx) => {
      await store.lockUser(tx, userId);
      return store.saveRecipient(tx, userId, { preferences }, now());
    });
    await scheduleDigest(recipient);
    return view(recipient);
  };

  const unsubscribe: Unsubscribe = async (token) => {
    const claim = verifyUnsubscribeToken(await unsubscribeKey(), token);
    if (!claim) throw new NotFound('unsubscribe link');
    await store.transaction(async (tx) => {
      await store.lockUser(tx, claim.userId);
      const recipient = await store.recipient(tx, claim.userId);
      await store.saveRecipient(
        tx,
        claim.userId,
        { preferences: withoutEmail(recipient.preferences, claim.category) },
        now(),
      );
    });
    return { category: claim.category };
  };

  return { getPreferences, updatePreferences, unsubscribe };
}
