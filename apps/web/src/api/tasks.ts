// The tasks service (docs/api.md, "tasks — /api/tasks"): the calls the app makes.
// Each has a consumer contract in tasks.pact.test.ts.
import type { HttpClient } from './http';
import type {
  BulkAction,
  BulkInput,
  BulkResult,
  CalendarFeed,
  ImportInput,
  ImportResult,
  NewCalendarFeed,
  TasksExport,
  DeletedTask,
  OpenCounts,
  OrderInput,
  Page,
  SeriesScope,
  Tag,
  TagInput,
  TagPatch,
  TagsResponse,
  Task,
  TaskInput,
  TaskList,
  TaskListInput,
  TaskListPatch,
  TaskListsResponse,
  TaskPatch,
  TaskQuery,
  TodayView,
  UpcomingView,
} from './types';

const base = '/api/tasks';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** The items of a collection: the document gives `{ items }`; a bare array is accepted too. */
function items<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}

export function tasksApi(http: HttpClient) {
  return {
    /** The private calendar feed: its URL (path) is in the answer of `newCalendarFeed` only. */
    calendarFeed: () => http.request<CalendarFeed>('GET', `${base}/calendar-feed`),
    newCalendarFeed: () => http.request<NewCalendarFeed>('POST', `${base}/calendar-feed`),
    revokeCalendarFeed: () => http.request<void>('DELETE', `${base}/calendar-feed`),
    exportData: () => http.request<TasksExport>('GET', `${base}/export`),
    exportCsv: () => http.text!(`${base}/export`, { query: { format: 'csv' } }),
    importData: (input: ImportInput) => http.request<ImportResult>('POST', `${base}/import`, { body: input }),
    list: (query: TaskQuery = {}) => http.request<Page>('GET', base, { query: { ...query } }),
    today: async (timeZone: string) =>
      items(await http.request<TodayView>('GET', `${base}/views/today`, { query: { timeZone } })),
    upcoming: async (timeZone: string, days = 7) =>
      items(await http.request<UpcomingView>('GET', `${base}/views/upcoming`, { query: { timeZone, days } })),
    /** The occurrences of a series (its id is the first task's id). */
    series: async (seriesId: string) =>
      items(await http.request<Page>('GET', base, { query: { seriesId } satisfies TaskQuery })),
    get: (id: string) => http.request<Task>('GET', `${base}/${encodeURIComponent(id)}`),
    create: (input: TaskInput) => http.request<Task>('POST', base, { body: input }),
    /** `scope`, for a task in a series: this occurrence only, or this and the later ones. */
    update: (id: string, version: number, patch: TaskPatch, scope?: SeriesScope) =>
      http.request<Task>('PATCH', `${base}/${id}`, {
        body: patch,
        headers: ifMatch(version),
        ...(scope ? { query: { scope } } : {}),
      }),
    /** `completeSubtasks`: its open subtasks are completed with it (the person was asked). */
    complete: (id: string, version: number, completeSubtasks?: boolean) =>
      http.request<Task>('POST', `${base}/${id}/complete`, {
        headers: ifMatch(version),
        ...(completeSubtasks ? { body: { completeSubtasks } } : {}),
      }),
    /** The direct subtasks of a task. */
    subtasks: async (parentId: string) =>
      items(
        await http.request<Page>('GET', base, {
          query: { parentId, sort: 'created', order: 'asc' } satisfies TaskQuery,
        }),
      ),
    reopen: (id: string, version: number) =>
      http.request<Task>('POST', `${base}/${id}/reopen`, { headers: ifMatch(version) }),
    remove: (id: string) => http.request<DeletedTask>('DELETE', `${base}/${id}`),
    restore: (id: string) => http.request<Task>('POST', `${base}/${id}/restore`),
    /** Puts a task just before or just after another task of its list (manual order). */
    move: (id: string, to: { before: string } | { after: string }) =>
      http.request<Task>('POST', `${base}/${id}/move`, { body: to }),
    bulk: (action: BulkAction, ids: string[], tagIds?: string[]) =>
      http.request<BulkResult>('POST', `${base}/bulk`, {
        body: (tagIds ? { action, ids, tagIds } : { action, ids }) satisfies BulkInput,
      }),

    tags: async () => items(await http.request<TagsResponse>('GET', `${base}/tags`)),
    createTag: (name: string, color?: string) =>
      http.request<Tag>('POST', `${base}/tags`, { body: (color ? { name, color } : { name }) satisfies TagInput }),

    updateTag: (id: string, patch: TagPatch) => http.request<Tag>('PATCH', `${base}/tags/${id}`, { body: patch }),
    deleteTag: (id: string) => http.request<void>('DELETE', `${base}/tags/${id}`),
    reorderTags: async (ids: string[]) =>
      items(await http.request<TagsResponse>('PUT', `${base}/tags/order`, { body: { ids } satisfies OrderInput })),

    lists: async () => items(await http.request<TaskListsResponse>('GET', `${base}/lists`)),
    createList: (name: string, color?: string) =>
      http.request<TaskList>('POST', `${base}/lists`, {
        body: (color ? { name, color } : { name }) satisfies TaskListInput,
      }),
    updateList: (id: string, patch: TaskListPatch) =>
      http.request<TaskList>('PATCH', `${base}/lists/${id}`, { body: patch }),
    deleteList: (id: string) => http.request<void>('DELETE', `${base}/lists/${id}`),
    reorderLists: async (ids: string[]) =>
      items(
        await http.request<TaskListsResponse>('PUT', `${base}/lists/order`, { body: { ids } satisfies OrderInput }),
      ),

    /** The sidebar's open-task counts in the user's zone (Upcoming: the next `days`). */
    counts: (timeZone: string, days = 7) =>
      http.request<OpenCounts>('GET', `${base}/counts`, { query: { timeZone, days } }),
  };
}

export type TasksApi = ReturnType<typeof tasksApi>;
