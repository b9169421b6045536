import type { Tx } from './database';

export interface JournalSettings {
  timeZone: string | null;
  cloudAi: boolean;
  reviewTime: string | null;
  reviewVersion: number;
}
const DEFAULTS: JournalSettings = { timeZone: null, cloudAi: false, reviewTime: null, reviewVersion: 0 };

/** Per user: the zone learnt from user events, and the journal choices they made. */
export class SettingsStore {
  async of(tx: Tx, userId: string): Promise<JournalSettings> {
    const row = await tx.userSettings.findUnique({ where: { userId } });
    return row
      ? { timeZone: row.timeZone, cloudAi: row.cloudAi, reviewTime: row.reviewTime, reviewVersion: row.reviewVersion }
      : DEFAULTS;
  }

  async save(tx: Tx, userId: string, changes: Partial<JournalSettings>): Promise<JournalSettings> {
    await tx.userSettings.upsert({ where: { userId }, create: { userId, ...changes }, update: changes });
    return this.of(tx, userId);
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.userSettings.deleteMany({ where: { userId } });
  }
}
