import type { Tx } from './database';

/** What the tasks service knows of each user, learnt from user events: persistence only. */
export class UserSettingsStore {
  /** The user's time zone, or null while no user event has told it. */
  async timeZoneOf(tx: Tx, userId: string): Promise<string | null> {
    const [row] = await tx.$queryRawUnsafe<{ time_zone: string }[]>(
      'SELECT time_zone FROM user_settings WHERE user_id = $1::uuid',
      userId,
    );
    return row?.time_zone ?? null;
  }

  async saveTimeZone(tx: Tx, userId: string, timeZone: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO user_settings (user_id, time_zone) VALUES ($1::uuid, $2)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone`,
      userId,
      timeZone,
    );
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM user_settings WHERE user_id = $1::uuid', userId);
  }
}
