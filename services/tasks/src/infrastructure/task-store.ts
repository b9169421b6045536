import { randomUUID } from 'node:crypto';
import type { EventContract, EventData, SeriesScope, TaskSnapshot } from '@daybook/contracts';
import {
  occurrenceRequested,
  taskCompleted,
  taskCreated,
  taskDeleted,
  taskReopened,
  taskRestored,
  taskUpdated,
} from '@daybook/contracts';
import {
  badRequest,
  conflict,
  fieldProblems,
  notFound,
  type FieldProblem,
  type ServiceKit,
} from '@daybook/service-kit';
import type { Prisma, SeriesTemplate, Tag } from '../generated/prisma/client';
import { computeDueAt, type Due } from '../domain/due';
import { seriesEnd, type CreateTaskInput, type UpdateTaskInput } from '../domain/task-input';
import { taskInclude, toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Database } from './database';

type Tx = Prisma.TransactionClient;

/** What one write changes: the task's columns, and whether it rewrote tags or reminders. */
interface Change {
  data: Prisma.TaskUncheckedUpdateInput;
  relationsChanged?: boolean;
  /** Fields the event carries besides before and after (an edit's series scope). */
  eventExtra?: { scope: SeriesScope };
}

/** The template changes a "this and future" edit makes: only the fields it edits. */
function templateChanges(input: Omit<UpdateTaskInput, 'due'>): Prisma.SeriesTemplateUpdateInput {
  const data: Prisma.SeriesTemplateUpdateInput = { updatedAt: new Date() };
  if (input.title !== undefined) data.title = input.title;
  if (input.notes !== undefined) data.notes = input.notes;
  if (input.priority !== undefined) data.priority = input.priority;
  if (input.listId !== undefined) data.listId = input.listId;
  if (input.tagIds !== undefined) data.tagIds = input.tagIds;
  if (input.reminders !== undefined) {
    data.reminderMinutes = input.reminders.flatMap((r) => (r.type === 'relative' ? [r.minutesBefore] : []));
  }
  if (input.recurrence !== undefined) {
    data.recurrenceRule = input.recurrence?.rrule ?? null;
    data.recurrenceMode = input.recurrence?.mode ?? null;
    data.recurrenceMissed = input.recurrence?.missed ?? null;
    data.recurrenceExdates = input.recurrence?.exdates ?? [];
  }
  return data;
}

/** What the next occurrences of a series copy from `task` (everything but its due date). */
function templateOf(task: TaskRecord) {
  return {
    userId: task.userId,
    title: task.title,
    notes: task.notes,
    priority: task.priority,
    listId: task.listId,
    tagIds: task.tags.map((t) => t.tagId),
    reminderMinutes: task.reminders.filter((r) => r.type === 'relative').map((r) => r.minutesBefore!),
    recurrenceRule: task.recurrenceRule,
    recurrenceMode: task.recurrenceMode,
    recurrenceMissed: task.recurrenceMissed,
    recurrenceExdates: task.recurrenceExdates,
    latestTaskId: task.id,
    updatedAt: new Date(),
  };
}

/**
 * Transaction timeout of a write that changes many tasks at once (a series edit for "this
 * and future", a tag or list rename or deletion); single-task writes keep Prisma's 5 s.
 */
export const MANY_TASKS_TIMEOUT_MS = 60_000;

/** Soft-deleted tasks can be restored for this long. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const DEFAULT_TIME_ZONE = 'UTC';

/**
 * Every write to a task: one database transaction that checks ownership and the expected
 * version, applies the change, bumps the version, and writes exactly one event (with the
 * task before and after) to the outbox.
 */
export class TaskStore {
  constructor(
    private readonly db: Database,
    private readonly kit: ServiceKit,
  ) {}

  async get(userId: string, id: string): Promise<TaskRecord | null> {
    return this.db.task.findFirst({ where: { id, userId }, include: taskInclude });
  }

  async getMany(userId: string, ids: string[]): Promise<TaskRecord[]> {
    const rows = await this.db.task.findMany({ where: { id: { in: ids }, userId }, include: taskInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is TaskRecord => Boolean(r));
  }

  async timeZoneOf(userId: string, tx: Tx | Database = this.db): Promise<string> {
    return (await tx.userSettings.findUnique({ where: { userId } }))?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  async create(userId: string, input: CreateTaskInput): Promise<TaskRecord> {
    return this.db.$transaction(async (tx) => {
      const tags = await this.checkReferences(tx, userId, input.tagIds, input.listId);
      const id = randomUUID();
      const now = new Date();
      const due = input.due ?? null;
      const reminders = this.reminderRows(input.reminders ?? []).map((r) => ({ ...r, taskId: id }));
      const row = await tx.task.create({
        data: {
          id,
          userId,
          title: input.title,
          notes: input.notes ?? '',
          priority: input.priority ?? 'none',
          listId: input.listId ?? null,
          ...(await this.dueColumns(tx, userId, due)),
          recurrenceRule: input.recurrence?.rrule ?? null,
          recurrenceMode: input.recurrence?.mode ?? null,
          recurrenceMissed: input.recurrence?.missed ?? null,
          recurrenceExdates: input.recurrence?.exdates ?? [],
          createdAt: now,
          updatedAt: now,
        },
      });
      if (tags.length) await tx.taskTag.createMany({ data: tags.map((tag) => ({ taskId: id, tagId: tag.id })) });
      if (reminders.length) await tx.reminder.createMany({ data: reminders });
      // Built from what was just written: a re-read would cost a round trip per create.
      const task: TaskRecord = { ...row, tags: tags.map((tag) => ({ taskId: id, tagId: tag.id, tag })), reminders };
      if (task.recurrenceRule) await tx.seriesTemplate.create({ data: { seriesId: id, ...templateOf(task) } });
      await this.kit.publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: id });
      return task;
    });
  }

  /**
   * The next occurrence of a series, asked for by the recurring service: a copy of the
   * series template with the occurrence's due date, linked to the series. Runs in the
   * event's transaction; an occurrence key seen before creates nothing.
   */
  async createOccurrence(tx: Tx, request: EventData<typeof occurrenceRequested>): Promise<TaskRecord | undefined> {
    const existing = await tx.task.findUnique({ where: { occurrenceKey: request.occurrenceKey } });
    if (existing) return undefined;
    const template = await tx.seriesTemplate.findFirst({
      where: { seriesId: request.seriesId, userId: request.userId },
    });
    if (!template) return undefined;
    // Tags or a list deleted since the template was written are left out, not an error.
    const tags = await tx.tag.findMany({ where: { id: { in: template.tagIds }, userId: template.userId } });
    const list = template.listId
      ? await tx.list.findFirst({ where: { id: template.listId, userId: template.userId }, select: { id: true } })
      : null;
    const id = randomUUID();
    const now = new Date();
    // Reminders relative to the due date carry over; absolute ones belonged to one occurrence.
    const reminders = template.reminderMinutes.map((minutesBefore, position) => ({
      id: randomUUID(),
      taskId: id,
      type: 'relative',
      at: null,
      minutesBefore,
      position,
    }));
    const row = await tx.task.create({
      data: {
        id,
        userId: template.userId,
        title: template.title,
        notes: template.notes,
        priority: template.priority,
        listId: list?.id ?? null,
        ...(await this.dueColumns(tx, template.userId, request.due)),
        recurrenceRule: template.recurrenceRule,
        recurrenceMode: template.recurrenceMode,
        recurrenceMissed: template.recurrenceMissed,
        recurrenceExdates: template.recurrenceExdates,
        seriesId: request.seriesId,
        occurrenceKey: request.occurrenceKey,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (tags.length) await tx.taskTag.createMany({ data: tags.map((tag) => ({ taskId: id, tagId: tag.id })) });
    if (reminders.length) await tx.reminder.createMany({ data: reminders });
    await tx.seriesTemplate.update({ where: { seriesId: request.seriesId }, data: { latestTaskId: id } });
    const task: TaskRecord = { ...row, tags: tags.map((tag) => ({ taskId: id, tagId: tag.id, tag })), reminders };
    await this.kit.publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: id });
    return task;
  }

  /**
   * Edits a task. For a task in a series, `scope` says how far the edit reaches: `this`
   * occurrence only, or `future`: this one, the later occurrences that exist (each keeps its
   * own due date) and the template every next one is copied from. Without a scope, an edit
   * of the latest occurrence is `future` and an edit of an older one is `this`.
   */
  update(
    userId: string,
    id: string,
    expectedVersion: number,
    input: UpdateTaskInput,
    scope?: SeriesScope,
  ): Promise<TaskRecord> {
    return this.db.$transaction(
      async (tx) => {
        let template: SeriesTemplate | null = null;
        let effective: SeriesScope | undefined;
        const task = await this.mutate(
          userId,
          id,
          expectedVersion,
          taskUpdated,
          async (tx, before) => {
            // Only an occurrence, or a task with a rule, can belong to a series: other edits
            // skip the lookup.
            if (before.seriesId || before.recurrenceRule) {
              template = await tx.seriesTemplate.findFirst({
                where: { seriesId: before.seriesId ?? before.id, userId },
              });
            }
            effective = template ? (scope ?? (template.latestTaskId === id ? 'future' : 'this')) : undefined;
            if (effective === 'this' && input.recurrence !== undefined) {
              throw badRequest('body.recurrence', 'the rule belongs to the whole series; change it with scope=future');
            }
            if (effective === 'future' && template!.latestTaskId !== id && input.due !== undefined) {
              throw badRequest(
                'body.due',
                'only the latest occurrence moves the series; move an older one with scope=this',
              );
            }
            const change = await this.edit(tx, userId, id, before, input);
            return effective ? { ...change, eventExtra: { scope: effective } } : change;
          },
          { tx },
        );
        const series = template as SeriesTemplate | null;
        if (series && effective === 'future') {
          const later = await tx.task.findMany({
            where: {
              userId,
              OR: [{ seriesId: series.seriesId }, { id: series.seriesId }],
              id: { not: id },
              createdAt: { gt: task.createdAt },
              status: 'open',
              deletedAt: null,
            },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
          });
          // Later occurrences keep their own due dates; an absolute reminder is for one occurrence,
          // so only relative ones reach them.
          const { due: _ownDue, ...shared } = input;
          if (shared.reminders) shared.reminders = shared.reminders.filter((r) => r.type === 'relative');
          for (const { id: laterId } of Object.keys(shared).length ? later : []) {
            await this.mutate(
              userId,
              laterId,
              undefined,
              taskUpdated,
              async (tx, before) => ({
                ...(await this.edit(tx, userId, laterId, before, shared)),
                eventExtra: { scope: 'future' },
              }),
              { tx },
            );
          }
          await tx.seriesTemplate.update({ where: { seriesId: series.seriesId }, data: templateChanges(shared) });
        } else if (!series && task.recurrenceRule) {
          // A task that has just been given a rule starts a series of its own.
          await tx.seriesTemplate.create({ data: { seriesId: id, ...templateOf(task) } });
        }
        return task;
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
  }

  /** The columns (and tag and reminder rows) an edit changes, after checking it as a whole. */
  private async edit(tx: Tx, userId: string, id: string, before: TaskRecord, input: UpdateTaskInput): Promise<Change> {
    await this.checkReferences(tx, userId, input.tagIds, input.listId ?? undefined);
    const due = input.due === undefined ? this.dueOf(before) : input.due;
    const reminders = input.reminders ?? before.reminders;
    const recurrence = input.recurrence === undefined ? before.recurrenceRule : input.recurrence;
    const problems = [
      ...(due
        ? []
        : reminders.map((r, i) =>
            r.type === 'relative'
              ? { field: `body.reminders.${i}`, message: 'a reminder relative to the due date needs a due date' }
              : null,
          )),
      ...(!due && recurrence ? [{ field: 'body.recurrence', message: 'a recurring task needs a due date' }] : []),
      // An absolute reminder after the (possibly new) end of the series.
      ...reminders.map((r, i) => {
        const end = recurrence ? seriesEnd(typeof recurrence === 'string' ? recurrence : recurrence.rrule) : undefined;
        const at = 'at' in r && r.at ? new Date(r.at) : undefined;
        return end && r.type === 'absolute' && at && at > end
          ? { field: `body.reminders.${i}.at`, message: `is after the series ends (UNTIL ${end.toISOString()})` }
          : null;
      }),
    ].filter((p): p is FieldProblem => p !== null);
    if (problems.length) {
      throw fieldProblems(problems);
    }
    const data: Prisma.TaskUncheckedUpdateInput = {};
    if (input.title !== undefined) data.title = input.title;
    if (input.notes !== undefined) data.notes = input.notes;
    if (input.priority !== undefined) data.priority = input.priority;
    if (input.listId !== undefined) data.listId = input.listId;
    if (input.due !== undefined) Object.assign(data, await this.dueColumns(tx, userId, input.due));
    if (input.recurrence !== undefined) {
      data.recurrenceRule = input.recurrence?.rrule ?? null;
      data.recurrenceMode = input.recurrence?.mode ?? null;
      data.recurrenceMissed = input.recurrence?.missed ?? null;
      data.recurrenceExdates = input.recurrence?.exdates ?? [];
    }
    if (input.tagIds !== undefined) {
      await tx.taskTag.deleteMany({ where: { taskId: id } });
      if (input.tagIds.length)
        await tx.taskTag.createMany({ data: input.tagIds.map((tagId) => ({ taskId: id, tagId })) });
    }
    if (input.reminders !== undefined) {
      await tx.reminder.deleteMany({ where: { taskId: id } });
      if (input.reminders.length)
        await tx.reminder.createMany({ data: this.reminderRows(input.reminders).map((r) => ({ ...r, taskId: id })) });
    }
    return { data, relationsChanged: input.tagIds !== undefined || input.reminders !== undefined };
  }

  complete(userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> {
    return this.mutate(userId, id, expectedVersion, taskCompleted, async (_tx, before) => {
      if (before.status === 'done') throw conflict('task is already done', { current: toSnapshot(before) });
      return { data: { status: 'done', completedAt: new Date() } };
    });
  }

  reopen(userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> {
    return this.mutate(userId, id, expectedVersion, taskReopened, async (_tx, before) => {
      if (before.status === 'open') throw conflict('task is already open', { current: toSnapshot(before) });
      return { data: { status: 'open', completedAt: null } };
    });
  }

  remove(userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> {
    return this.mutate(userId, id, expectedVersion, taskDeleted, async () => ({ data: { deletedAt: new Date() } }));
  }

  restore(userId: string, id: string): Promise<TaskRecord> {
    return this.mutate(
      userId,
      id,
      undefined,
      taskRestored,
      async (_tx, before) => {
        if (!before.deletedAt) throw conflict('task is not deleted', { current: toSnapshot(before) });
        if (Date.now() - before.deletedAt.getTime() > RESTORE_WINDOW_MS) throw notFound('task');
        return { data: { deletedAt: null } };
      },
      { allowDeleted: true },
    );
  }

  /** Tags or untags, with one `updated` event per task whose tags changed. */
  retag(userId: string, id: string, tagIds: string[], mode: 'tag' | 'untag'): Promise<TaskRecord> {
    return this.mutate(userId, id, undefined, taskUpdated, async (tx, before) => {
      await this.checkReferences(tx, userId, tagIds, undefined);
      const current = new Set(before.tags.map((t) => t.tagId));
      if (mode === 'tag') {
        const added = tagIds.filter((t) => !current.has(t));
        if (current.size + added.length > 20) throw badRequest('body.tagIds', 'a task has at most 20 tags');
        if (added.length) await tx.taskTag.createMany({ data: added.map((tagId) => ({ taskId: id, tagId })) });
      } else {
        await tx.taskTag.deleteMany({ where: { taskId: id, tagId: { in: tagIds } } });
      }
      return { data: {}, relationsChanged: true };
    });
  }

  /**
   * A tag was just renamed or recoloured (in `tx`; `previous` is the row as it was): every
   * task of the user's that has it gets an `updated` event from the old tag to the new one,
   * so no consumer keeps showing the old name.
   */
  tagChanged(tx: Tx, userId: string, previous: Tag): Promise<void> {
    return this.updateEach(tx, { userId, tags: { some: { tagId: previous.id } } }, async (_tx, before) => {
      // Read after the rename: the task as it was had the tag as it was.
      before.tags = before.tags.map((t) => (t.tagId === previous.id ? { ...t, tag: previous } : t));
      return { data: {}, relationsChanged: true };
    });
  }

  /**
   * A tag or a list is about to be deleted (in `tx`): every task of the user's that has it
   * loses it first, each with its own `updated` event, so no consumer keeps a stale copy.
   */
  detach(tx: Tx, userId: string, ref: { tagId: string } | { listId: string }): Promise<void> {
    if ('listId' in ref)
      return this.updateEach(tx, { userId, listId: ref.listId }, async () => ({ data: { listId: null } }));
    return this.updateEach(tx, { userId, tags: { some: { tagId: ref.tagId } } }, async (tx, before) => {
      await tx.taskTag.deleteMany({ where: { taskId: before.id, tagId: ref.tagId } });
      return { data: {}, relationsChanged: true };
    });
  }

  /** One `updated` event per task matching `where` (deleted ones too: they can be restored). */
  private async updateEach(
    tx: Tx,
    where: Prisma.TaskWhereInput & { userId: string },
    change: (tx: Tx, before: TaskRecord) => Promise<Change>,
  ): Promise<void> {
    const tasks = await tx.task.findMany({ where, select: { id: true } });
    for (const { id } of tasks) {
      await this.mutate(where.userId, id, undefined, taskUpdated, change, { tx, allowDeleted: true });
    }
  }

  /**
   * Runs one change to an existing task, in `opts.tx` or a transaction of its own.
   * `expectedVersion` (from If-Match) must equal the stored version, else 409 with the
   * server's copy. Deleted tasks are read-only.
   */
  private async mutate<C extends EventContract>(
    userId: string,
    id: string,
    expectedVersion: number | undefined,
    contract: C,
    change: (tx: Tx, before: TaskRecord) => Promise<Change>,
    opts: { allowDeleted?: boolean; tx?: Tx } = {},
  ): Promise<TaskRecord> {
    const tx = opts.tx;
    if (!tx) {
      return this.db.$transaction((tx) => this.mutate(userId, id, expectedVersion, contract, change, { ...opts, tx }));
    }
    // Lock the row: concurrent writers queue here instead of both passing the check.
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id::text FROM tasks WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE',
      id,
      userId,
    );
    if (locked.length === 0) throw notFound('task');
    const before = await tx.task.findUniqueOrThrow({ where: { id }, include: taskInclude });
    if (before.deletedAt && !opts.allowDeleted) throw notFound('task');
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw conflict(`task has changed: version ${before.version} on the server, ${expectedVersion} in If-Match`, {
        current: toSnapshot(before),
      });
    }
    const { data, relationsChanged, eventExtra } = await change(tx, before);
    const update = { where: { id }, data: { ...data, version: { increment: 1 }, updatedAt: new Date() } };
    // Tags and reminders are re-read only when this change rewrote them.
    const after: TaskRecord = relationsChanged
      ? await tx.task.update({ ...update, include: taskInclude })
      : { ...(await tx.task.update(update)), tags: before.tags, reminders: before.reminders };
    // Every task change event carries { before, task } (packages/contracts events/task.ts).
    const payload = { before: toSnapshot(before), task: toSnapshot(after), ...eventExtra } as EventData<C>;
    await this.kit.publish(tx, contract, payload, { subject: id });
    return after;
  }

  private dueOf(t: TaskRecord): Due | null {
    if (t.dueDateTime) return { dateTime: t.dueDateTime, timeZone: t.dueTimeZone! };
    if (t.dueDate) return { date: t.dueDate, timeZone: t.dueTimeZone ?? undefined };
    return null;
  }

  private async dueColumns(tx: Tx, userId: string, due: Due | null) {
    if (!due) return { dueDate: null, dueDateTime: null, dueTimeZone: null, dueAt: null };
    const zone = 'dateTime' in due ? due.timeZone : (due.timeZone ?? (await this.timeZoneOf(userId, tx)));
    return {
      dueDate: 'date' in due ? due.date : null,
      dueDateTime: 'dateTime' in due ? due.dateTime : null,
      dueTimeZone: due.timeZone ?? null,
      dueAt: computeDueAt(due, zone),
    };
  }

  private reminderRows(reminders: NonNullable<CreateTaskInput['reminders']>) {
    return reminders.map((r, position) => ({
      id: randomUUID(),
      type: r.type,
      at: r.type === 'absolute' ? new Date(r.at) : null,
      minutesBefore: r.type === 'relative' ? r.minutesBefore : null,
      position,
    }));
  }

  /**
   * Tags and lists must be the caller's own; others' are as unknown as missing ones.
   * Returns the tags, in the order asked for.
   */
  private async checkReferences(tx: Tx, userId: string, tagIds?: string[], listId?: string | null) {
    const problems: FieldProblem[] = [];
    let tags: Tag[] = [];
    if (tagIds?.length) {
      const found = await tx.tag.findMany({ where: { id: { in: tagIds }, userId } });
      const known = new Map(found.map((t) => [t.id, t]));
      tags = tagIds.map((t) => known.get(t)).filter((t): t is Tag => t !== undefined);
      tagIds.forEach((t, i) => {
        if (!known.has(t)) problems.push({ field: `body.tagIds.${i}`, message: 'no such tag' });
      });
    }
    if (listId) {
      const list = await tx.list.findFirst({ where: { id: listId, userId }, select: { id: true } });
      if (!list) problems.push({ field: 'body.listId', message: 'no such list' });
    }
    if (problems.length) {
      throw fieldProblems(problems);
    }
    return tags;
  }
}

export type { TaskSnapshot };
