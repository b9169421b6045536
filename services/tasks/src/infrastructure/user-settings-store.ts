import type { Tx } from './database';

/** What the tasks service knows of each user, learnt from user events: persistence only. */
export class UserSettingsStore {
  /** The user's time zone, or null while no user event has told it. */
  async timeZoneOf(tx: Tx, userId: string): Promise<string | null> {
    return (await tx.userSettings.findUnique({ where: { userId } }))?.timeZone ?? null;
  }

  async saveTimeZone(tx: Tx, userId: string, timeZone: string): Promise<void> {
    await tx.userSettings.upsert({ where: { userId }, create: { userId, timeZone }, update: { timeZone } });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.userSettings.deleteMany({ where: { userId } });
  }
}
