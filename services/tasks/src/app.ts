import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database, Transact } from './infrastructure/database';
import { CalendarFeedStore } from './infrastructure/calendar-feed-store';
import { renderCalendarFeed } from './infrastructure/ical-feed';
import { ListStore } from './infrastructure/list-store';
import type { Publish, PublishAlong } from './infrastructure/outbox';
import { SeriesStore } from './infrastructure/series-store';
import { TagStore } from './infrastructure/tag-store';
import { TaskQueries } from './infrastructure/task-queries';
import { TaskStore } from './infrastructure/task-store';
import { UserSettingsStore } from './infrastructure/user-settings-store';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { bulkChangeTasks } from './usecases/bulk-change-tasks';
import { completeTask } from './usecases/complete-task';
import { countOpenTasks } from './usecases/count-open-tasks';
import { createList } from './usecases/create-list';
import { editList } from './usecases/edit-list';
import { createOccurrence } from './usecases/create-occurrence';
import { createRequestedTask } from './usecases/create-requested-task';
import { createTag } from './usecases/create-tag';
import { createTask } from './usecases/create-task';
import { deleteList } from './usecases/delete-list';
import { deleteTag } from './usecases/delete-tag';
import { deleteTask } from './usecases/delete-task';
import { editTag } from './usecases/edit-tag';
import { editTask } from './usecases/edit-task';
import { exportTasks } from './usecases/export-tasks';
import { forgetUser } from './usecases/forget-user';
import { getTask } from './usecases/get-task';
import { importTasks } from './usecases/import-tasks';
import { listLists } from './usecases/list-lists';
import { listTags } from './usecases/list-tags';
import { listTasks } from './usecases/list-tasks';
import { moveTask } from './usecases/move-task';
import { regenerateCalendarFeed, revokeCalendarFeed, showCalendarFeed } from './usecases/manage-calendar-feed';
import { rememberUserTimeZone } from './usecases/remember-user-time-zone';
import { renderCalendarFeedOf } from './usecases/render-calendar-feed';
import { reopenTask } from './usecases/reopen-task';
import { restoreTask } from './usecases/restore-task';
import { reorderLists, reorderTags } from './usecases/reorder-sidebar';
import { retagTask } from './usecases/retag-task';
import { taskChanger } from './usecases/shared/change-task';
import { referenceChecker } from './usecases/shared/check-references';
import { placer } from './usecases/shared/place-under';
import { dueResolver } from './usecases/shared/resolve-due';
import { viewToday } from './usecases/view-today';
import { viewUpcoming } from './usecases/view-upcoming';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * Every store, adapter and use case of the tasks service, each built once, from the
 * database and the outbox (the use cases' tests build them the same way).
 */
export function buildUseCases({
  db,
  publish,
  publishAlong,
}: {
  db: Database;
  publish: Publish;
  publishAlong: PublishAlong;
}) {
  // Plain pg, not Prisma's interactive transaction: every store method a use case calls runs its own SQL.
  const transact: Transact = (fn, opts) => db.sql.$transaction(fn, opts);
  const tasks = new TaskStore(db);
  const series = new SeriesStore(db);
  const tags = new TagStore(db);
  const lists = new ListStore(db);
  const settings = new UserSettingsStore();
  const queries = new TaskQueries(db);
  const feeds = new CalendarFeedStore(db);

  const changeTask = taskChanger({ tasks, publish, publishAlong });
  const checkReferences = referenceChecker({ tags, lists });
  const resolveDue = dueResolver({ settings });
  const placeUnder = placer({ tasks });
  const writes = { transact, changeTask };

  const complete = completeTask({ ...writes, tasks });
  const remove = deleteTask({ ...writes, tasks });
  const retag = retagTask({ ...writes, tasks, checkReferences });
  return {
    createTask: createTask({ transact, tasks, series, checkReferences, resolveDue, placeUnder, publishAlong }),
    editTask: editTask({ ...writes, tasks, series, checkReferences, resolveDue, placeUnder }),
    completeTask: complete,
    reopenTask: reopenTask(writes),
    deleteTask: remove,
    restoreTask: restoreTask({ ...writes, tasks }),
    retagTask: retag,
    moveTask: moveTask({ ...writes, tasks }),
    bulkChangeTasks: bulkChangeTasks({ completeTask: complete, deleteTask: remove, retagTask: retag }),
    getTask: getTask({ tasks }),
    listTasks: listTasks({ queries, tasks }),
    viewToday: viewToday({ queries, tasks }),
    viewUpcoming: viewUpcoming({ queries, tasks }),
    listTags: listTags({ tags }),
    createTag: createTag({ transact, tags, publish }),
    editTag: editTag({ ...writes, tags, tasks, publish }),
    deleteTag: deleteTag({ ...writes, tags, tasks, publish }),
    listLists: listLists({ lists }),
    createList: createList({ transact, lists, publish }),
    editList: editList({ transact, lists, publish }),
    reorderLists: reorderLists({ transact, lists, publish }),
    reorderTags: reorderTags({ transact, tags, publish }),
    countOpenTasks: countOpenTasks({ queries }),
    deleteList: deleteList({ ...writes, lists, tasks, publish }),
    createOccurrence: createOccurrence({ tasks, series, tags, lists, resolveDue, publish }),
    createRequestedTask: createRequestedTask({ tasks, publish }),
    rememberUserTimeZone: rememberUserTimeZone({ settings }),
    showCalendarFeed: showCalendarFeed({ feeds }),
    regenerateCalendarFeed: regenerateCalendarFeed({ feeds }),
    revokeCalendarFeed: revokeCalendarFeed({ feeds }),
    renderCalendarFeed: renderCalendarFeedOf({ feeds, tasks, render: renderCalendarFeed }),
    exportTasks: exportTasks({ tasks, lists, tags, series }),
    importTasks: importTasks({ transact, tasks, series, lists, tags, settings, resolveDue, publish }),
    forgetUser: forgetUser({ tasks, series, tags, lists, settings, feeds }),
  };
}
export type UseCases = ReturnType<typeof buildUseCases>;

/**
 * The composition root of the tasks service: builds every store, adapter and use case
 * once, and hands them to the routes and event handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const useCases = buildUseCases({ db: kit.db, publish: kit.publish, publishAlong: kit.publishAlong });
  return { routes: routes(kit, useCases), subscriptions: eventHandlers(kit, useCases), jobs: jobHandlers() };
}
