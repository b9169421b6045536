import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { generateKeyBetween } from 'fractional-indexing';
import type { Prisma, Tag } from '../generated/prisma/client';
import type { ReminderInput } from '../domain/task-input';
import { taskInclude, type TaskRecord } from '../domain/task-view';
import type { SqlStatement } from '@daybook/service-kit';
import type { Database, Tx } from './database';
import { columnOf, insertRow } from './rows';

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
  async find(userId: string, id: string): Promise<TaskRecord | null> {
    // The API's hottest read: one raw statement, as lock's, without the lock.
    const [row] = await this.db.sql.$queryRawUnsafe<LockedRow[]>(READ, id, userId);
    return row ? recordOf(row) : null;
  }

  /** The user's tasks with these ids, in the order of `ids` (missing ones left out). */
  async findMany(userId: string, ids: string[], tx?: Tx): Promise<TaskRecord[]> {
    const rows = await (tx ?? this.db.sql).$queryRawUnsafe<LockedRow[]>(READ_MANY, ids, userId);
    const byId = new Map(rows.map((r) => [r.id, recordOf(r)]));
    return ids.map((id) => byId.get(id)).filter((r): r is TaskRecord => Boolean(r));
  }

  /**
   * Locks the user's task for the rest of `tx` and reads it: concurrent writers queue here
   * instead of both passing their checks. NotFound when the user has no such task.
   */
  async lock(tx: Tx, userId: string, id: string): Promise<TaskRecord> {
    // One statement locks the row and reads it with its tags, reminders and subtasks' statuses
    // (the hot path of every change: it was a lock and then Prisma's read, two round trips).
    const [row] = await tx.$queryRawUnsafe<LockedRow[]>(LOCK_AND_READ, id, userId);
    if (!row) throw new NotFound('task');
    return recordOf(row);
  }

  /**
   * The statement that writes a change to a locked task (bumping its version, stamping
   * `updatedAt`), and the task as it will be after it, computed from `before` instead of
   * read back: for `publishAlong`, which runs it in one statement with the event's outbox
   * row. Undefined when the change is not plain column values (the caller then uses `update`).
   */
  updateStatement(
    before: TaskRecord,
    columns: TaskColumns,
    updatedAt: Date,
  ): { statement: SqlStatement; after: TaskRecord } | undefined {
    // A task moved to another list goes last there: `update` finds that place.
    if (columns.listId !== undefined && columns.listId !== before.listId && columns.position === undefined)
      return undefined;
    const params: unknown[] = [before.id];
    const sets: string[] = [];
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(columns)) {
      if (value === undefined) continue;
      const type = COLUMN_TYPES[field];
      const plain = value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value);
      if (!type || !plain) return undefined;
      params.push(value);
      sets.push(`${columnOf(field)} = $${params.length}::${type}`);
      changed[field] = value;
    }
    params.push(updatedAt);
    sets.push(`version = version + 1, updated_at = $${params.length}::timestamptz`);
    return {
      // RETURNING the subtasks' statuses too, read by this statement (after the lock): the
      // task's own lock-and-read may have waited on the lock with an older snapshot, and a
      // delete goes on to its subtree only when there is one (see deleteTask).
      statement: {
        sql: `UPDATE tasks SET ${sets.join(', ')} WHERE id = $1::uuid RETURNING version, ${SUBTASK_STATUSES('tasks')}`,
        params,
      },
      after: { ...before, ...changed, version: before.version + 1, updatedAt } as TaskRecord,
    };
  }

  /** Writes a new task with its tags and reminders; returns it as written (no re-read). */
  async insert(tx: Tx, columns: NewTask, tags: Tag[], reminders: ReminderInput[]): Promise<TaskRecord> {
    const position = columns.position ?? (await this.lastPosition(tx, columns.userId, columns.listId ?? null));
    const { statement, task } = this.insertStatement({ ...columns, position }, tags, reminders);
    await tx.$executeRawUnsafe(statement.sql, ...statement.params);
    await this.insertRelations(tx, task);
    // Built from what was just written: a re-read would cost a round trip per create.
    return task;
  }

  /**
   * A new task as it will be written (its id, defaults and timestamps filled in), and the
   * statement that inserts its row: for `publishAlong`, which runs it in one statement with
   * the created event's outbox row. Its tags and reminders follow with `insertRelations`.
   */
  insertStatement(
    columns: NewTask,
    tags: Tag[],
    reminders: ReminderInput[],
  ): { statement: SqlStatement; task: TaskRecord } {
    const id = randomUUID();
    const now = new Date();
    const values = { ...NEW_TASK_DEFAULTS, ...withoutUndefined(columns), id, createdAt: now, updatedAt: now };
    const names: string[] = [];
    const placeholders: string[] = [];
    const params: unknown[] = [];
    for (const [field, value] of Object.entries(values)) {
      const type = COLUMN_TYPES[field] ?? INSERT_ONLY_TYPES[field];
      if (!type) throw new Error(`task column ${field} has no SQL type`);
      params.push(value);
      names.push(columnOf(field));
      placeholders.push(`$${params.length}::${type}`);
    }
    return {
      statement: {
        sql: `INSERT INTO tasks (${names.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING version`,
        params,
      },
      task: {
        ...(values as Omit<TaskRecord, 'tags' | 'reminders' | 'subtasks'>),
        tags: tags.map((tag) => ({ taskId: id, tagId: tag.id, tag })),
        reminders: this.reminderRows(id, reminders),
        subtasks: [],
      },
    };
  }

  /** Writes a new task's tags and reminders (after its row: see insertStatement). */
  async insertRelations(tx: Tx, task: TaskRecord): Promise<void> {
    await this.addTags(
      tx,
      task.id,
      task.tags.map(({ tagId }) => tagId),
    );
    await this.insertReminders(tx, task.reminders);
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
    const change = this.updateStatement(before, columns, new Date());
    if (!change) throw new Error(`a change of task ${before.id} is not plain column values`);
    const [written] = await tx.$queryRawUnsafe<{ subtasks: Json<{ status: string }[]> }[]>(
      change.statement.sql,
      ...change.statement.params,
    );
    if (!written) throw new Error(`task ${before.id} was not updated as locked`);
    // Rewritten tags and reminders are read back; otherwise they are the locked read's.
    return relationsChanged ? this.reread(tx, before.id) : { ...change.after, subtasks: json(written.subtasks) };
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
    // Every create reads it: raw, on the (user_id, list_id, position) index, deleted tasks included.
    const [last] = await tx.$queryRawUnsafe<{ position: string }[]>(
      listId === null ? LAST_POSITION_IN_INBOX : LAST_POSITION_IN_LIST,
      userId,
      ...(listId === null ? [] : [listId]),
    );
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
    const order = side === 'before' ? 'DESC' : 'ASC';
    const [neighbour] = await tx.$queryRawUnsafe<{ position: string }[]>(
      `SELECT position FROM tasks
        WHERE user_id = $1::uuid AND list_id IS NOT DISTINCT FROM $2::uuid AND id IS DISTINCT FROM $3::uuid
          AND position ${side === 'before' ? '<' : '>'} $4
        ORDER BY position ${order}, id ${order} LIMIT 1`,
      anchor.userId,
      anchor.listId,
      movingId ?? null,
      anchor.position,
    );
    const other = neighbour?.position ?? null;
    return side === 'before' ? generateKeyBetween(other, anchor.position) : generateKeyBetween(anchor.position, other);
  }

  /** Replaces the task's tags. */
  async setTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM task_tags WHERE task_id = $1::uuid', taskId);
    await this.addTags(tx, taskId, tagIds);
  }

  async addTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    if (!tagIds.length) return;
    await tx.$executeRawUnsafe(
      'INSERT INTO task_tags (task_id, tag_id) SELECT $1::uuid, unnest($2::uuid[])',
      taskId,
      tagIds,
    );
  }

  async removeTags(tx: Tx, taskId: string, tagIds: string[]): Promise<void> {
    await tx.$executeRawUnsafe(
      'DELETE FROM task_tags WHERE task_id = $1::uuid AND tag_id = ANY($2::uuid[])',
      taskId,
      tagIds,
    );
  }

  /** Replaces the task's reminders, in the order given. */
  async setReminders(tx: Tx, taskId: string, reminders: ReminderInput[]): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM reminders WHERE task_id = $1::uuid', taskId);
    await this.insertReminders(tx, this.reminderRows(taskId, reminders));
  }

  /** Ids of the user's tasks that have the tag (deleted ones too). */
  async idsWithTag(tx: Tx, userId: string, tagId: string): Promise<string[]> {
    return ids(
      tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT t.id::text FROM tasks t JOIN task_tags tt ON tt.task_id = t.id
          WHERE t.user_id = $1::uuid AND tt.tag_id = $2::uuid`,
        userId,
        tagId,
      ),
    );
  }

  /** Ids of the user's tasks in the list (deleted ones too). */
  async idsInList(tx: Tx, userId: string, listId: string): Promise<string[]> {
    return ids(
      tx.$queryRawUnsafe<{ id: string }[]>(
        'SELECT id::text FROM tasks WHERE user_id = $1::uuid AND list_id = $2::uuid',
        userId,
        listId,
      ),
    );
  }

  /** Ids of the open, undeleted tasks of a series created after `task`, oldest first. */
  async laterInSeries(tx: Tx, seriesId: string, task: TaskRecord): Promise<string[]> {
    return ids(
      tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id::text FROM tasks
          WHERE user_id = $1::uuid AND (series_id = $2::uuid OR id = $2::uuid) AND id <> $3::uuid
            AND created_at > $4::timestamptz AND status = 'open' AND deleted_at IS NULL
          ORDER BY created_at`,
        task.userId,
        seriesId,
        task.id,
        task.createdAt,
      ),
    );
  }

  /** The statuses of a task's direct subtasks (not deleted), as TaskRecord carries them. */
  subtasksOf(tx: Tx, id: string): Promise<{ status: string }[]> {
    return tx.$queryRawUnsafe<{ status: string }[]>(
      'SELECT status FROM tasks WHERE parent_id = $1::uuid AND deleted_at IS NULL',
      id,
    );
  }

  /** Reads a task again inside `tx` (after its subtasks changed, for their progress). */
  async reread(tx: Tx, id: string): Promise<TaskRecord> {
    const [row] = await tx.$queryRawUnsafe<LockedRow[]>(READ_BY_ID, id);
    if (!row) throw new Error(`task ${id} is gone from its own transaction`);
    return recordOf(row);
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
    return (await this.findMany(userId, ids, tx)).filter((t) => t.deletedAt === null);
  }

  /** True when the occurrence with this key has been created already. */
  async hasOccurrence(tx: Tx, occurrenceKey: string): Promise<boolean> {
    return (
      (await tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM tasks WHERE occurrence_key = $1', occurrenceKey)).length > 0
    );
  }

  async hasRequest(tx: Tx, requestKey: string): Promise<boolean> {
    return (await tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM tasks WHERE request_key = $1', requestKey)).length > 0;
  }

  /** The user's open tasks that have a due date, soonest first (the calendar feed's). */
  openDue(userId: string, limit = FEED_LIMIT): Promise<TaskRecord[]> {
    return this.db.prisma.task.findMany({
      where: { userId, status: 'open', deletedAt: null, dueAt: { not: null } },
      include: taskInclude,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /** Every task of the user's not in the trash, oldest first (their export). */
  allOf(userId: string): Promise<TaskRecord[]> {
    return this.db.prisma.task.findMany({
      where: { userId, deletedAt: null },
      include: taskInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Deletes every task of the user's (their tags and reminders cascade). */
  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM tasks WHERE user_id = $1::uuid', userId);
  }

  private async insertReminders(tx: Tx, rows: TaskRecord['reminders']): Promise<void> {
    for (const row of rows) await insertRow(tx, 'reminders', row);
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

/** The SQL type of each task column a plain change may set (the others go through Prisma). */
const COLUMN_TYPES: Record<string, string> = {
  title: 'text',
  notes: 'text',
  status: 'text',
  priority: 'text',
  listId: 'uuid',
  dueDate: 'text',
  dueDateTime: 'text',
  dueTimeZone: 'text',
  dueAt: 'timestamptz',
  recurrenceRule: 'text',
  recurrenceMode: 'text',
  recurrenceMissed: 'text',
  recurrenceExdates: 'text[]',
  seriesId: 'uuid',
  parentId: 'uuid',
  position: 'text',
  completedAt: 'timestamptz',
  deletedAt: 'timestamptz',
};

/** Columns only an insert writes (a change never sets them). */
const INSERT_ONLY_TYPES: Record<string, string> = {
  id: 'uuid',
  userId: 'uuid',
  occurrenceKey: 'text',
  requestKey: 'text',
  version: 'int',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
};

/** What the table's defaults give a new task's columns (prisma/tasks/schema.prisma). */
const NEW_TASK_DEFAULTS = {
  notes: '',
  status: 'open',
  priority: 'none',
  listId: null,
  dueDate: null,
  dueDateTime: null,
  dueTimeZone: null,
  dueAt: null,
  recurrenceRule: null,
  recurrenceMode: null,
  recurrenceMissed: null,
  recurrenceExdates: [] as string[],
  seriesId: null,
  parentId: null,
  occurrenceKey: null,
  requestKey: null,
  version: 1,
  completedAt: null,
  deletedAt: null,
};

const withoutUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The last position in one of a user's lists (the Inbox is list_id NULL). */
const LAST_POSITION_IN_LIST = `SELECT position FROM tasks WHERE user_id = $1::uuid AND list_id = $2::uuid
  ORDER BY position DESC, id DESC LIMIT 1`;
const LAST_POSITION_IN_INBOX = `SELECT position FROM tasks WHERE user_id = $1::uuid AND list_id IS NULL
  ORDER BY position DESC, id DESC LIMIT 1`;

/** The statuses of the task's subtasks that are not deleted (TaskRecord's `subtasks`). */
const SUBTASK_STATUSES = (task: string) => `(SELECT coalesce(json_agg(json_build_object('status', s.status)), '[]')
            FROM tasks s WHERE s.parent_id = ${task}.id AND s.deleted_at IS NULL) AS subtasks`;

/** Reads tasks as TaskRecord carries them (see recordOf). */
const READ_COLUMNS = `
  SELECT t.id::text, t.user_id::text, t.title, t.notes, t.status, t.priority, t.list_id::text,
         t.due_date, t.due_date_time, t.due_time_zone, t.due_at, t.recurrence_rule, t.recurrence_mode,
         t.recurrence_missed, t.recurrence_exdates, t.series_id::text, t.parent_id::text,
         t.occurrence_key, t.request_key, t.position, t.version, t.created_at, t.updated_at, t.completed_at, t.deleted_at,
         (SELECT coalesce(json_agg(json_build_object(
                   'taskId', tt.task_id, 'tagId', tt.tag_id,
                   'tag', json_build_object('id', g.id, 'userId', g.user_id, 'name', g.name, 'color', g.color,
                                            'position', g.position, 'createdAt', g.created_at))), '[]')
            FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id) AS tags,
         (SELECT coalesce(json_agg(json_build_object(
                   'id', r.id, 'taskId', r.task_id, 'type', r.type, 'at', r.at,
                   'minutesBefore', r.minutes_before, 'position', r.position) ORDER BY r.position), '[]')
            FROM reminders r WHERE r.task_id = t.id) AS reminders,
         ${SUBTASK_STATUSES('t')}
    FROM tasks t`;
const READ = `${READ_COLUMNS} WHERE t.id = $1::uuid AND t.user_id = $2::uuid`;
/** The user's tasks with these ids ($1, an array). */
const READ_MANY = `${READ_COLUMNS} WHERE t.id = ANY($1::uuid[]) AND t.user_id = $2::uuid`;
/** A task by its id alone: for a transaction that has checked the user already. */
const READ_BY_ID = `${READ_COLUMNS} WHERE t.id = $1::uuid`;

/** Locks the user's task and reads it (see READ). */
const LOCK_AND_READ = `${READ} FOR UPDATE OF t`;

export type Json<T> = T | string;
interface LockedRow {
  id: string;
  user_id: string;
  title: string;
  notes: string;
  status: string;
  priority: string;
  list_id: string | null;
  due_date: string | null;
  due_date_time: string | null;
  due_time_zone: string | null;
  due_at: Date | string | null;
  recurrence_rule: string | null;
  recurrence_mode: string | null;
  recurrence_missed: string | null;
  recurrence_exdates: string[];
  series_id: string | null;
  parent_id: string | null;
  occurrence_key: string | null;
  request_key: string | null;
  position: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
  deleted_at: Date | string | null;
  tags: Json<
    {
      taskId: string;
      tagId: string;
      tag: { id: string; userId: string; name: string; color: string | null; position: number; createdAt: string };
    }[]
  >;
  reminders: Json<
    { id: string; taskId: string; type: string; at: string | null; minutesBefore: number | null; position: number }[]
  >;
  subtasks: Json<{ status: string }[]>;
}

export const json = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: Date | string | null) => (v === null ? null : date(v));

/** A locked row as Prisma would have read it with `taskInclude`. */
function recordOf(r: LockedRow): TaskRecord {
  return {
    id: r.id,
    userId: r.user_id,
    title: r.title,
    notes: r.notes,
    status: r.status,
    priority: r.priority,
    listId: r.list_id,
    dueDate: r.due_date,
    dueDateTime: r.due_date_time,
    dueTimeZone: r.due_time_zone,
    dueAt: dateOrNull(r.due_at),
    recurrenceRule: r.recurrence_rule,
    recurrenceMode: r.recurrence_mode,
    recurrenceMissed: r.recurrence_missed,
    recurrenceExdates: r.recurrence_exdates,
    seriesId: r.series_id,
    parentId: r.parent_id,
    occurrenceKey: r.occurrence_key,
    requestKey: r.request_key,
    position: r.position,
    version: r.version,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    completedAt: dateOrNull(r.completed_at),
    deletedAt: dateOrNull(r.deleted_at),
    tags: json(r.tags).map((t) => ({ ...t, tag: { ...t.tag, createdAt: date(t.tag.createdAt) } })),
    reminders: json(r.reminders).map((m) => ({ ...m, at: dateOrNull(m.at) })),
    subtasks: json(r.subtasks),
  };
}

/** A feed past this many events is more than any calendar app shows usefully. */
const FEED_LIMIT = 2000;

const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);
