import { NotFound } from '@daybook/service-kit';
import type { NotificationCounts } from '@daybook/contracts';
import { Prisma } from '../generated/prisma/client';
import type { NotificationRow } from '../domain/notification';
import { DEFAULT_PREFERENCES, readPreferences, type Preferences } from '../domain/preferences';
import type { Database, Tx } from './database';

export type DeliveryRow = Prisma.DeliveryGetPayload<object>;
export type NotificationWithDeliveries = Prisma.NotificationGetPayload<{ include: { deliveries: true } }>;

export interface Recipient {
  userId: string;
  email: string | null;
  timeZone: string;
  preferences: Preferences;
}

const deliveriesInOrder = { deliveries: { orderBy: { channel: 'desc' as const } } };

/** Persistence of inbox items, deliveries, recipients and digests. Throws domain errors. */
export class NotificationStore {
  constructor(readonly db: Database) {}

  /** A transaction; long enough by default for one SMTP send (its timeouts add up to 35 s). */
  transaction<T>(fn: (tx: Tx) => Promise<T>, timeoutMs = 60_000): Promise<T> {
    return this.db.$transaction(fn, { timeout: timeoutMs, maxWait: 10_000 });
  }

  /**
   * Serialises every change of one user's inbox until `tx` ends, so the counts an event
   * carries are the truth after that change, in commit order.
   */
  async lockUser(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notifications:${userId}`}))`;
  }

  async counts(tx: Tx | Database, userId: string, now: Date): Promise<NotificationCounts> {
    const [row] = await tx.$queryRaw<{ unread: bigint; unseen: bigint }[]>`
      SELECT count(*) FILTER (WHERE state <> 'read') AS unread,
             count(*) FILTER (WHERE state = 'unseen') AS unseen
        FROM notifications
       WHERE user_id = ${userId}::uuid AND NOT archived AND (snoozed_until IS NULL OR snoozed_until <= ${now})`;
    return { unread: Number(row?.unread ?? 0), unseen: Number(row?.unseen ?? 0) };
  }

  // Recipients ---------------------------------------------------------------------------

  async recipient(tx: Tx | Database, userId: string): Promise<Recipient> {
    const row = await tx.recipient.findUnique({ where: { userId } });
    return row
      ? { userId, email: row.email, timeZone: row.timeZone, preferences: readPreferences(row.preferences) }
      : { userId, email: null, timeZone: 'UTC', preferences: DEFAULT_PREFERENCES };
  }

  async saveRecipient(
    tx: Tx | Database,
    userId: string,
    change: { email?: string; timeZone?: string; preferences?: Preferences },
    now: Date,
  ): Promise<Recipient> {
    const { preferences, ...rest } = change;
    await tx.recipient.upsert({
      where: { userId },
      create: {
        userId,
        ...rest,
        preferences: (preferences ?? DEFAULT_PREFERENCES) as Prisma.InputJsonObject,
        updatedAt: now,
      },
      update: {
        ...rest,
        ...(preferences ? { preferences: preferences as Prisma.InputJsonObject } : {}),
        updatedAt: now,
      },
    });
    return this.recipient(tx, userId);
  }

  /** Removes everything of a user (account deleted). */
  async forget(tx: Tx, userId: string): Promise<void> {
    await tx.delivery.deleteMany({ where: { userId } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.digest.deleteMany({ where: { userId } });
    await tx.recipient.deleteMany({ where: { userId } });
  }

  // Inbox items --------------------------------------------------------------------------

  async createNotification(
    tx: Tx,
    n: Omit<NotificationRow, 'state' | 'snoozedUntil'> & { sourceEventId: string },
  ): Promise<NotificationRow | null> {
    // One item per event: a second delivery of the same event creates nothing.
    const existing = await tx.notification.findUnique({ where: { sourceEventId: n.sourceEventId } });
    if (existing) return null;
    return tx.notification.create({ data: { ...n, state: 'unseen' } });
  }

  async notification(tx: Tx, id: string): Promise<NotificationRow | null> {
    return tx.notification.findUnique({ where: { id } });
  }

  /** One of the user's items; another user's (or none) is NotFound. */
  async owned(tx: Tx | Database, userId: string, id: string): Promise<NotificationWithDeliveries> {
    const row = await tx.notification.findFirst({ where: { id, userId }, include: deliveriesInOrder });
    if (!row) throw new NotFound('notification');
    return row;
  }

  async updateNotification(
    tx: Tx,
    id: string,
    data: Prisma.NotificationUpdateInput,
  ): Promise<NotificationWithDeliveries> {
    return tx.notification.update({ where: { id }, data, include: deliveriesInOrder });
  }

  /** Items matching `where`, for a bulk change (mark all seen / read). */
  async ownedWhere(tx: Tx, userId: string, where: Prisma.NotificationWhereInput): Promise<NotificationRow[]> {
    return tx.notification.findMany({ where: { userId, ...where }, orderBy: { createdAt: 'asc' } });
  }

  async updateMany(tx: Tx, ids: string[], data: Prisma.NotificationUpdateManyMutationInput): Promise<void> {
    if (ids.length > 0) await tx.notification.updateMany({ where: { id: { in: ids } }, data });
  }

  /** A page of the inbox or archive, newest first, after the cursor (createdAt, id). */
  async page(
    userId: string,
    view: 'inbox' | 'archived',
    after: { createdAt: Date; id: string } | null,
    limit: number,
    now: Date,
  ): Promise<NotificationWithDeliveries[]> {
    const visible: Prisma.NotificationWhereInput =
      view === 'archived'
        ? { archived: true }
        : { archived: false, OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] };
    const cursor: Prisma.NotificationWhereInput = after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {};
    return this.db.notification.findMany({
      where: { userId, AND: [visible, cursor] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: deliveriesInOrder,
    });
  }

  /** Unread, unarchived items created since `since`, for a digest. */
  async unreadSince(tx: Tx, userId: string, since: Date): Promise<NotificationRow[]> {
    return tx.notification.findMany({
      where: {
        userId,
        state: { not: 'read' },
        archived: false,
        category: { not: 'digests' },
        createdAt: { gte: since },
      },
      orderBy: { createdAt: 'asc' },
      take: 50,
    });
  }

  // Deliveries ---------------------------------------------------------------------------

  async createDelivery(
    tx: Tx,
    d: Omit<Prisma.DeliveryUncheckedCreateInput, 'createdAt' | 'updatedAt'>,
    now: Date,
  ): Promise<DeliveryRow | null> {
    // Idempotent by (event id, channel): a repeated event never makes a second delivery.
    const inserted = await tx.delivery.createManyAndReturn({
      data: [{ ...d, createdAt: now, updatedAt: now }],
      skipDuplicates: true,
    });
    return inserted[0] ?? null;
  }

  async delivery(tx: Tx | Database, id: string): Promise<DeliveryRow | null> {
    return tx.delivery.findUnique({ where: { id } });
  }

  /** The delivery, locked until `tx` ends: concurrent triggers of one delivery take turns. */
  async lockDelivery(tx: Tx, id: string): Promise<DeliveryRow | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM deliveries WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length > 0 ? tx.delivery.findUnique({ where: { id } }) : null;
  }

  async updateDelivery(tx: Tx, id: string, data: Prisma.DeliveryUpdateInput): Promise<DeliveryRow> {
    return tx.delivery.update({ where: { id }, data });
  }

  // Digests ------------------------------------------------------------------------------

  /** Claims the user's digest of `localDate`; false if it exists already (a repeated trigger). */
  async claimDigest(tx: Tx, userId: string, localDate: string, now: Date): Promise<boolean> {
    const claimed = await tx.$executeRaw`
      INSERT INTO digests (user_id, local_date, created_at) VALUES (${userId}::uuid, ${localDate}, ${now})
      ON CONFLICT DO NOTHING`;
    return claimed === 1;
  }

  async setDigestNotification(tx: Tx, userId: string, localDate: string, notificationId: string): Promise<void> {
    await tx.digest.update({ where: { userId_localDate: { userId, localDate } }, data: { notificationId } });
  }

  async lastDigestAt(tx: Tx, userId: string): Promise<Date | null> {
    const last = await tx.digest.findFirst({ where: { userId }, orderBy: { createdAt: 'desc' }, skip: 1 });
    return last?.createdAt ?? null;
  }
}
