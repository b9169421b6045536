import type { CalendarFeed } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** Each user's calendar feed (the hash of its token): persistence only. */
export class CalendarFeedStore {
  constructor(private readonly db: Database) {}

  of(userId: string): Promise<CalendarFeed | null> {
    return this.db.prisma.calendarFeed.findUnique({ where: { userId } });
  }

  /** The feed whose token hashes to this; the lookup is by an index on the hash. */
  byTokenHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.db.prisma.calendarFeed.findUnique({ where: { tokenHash } });
  }

  /** Replaces the user's feed: the previous token stops working at once. */
  save(userId: string, tokenHash: string, tokenHint: string): Promise<CalendarFeed> {
    const data = { tokenHash, tokenHint, createdAt: new Date() };
    return this.db.prisma.calendarFeed.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  }

  async delete(userId: string): Promise<boolean> {
    return (await this.db.prisma.calendarFeed.deleteMany({ where: { userId } })).count > 0;
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM calendar_feeds WHERE user_id = $1::uuid', userId);
  }
}
