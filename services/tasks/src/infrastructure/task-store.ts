import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { generateKeyBetween } from 'fractional-indexing';
import type { Prisma, Tag } from '../generated/prisma/client';
import type { ReminderInput } from '../domain/task-input';
import { taskInclude, type TaskRecord } from '../domain/task-view';
import type { Database, Tx } from './database';

/**
 * The columns of a new task (its id, tags and reminders are the store's to write; without
 * a position, it goes last in its list).
 */
export type NewTask = Omit<
  Prisma.TaskUncheckedCreateInput,
  'id' | 'tags' | 'reminders' | 'subtasks' | 'createdAt' | 'updatedAt' | 'position'
> & { position?: string };

/** A change to a task's columns (the store bumps the version and the update time). */
export type TaskColumns = Prisma.TaskUncheckedUpdateInput;

/**
 * Tasks, with their tags and reminders: persistence only. Reads outside a transaction use
 * the client; every write takes the transaction it belongs to.
 */
export class TaskStore {
  constructor(private readonly db: Database) {}

  /** The user's task (deleted or not), or null: another user's task is as missing as none. */
  find(userId: string, id: string): Promise<TaskRecord | null> {
    return this.db.task.findFirst({ where: { id, userId }, include: taskInclude });
  }

  /** The user's tasks with these ids, in the order of `ids` (missing ones left out). */
  async findMany(userId: string, ids: string[], tx?: Tx): Promise<TaskRecord[]> {
    const rows = await (tx ?? this.db).task.findMany({ where: { id: { in: ids }, userId }, include: taskInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is TaskRecord => Boolean(r));
  }

  /**
   * Locks the user's task for the rest of `tx` and reads it: concurrent writers queue here
   * instead of both passing their checks. NotFound when the user has no such task.
   */
  async lock(tx: Tx, userId: string, id: string): Promise<TaskRecord> {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id::text FROM tasks WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE',
      id,
      userId,
    );
    if (locked.length === 0) throw new NotFound('task');
    return tx.task.findUniqueOrThrow({ where: { id }, include: taskInclude });
  }

  /** Writes a new task with its tags and reminders; returns it as written (no re-read). */
  async insert(tx: Tx, columns: NewTask, tags: Tag[], reminders: ReminderInput[]): Promise<TaskRecord> {
    const id = randomUUID();
    const now = new Date();
    const reminderRows = this.reminderRows(id, reminders);
    const position = columns.position ?? (await this.lastPosition(tx, columns.userId, columns.listId ?? null));
    const row = await tx.task.create({ data: { ...columns, position, id, createdAt: now, updatedAt: now } });
    if (tags.length) await tx.taskTag.createMany({ data: tags.map((tag) => ({ taskId: id, tagId: tag.id })) });
    if (reminderRows.length) await tx.reminder.createMany({ data: reminderRows });
    // Built from what was just written: a re-read would cost a round trip per create.
    return {
      ...row,
      tags: tags.map((tag) => ({ taskId: id, tagId: tag.id, tag })),
      reminders: reminderRows,
      subtasks: [],
    };
  }

  /**
   * Writes a change to a locked task and bumps its version. Tags and reminders are read
   * back only when the change rewrote them (`relationsChanged`).
   */
  async update(tx: Tx, before: TaskRecord, columns: TaskColumns, relationsChanged: boolean): Promise<TaskRecord> {
    // A task moved to another list goes last in it.
    if (columns.listId !== undefined && columns.listId !== before.listId && columns.position === undefined) {
      const listId = typeof columns.listId === 'string' ? columns.listId : null;
      columns = { ...columns, position: await this.lastPosition(tx, before.userId, listId) };
    }
    const update = { where: { id: before.id }, data: { ...columns, version: { increment: 1 }, updatedAt: new Date() } };
    return relationsChanged
      ? tx.task.update({ ...update, include: taskInclude })
      : {
          ...(await tx.task.update(update)),
          tags: before.tags,
          reminders: before.reminders,
          subtasks: before.subtasks,
        };
  }

  /**
   * Serialises, until `tx` ends, every write of positions in one of the user's lists (the
   * Inbox is the list null): two writers never compute the same key.
   */
  async lockList(tx: Tx, userId: string, listId: string | null): Promise<void> {
    await tx.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(hashtextextended('tasks.position:' || $1 || ':' || $2, 0))`,
      userId,
      listId ?? 'inbox',
    );
  }

  /** A position after every task of the user's list (in `tx`, which then holds the list's lock). */
  async lastPosition(tx: Tx, userId: string, listId: string | null): Promise<string> {
    await this.lockList(tx, userId, listId);
    const last = await tx.task.findFirst({
      where: { userId, listId },
      select: { position: true },
      orderBy: [{ position: 'desc' }, { id: 'desc' }],
    });
    return generateKeyBetween(last?.position ?? null, null);
  }

  /**
   * A position for a task of the user's list next to `anchor` (a task of the same list):
   * just before it, or just after it. Only the moved task (`movingId`) gets the key: between
   * the anchor's and its nearest neighbour's with a different key (its neighbours, unless a
   * key is shared). `movingId` is undefined for a task not written yet. Locks the list for
   * the rest of `tx`.
   */
  async positionBeside(
    tx: Tx,
    anchor: { userId: string; listId: string | null; position: string },
    side: 'before' | 'after',
    movingId?: string,
  ): Promise<string> {
    await this.lockList(tx, anchor.userId, anchor.listId);
    const neighbour = await tx.task.findFirst({
      where: {
        userId: anchor.userId,
        listId: anchor.listId,
        ...(movingId ? { id: { not: movingId } } : {}),
        position: side === 'before' ? { lt: anchor.position } : { gt: anchor.position },
      },
      select: { position: true },
      orderBy: [{ position: side === 'before' ? 'desc' : 'asc' }, { id: side === 'before' ? 'desc' : 'asc' }],
    });
    const other = neighbour?.position ?? null;
    return side === 'before' ? generateKeyBetween(other, anchor.position) : generateKeyBetween(anchor.position, other);
  }

  /** Replaces the task's tags. */
  async setTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    await tx.taskTag.deleteMany({ where: { taskId } });
    if (tagIds.length) await tx.taskTag.createMany({ data: tagIds.map((tagId) => ({ taskId, tagId })) });
  }

  async addTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    await tx.taskTag.createMany({ data: tagIds.map((tagId) => ({ taskId, tagId })) });
  }

  async removeTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    await tx.taskTag.deleteMany({ where: { taskId, tagId: { in: tagIds } } });
  }

  /** Replaces the task's reminders, in the order given. */
  async setReminders(tx: Tx, taskId: string, reminders: ReminderInput[]): Promise<void> {
    await tx.reminder.deleteMany({ where: { taskId } });
    if (reminders.length) await tx.reminder.createMany({ data: this.reminderRows(taskId, reminders) });
  }

  /** Ids of the user's tasks that have the tag (deleted ones too). */
  async idsWithTag(tx: Tx, userId: string, tagId: string): Promise<string[]> {
    return ids(tx.task.findMany({ where: { userId, tags: { some: { tagId } } }, select: { id: true } }));
  }

  /** Ids of the user's tasks in the list (deleted ones too). */
  async idsInList(tx: Tx, userId: string, listId: string): Promise<string[]> {
    return ids(tx.task.findMany({ where: { userId, listId }, select: { id: true } }));
  }

  /** Ids of the open, undeleted tasks of a series created after `task`, oldest first. */
  async laterInSeries(tx: Tx, seriesId: string, task: TaskRecord): Promise<string[]> {
    return ids(
      tx.task.findMany({
        where: {
          userId: task.userId,
          OR: [{ seriesId }, { id: seriesId }],
          id: { not: task.id },
          createdAt: { gt: task.createdAt },
          status: 'open',
          deletedAt: null,
        },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      }),
    );
  }

  /** The statuses of a task's direct subtasks (not deleted), as TaskRecord carries them. */
  subtasksOf(tx: Tx, id: string): Promise<{ status: string }[]> {
    return tx.task.findMany({ where: { parentId: id, deletedAt: null }, select: { status: true } });
  }

  /** Reads a task again inside `tx` (after its subtasks changed, for their progress). */
  reread(tx: Tx, id: string): Promise<TaskRecord> {
    return tx.task.findUniqueOrThrow({ where: { id }, include: taskInclude });
  }

  /**
   * The task and its ancestors, nearest first (the task itself, its parent, ...). Bounded:
   * a chain longer than `limit` is cut there (the use cases never let one grow that long).
   */
  async ancestry(tx: Tx, userId: string, id: string, limit = 10): Promise<string[]> {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 1 FROM tasks WHERE id = $1::uuid AND user_id = $2::uuid
         UNION ALL
         SELECT t.id, t.parent_id, up.depth + 1 FROM tasks t JOIN up ON t.id = up.parent_id WHERE up.depth < $3
       ) SELECT id::text FROM up ORDER BY depth`,
      id,
      userId,
      limit,
    );
    return rows.map((r) => r.id);
  }

  /**
   * The task's descendants (deleted ones too), each with its depth below the task (1 for a
   * subtask), parents before their subtasks.
   */
  async descendants(tx: Tx, userId: string, id: string): Promise<{ id: string; depth: number }[]> {
    return tx.$queryRawUnsafe<{ id: string; depth: number }[]>(
      `WITH RECURSIVE down(id, depth) AS (
         SELECT id, 1 FROM tasks WHERE parent_id = $1::uuid AND user_id = $2::uuid
         UNION ALL
         SELECT t.id, down.depth + 1 FROM tasks t JOIN down ON t.parent_id = down.id WHERE down.depth < 10
       ) SELECT id::text, depth FROM down ORDER BY depth, id`,
      id,
      userId,
    );
  }

  /** The task's subtasks at any depth, not deleted, parents before their subtasks. */
  async subtree(tx: Tx, userId: string, id: string): Promise<TaskRecord[]> {
    const ids = (await this.descendants(tx, userId, id)).map((d) => d.id);
    if (!ids.length) return [];
    const rows = await tx.task.findMany({ where: { id: { in: ids }, deletedAt: null }, include: taskInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((i) => byId.get(i)).filter((r): r is TaskRecord => Boolean(r));
  }

  /** True when the occurrence with this key has been created already. */
  async hasOccurrence(tx: Tx, occurrenceKey: string): Promise<boolean> {
    return (await tx.task.findUnique({ where: { occurrenceKey }, select: { id: true } })) !== null;
  }

  async hasRequest(tx: Tx, requestKey: string): Promise<boolean> {
    return (await tx.task.findUnique({ where: { requestKey }, select: { id: true } })) !== null;
  }

  /** The user's open tasks that have a due date, soonest first (the calendar feed's). */
  openDue(userId: string, limit = FEED_LIMIT): Promise<TaskRecord[]> {
    return this.db.task.findMany({
      where: { userId, status: 'open', deletedAt: null, dueAt: { not: null } },
      include: taskInclude,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /** Every task of the user's not in the trash, oldest first (their export). */
  allOf(userId: string): Promise<TaskRecord[]> {
    return this.db.task.findMany({
      where: { userId, deletedAt: null },
      include: taskInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Deletes every task of the user's (their tags and reminders cascade). */
  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.task.deleteMany({ where: { userId } });
  }

  private reminderRows(taskId: string, reminders: ReminderInput[]) {
    return reminders.map((r, position) => ({
      id: randomUUID(),
      taskId,
      type: r.type,
      at: r.type === 'absolute' ? new Date(r.at) : null,
      minutesBefore: r.type === 'relative' ? r.minutesBefore : null,
      position,
    }));
  }
}

/** A feed past this many events is more than any calendar app shows usefully. */
const FEED_LIMIT = 2000;

const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);
