// Shapes of the HTTP API, as the services' OpenAPI documents give them: each name here is an
// alias of a type generated from docs/openapi/<service>.json into ./generated/<service>.ts
// (npm run generate:api-types -w @daybook/web; a unit test fails when they drift). What a
// document cannot give is written here by hand, each with the reason next to it.
import type { components as AuditComponents, paths as AuditPaths } from './generated/audit';
import type { components as IdentityComponents, paths as IdentityPaths } from './generated/identity';
import type { components as JournalComponents, paths as JournalPaths } from './generated/journal';
import type { components as NotificationsComponents, paths as NotificationsPaths } from './generated/notifications';
import type { paths as RecurringPaths } from './generated/recurring';
import type { components as RemindersComponents } from './generated/reminders';
import type { components as TasksComponents, paths as TasksPaths } from './generated/tasks';

// Reading an operation of the generated `paths`: its JSON request body, its JSON response
// for a status, its query parameters.
type JsonBody<Op extends { requestBody?: { content: { 'application/json': unknown } } }> = NonNullable<
  Op['requestBody']
>['content']['application/json'];
type JsonResponse<
  Op extends { responses: object },
  Status extends keyof Op['responses'],
> = Op['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;
type QueryOf<Op extends { parameters: { query?: object } }> = NonNullable<Op['parameters']['query']>;

// identity

type IdentitySchemas = IdentityComponents['schemas'];
export type User = IdentitySchemas['User'];
export type Session = IdentitySchemas['Session'];
export type SignupInput = JsonBody<IdentityPaths['/api/identity/signup']['post']>;
export type LoginInput = JsonBody<IdentityPaths['/api/identity/login']['post']>;
export type RefreshInput = JsonBody<IdentityPaths['/api/identity/refresh']['post']>;
export type LogoutInput = JsonBody<IdentityPaths['/api/identity/logout']['post']>;
export type LoginCodeRequestInput = JsonBody<IdentityPaths['/api/identity/login-code']['post']>;
export type LoginCodeVerifyInput = JsonBody<IdentityPaths['/api/identity/login-code/verify']['post']>;

// errors (the same in every document: the kit's error handler writes them)

/** One bad field of a 400 (`details.problems`). */
export type ProblemDetail = TasksComponents['schemas']['FieldProblem'];
/** The details of a 409 on a task change: the server's copy of the task. */
export type TaskConflictDetails = TasksComponents['schemas']['TaskConflictError']['error']['details'];

// tasks

type ListTasksOp = TasksPaths['/api/tasks']['get'];
type CreateTaskOp = TasksPaths['/api/tasks']['post'];
type UpdateTaskOp = TasksPaths['/api/tasks/{id}']['patch'];
type BulkOp = TasksPaths['/api/tasks/bulk']['post'];

export type Task = TasksComponents['schemas']['Task'];
/** A tag as GET /api/tasks/tags gives it (a task's `tags` carry the same without `createdAt`). */
export type Tag = TasksComponents['schemas']['Tag'];
export type TaskList = TasksComponents['schemas']['List'];
export type CalendarFeed = TasksComponents['schemas']['CalendarFeed'];
export type NewCalendarFeed = TasksComponents['schemas']['NewCalendarFeed'];
export type TasksExport = TasksComponents['schemas']['TasksExport'];
export type ImportResult = TasksComponents['schemas']['ImportResult'];
export type ImportInput = NonNullable<
  TasksPaths['/api/tasks/import']['post']['requestBody']
>['content']['application/json'];
export type Priority = Task['priority'];
export type TaskStatus = Task['status'];
export type Due = NonNullable<Task['due']>;
export type Reminder = Task['reminders'][number];
export type Recurrence = NonNullable<Task['recurrence']>;
export type RecurrenceMode = Recurrence['mode'];

/** The body of POST /api/tasks (a new task: `title` is required). */
export type TaskInput = JsonBody<CreateTaskOp>;
/** The body of PATCH /api/tasks/{id}: the fields to change (`null` clears one). */
export type TaskPatch = JsonBody<UpdateTaskOp>;
/** A reminder as it is sent: the server assigns the id. */
export type ReminderInput = NonNullable<TaskInput['reminders']>[number];
/** How far an edit of an occurrence reaches: this one only, or this and the later ones. */
export type SeriesScope = NonNullable<QueryOf<UpdateTaskOp>['scope']>;

export type SortField = NonNullable<QueryOf<ListTasksOp>['sort']>;
/**
 * The query of GET /api/tasks. `priority` and `tagIds` are lists (the document states them
 * as comma-separated, `style: form, explode: false`), which toQueryString (http.ts) joins.
 */
export type TaskQuery = QueryOf<ListTasksOp>;
/** A page of GET /api/tasks (cursor pagination). */
export type Page = JsonResponse<ListTasksOp, 200>;
export type TodayView = JsonResponse<TasksPaths['/api/tasks/views/today']['get'], 200>;
export type UpcomingView = JsonResponse<TasksPaths['/api/tasks/views/upcoming']['get'], 200>;
/** DELETE /api/tasks/{id}: the deleted task and until when it can be restored. */
export type DeletedTask = JsonResponse<TasksPaths['/api/tasks/{id}']['delete'], 200>;

export type BulkInput = JsonBody<BulkOp>;
export type BulkAction = BulkInput['action'];
export type BulkResult = JsonResponse<BulkOp, 200>;

export type TagInput = JsonBody<TasksPaths['/api/tasks/tags']['post']>;
export type TagsResponse = JsonResponse<TasksPaths['/api/tasks/tags']['get'], 200>;
export type TaskListInput = JsonBody<TasksPaths['/api/tasks/lists']['post']>;
export type TaskListsResponse = JsonResponse<TasksPaths['/api/tasks/lists']['get'], 200>;
export type TaskListPatch = JsonBody<TasksPaths['/api/tasks/lists/{id}']['patch']>;
export type TagPatch = JsonBody<TasksPaths['/api/tasks/tags/{id}']['patch']>;
export type OrderInput = JsonBody<TasksPaths['/api/tasks/lists/order']['put']>;
/** The sidebar's open-task counts (GET /api/tasks/counts). */
export type OpenCounts = TasksComponents['schemas']['OpenCounts'];

/**
 * The priorities in order, for pickers and filters: a value at run time, which a generated
 * type cannot give. Its items are checked against the document's priorities, and the line
 * below it stops compiling if the document gains one that is missing here.
 */
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];
type Assert<T extends true> = T;
type _EveryPriorityListed = Assert<[Exclude<Priority, (typeof PRIORITIES)[number]>] extends [never] ? true : false>;

// recurring

type PreviewOp = RecurringPaths['/api/recurring/preview']['get'];
/** The query of GET /api/recurring/preview; `exdates` is a list of dates that toQueryString (http.ts) joins. */
export type PreviewQuery = QueryOf<PreviewOp>;
export type PreviewResponse = JsonResponse<PreviewOp, 200>;
export type PreviewOccurrence = PreviewResponse['occurrences'][number];

type RemindersSchemas = RemindersComponents['schemas'];
/** A reminder as GET /api/reminders lists it. */
export type ReminderState = RemindersSchemas['Reminder'];
/** How long to snooze: for some minutes, or until an instant (the body, without the ids). */
export type SnoozeBy = RemindersSchemas['SnoozeInput'] extends infer B
  ? B extends { minutes: number }
    ? Pick<B, 'minutes'>
    : B extends { until: string }
      ? Pick<B, 'until'>
      : never
  : never;

// notifications

type NotificationsSchemas = NotificationsComponents['schemas'];
export type Delivery = NotificationsSchemas['Delivery'];
/**
 * An inbox item. The API always gives its deliveries; the item a `notification.*` event
 * carries (pushed live) has none, so they are optional here and kept from the inbox's copy.
 */
export type Notification = Omit<NotificationsSchemas['Notification'], 'deliveries'> & { deliveries?: Delivery[] };
export type NotificationCounts = NotificationsSchemas['Counts'];
export type Preferences = NotificationsSchemas['Preferences'];
export type PreferencesInput = JsonBody<NotificationsPaths['/api/notifications/preferences']['put']>;
export type InboxQuery = QueryOf<NotificationsPaths['/api/notifications/inbox']['get']>;
export type InboxPage = Omit<JsonResponse<NotificationsPaths['/api/notifications/inbox']['get'], 200>, 'items'> & {
  items: Notification[];
};
export type SnoozeInput = JsonBody<NotificationsPaths['/api/notifications/{id}/snooze']['post']>;

// journal

type JournalSchemas = JournalComponents['schemas'];
export type JournalEntry = JournalSchemas['Entry'];
export type Insight = JournalSchemas['Insight'];
export type Suggestion = JournalSchemas['Suggestion'];
export type WeeklyReview = JournalSchemas['WeeklyReview'];
export type JournalSettings = JournalSchemas['JournalSettings'];
export type JournalEntryInput = JsonBody<JournalPaths['/api/journal/entries']['post']>;
export type JournalEntryPatch = JsonBody<JournalPaths['/api/journal/entries/{id}']['patch']>;
export type JournalEntryQuery = QueryOf<JournalPaths['/api/journal/entries']['get']>;
export type JournalEntryPage = JsonResponse<JournalPaths['/api/journal/entries']['get'], 200>;
export type JournalCalendar = JsonResponse<JournalPaths['/api/journal/calendar']['get'], 200>;
export type JournalInsights = JsonResponse<JournalPaths['/api/journal/insights']['get'], 200>;
export type JournalSettingsInput = JsonBody<JournalPaths['/api/journal/settings']['patch']>;
export type TaskRequested = JsonResponse<
  JournalPaths['/api/journal/insights/{id}/suggestions/{suggestionId}/task']['post'],
  202
>;

// audit

type AuditSchemas = AuditComponents['schemas'];
/** One entry of a history: the event, who caused it, before / after and its field-level diff. */
export type AuditEntry = AuditSchemas['AuditEntry'];
/** One changed field of an entry (`path` dotted; a list counts as one value). */
export type FieldChange = AuditSchemas['FieldChange'];
/** A page of a history, newest first (cursor pagination). */
export type HistoryPage = AuditSchemas['HistoryPage'];
/** The query of GET /api/audit/entities/{entityType}/{entityId}. */
export type EntityHistoryQuery = QueryOf<AuditPaths['/api/audit/entities/{entityType}/{entityId}']['get']>;
