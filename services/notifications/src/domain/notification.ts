import type { NotificationCounts, NotificationSnapshot } from '@daybook/contracts';

/** A stored inbox item (the columns the views need). */
export interface NotificationRow {
  id: string;
  userId: string;
  category: string;
  title: string;
  body: string;
  urgent: boolean;
  taskId: string | null;
  reminderId: string | null;
  state: string;
  archived: boolean;
  snoozedUntil: Date | null;
  createdAt: Date;
}

export function toSnapshot(n: NotificationRow): NotificationSnapshot {
  const link =
    n.taskId || n.reminderId
      ? { ...(n.taskId ? { taskId: n.taskId } : {}), ...(n.reminderId ? { reminderId: n.reminderId } : {}) }
      : null;
  return {
    id: n.id,
    userId: n.userId,
    category: n.category as NotificationSnapshot['category'],
    title: n.title,
    body: n.body,
    urgent: n.urgent,
    link,
    state: n.state as NotificationSnapshot['state'],
    archived: n.archived,
    snoozedUntil: n.snoozedUntil?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

export type { NotificationCounts };
