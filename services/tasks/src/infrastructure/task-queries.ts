import { encodeCursor, sortOf, type Cursor, type ListQuery } from '../domain/list-query';
import type { Database } from './database';

/** How each sort orders tasks: a non-null SQL key (ties broken by id) and its default direction. */
const SORT_KEYS = {
  // Tasks without a due date come last in ascending order (infinity), first in descending.
  due: {
    asc: `COALESCE(t.due_at, 'infinity'::timestamptz)`,
    desc: `COALESCE(t.due_at, '-infinity'::timestamptz)`,
    cast: 'timestamptz',
    order: 'asc',
  },
  priority: {
    asc: `(CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`,
    desc: `(CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`,
    cast: 'int',
    order: 'desc',
  },
  created: { asc: 't.created_at', desc: 't.created_at', cast: 'timestamptz', order: 'desc' },
  updated: { asc: 't.updated_at', desc: 't.updated_at', cast: 'timestamptz', order: 'desc' },
  title: { asc: 'lower(t.title)', desc: 'lower(t.title)', cast: 'text', order: 'asc' },
  // ts_rank is a real: a cursor's key read back as a double would differ from the rank it
  // came from in the last digits, and ascending pages would repeat a task.
  relevance: { asc: 'ts_rank(t.search, query)', desc: 'ts_rank(t.search, query)', cast: 'real', order: 'desc' },
  // The person's order within a list: keys compare byte by byte (the column is COLLATE "C").
  position: { asc: 't.position', desc: 't.position', cast: 'text COLLATE "C"', order: 'asc' },
} as const;

/** Bounds on the due instant beyond a listing's own filters (the Today and Upcoming views). */
export interface DueWindow {
  dueAfter?: Date;
  dueBefore?: Date;
}

/** One page of task ids, and the cursor of the next page (null on the last). */
export interface TaskIdPage {
  ids: string[];
  nextCursor: string | null;
}

/** Searches over the users' tasks (read-only). */
export class TaskQueries {
  constructor(private readonly db: Database) {}

  /**
   * Ids of one page of the user's tasks matching the filters, in order, and the cursor of
   * the next page. Keyset pagination: a page starts after the previous page's last
   * (sort key, id), so concurrent inserts never shift or repeat items.
   */
  pageOfIds(userId: string, q: ListQuery, extra: DueWindow = {}): Promise<TaskIdPage> {
    return pageOfIds(this.db, userId, q, extra);
  }

  /**
   * How many open (not deleted) tasks the user has: without a list, due by `endOfToday`,
   * due after it up to `endOfWindow`, and per list and per tag (those with none are left out).
   */
  async openCounts(userId: string, window: { endOfToday: Date; endOfWindow: Date }): Promise<OpenCounts> {
    const open = `t.user_id = $1::uuid AND t.status = 'open' AND t.deleted_at IS NULL`;
    const [views, lists, tags] = await Promise.all([
      this.db.$queryRawUnsafe<{ inbox: number; today: number; upcoming: number }[]>(
        `SELECT count(*) FILTER (WHERE t.list_id IS NULL)::int AS inbox,
                count(*) FILTER (WHERE t.due_at <= $2::timestamptz)::int AS today,
                count(*) FILTER (WHERE t.due_at > $2::timestamptz AND t.due_at <= $3::timestamptz)::int AS upcoming
           FROM tasks t WHERE ${open}`,
        userId,
        window.endOfToday,
        window.endOfWindow,
      ),
      this.db.$queryRawUnsafe<{ id: string; count: number }[]>(
        `SELECT t.list_id::text AS id, count(*)::int AS count FROM tasks t
          WHERE ${open} AND t.list_id IS NOT NULL GROUP BY t.list_id`,
        userId,
      ),
      this.db.$queryRawUnsafe<{ id: string; count: number }[]>(
        `SELECT tt.tag_id::text AS id, count(*)::int AS count FROM tasks t JOIN task_tags tt ON tt.task_id = t.id
          WHERE ${open} GROUP BY tt.tag_id`,
        userId,
      ),
    ]);
    return { ...views[0]!, lists, tags };
  }
}

export interface OpenCounts {
  inbox: number;
  today: number;
  upcoming: number;
  lists: { id: string; count: number }[];
  tags: { id: string; count: number }[];
}

async function pageOfIds(db: Database, userId: string, q: ListQuery, extra: DueWindow = {}): Promise<TaskIdPage> {
  const params: unknown[] = [userId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['t.user_id = $1::uuid'];
  if (!q.includeDeleted) where.push('t.deleted_at IS NULL');
  if (q.status) where.push(`t.status = ${p(q.status)}`);
  if (q.priority) where.push(`t.priority = ANY(${p(q.priority)}::text[])`);
  if (q.listId === 'none') where.push('t.list_id IS NULL');
  else if (q.listId) where.push(`t.list_id = ${p(q.listId)}::uuid`);
  if (q.seriesId) {
    const series = p(q.seriesId);
    where.push(`(t.series_id = ${series}::uuid OR t.id = ${series}::uuid)`);
  }
  if (q.parentId) where.push(`t.parent_id = ${p(q.parentId)}::uuid`);
  if (q.topLevel !== undefined) where.push(`t.parent_id IS ${q.topLevel ? '' : 'NOT '}NULL`);
  if (q.tagIds) {
    const ids = p(q.tagIds);
    where.push(
      q.tagMode === 'all'
        ? `(SELECT count(*) FROM task_tags tt WHERE tt.task_id = t.id AND tt.tag_id = ANY(${ids}::uuid[])) = ${p(q.tagIds.length)}`
        : `EXISTS (SELECT 1 FROM task_tags tt WHERE tt.task_id = t.id AND tt.tag_id = ANY(${ids}::uuid[]))`,
    );
  }
  if (q.dueFrom) where.push(`t.due_at >= ${p(q.dueFrom)}::timestamptz`);
  if (q.dueTo) where.push(`t.due_at <= ${p(q.dueTo)}::timestamptz`);
  if (extra.dueAfter) where.push(`t.due_at > ${p(extra.dueAfter)}::timestamptz`);
  if (extra.dueBefore) where.push(`t.due_at <= ${p(extra.dueBefore)}::timestamptz`);
  if (q.overdue !== undefined) {
    // "Now" is this service's clock, like every other time it compares, not the database's.
    const now = p(new Date());
    where.push(
      q.overdue
        ? `(t.status = 'open' AND t.due_at < ${now}::timestamptz)`
        : `NOT (t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < ${now}::timestamptz)`,
    );
  }
  if (q.hasReminder !== undefined) {
    where.push(`${q.hasReminder ? '' : 'NOT '}EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id)`);
  }
  if (q.recurring !== undefined) where.push(`t.recurrence_rule IS ${q.recurring ? 'NOT ' : ''}NULL`);
  const from = q.q ? `tasks t, websearch_to_tsquery('english', ${p(q.q)}) query` : 'tasks t';
  if (q.q) where.push('t.search @@ query');

  const sort = SORT_KEYS[sortOf(q)];
  const order = q.order ?? sort.order;
  const key = sort[order];
  if (q.cursor) {
    // The query schema has checked that the cursor's key has this sort's type.
    const cmp = order === 'asc' ? '>' : '<';
    where.push(`(${key}, t.id) ${cmp} (${p(q.cursor.k)}::${sort.cast}, ${p(q.cursor.id)}::uuid)`);
  }
  const dir = order.toUpperCase();
  const sql = `SELECT t.id::text AS id, (${key})::text AS k FROM ${from}
    WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, t.id ${dir} LIMIT ${p(q.limit + 1)}`;
  const rows = await db.$queryRawUnsafe<{ id: string; k: string }[]>(sql, ...params);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const next: Cursor | undefined =
    rows.length > q.limit && last
      ? { k: sort.cast === 'int' || sort.cast === 'real' ? Number(last.k) : last.k, id: last.id }
      : undefined;
  return { ids: page.map((r) => r.id), nextCursor: next ? encodeCursor(next) : null };
}
