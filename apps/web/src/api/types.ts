// Shapes of the HTTP API as docs/api.md describes them.

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  timeZone: string;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export const PRIORITIES: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];
export type TaskStatus = 'open' | 'done';
export type RecurrenceMode = 'after-completion' | 'fixed-schedule';
/** How far an edit of an occurrence reaches: this one only, or this and the later ones. */
export type SeriesScope = 'this' | 'future';

export interface Tag {
  id: string;
  name: string;
  color: string | null;
}

export interface TaskList {
  id: string;
  name: string;
}

export type Due = { date: string } | { dateTime: string; timeZone: string };

export type Reminder =
  { id: string; type: 'absolute'; at: string } | { id: string; type: 'relative'; minutesBefore: number };
/** A reminder as it is sent: the server assigns the id. */
export type ReminderInput = { type: 'absolute'; at: string } | { type: 'relative'; minutesBefore: number };

export interface Recurrence {
  rrule: string;
  mode: RecurrenceMode;
  /** Fixed schedule only: what happens to occurrences missed while the app was away. */
  missed?: 'create' | 'skip';
  /** Skipped dates, YYYY-MM-DD. */
  exdates?: string[];
}

export interface Task {
  id: string;
  title: string;
  notes: string | null;
  status: TaskStatus;
  priority: Priority;
  tags: Tag[];
  listId: string | null;
  due: Due | null;
  dueAt: string | null;
  reminders: Reminder[];
  recurrence: Recurrence | null;
  seriesId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  deletedAt: string | null;
}

/** The writable fields of a task (create, or a partial update where `null` clears one). */
export interface TaskInput {
  title?: string;
  notes?: string;
  priority?: Priority;
  tagIds?: string[];
  listId?: string | null;
  due?: Due | null;
  reminders?: ReminderInput[];
  recurrence?: Recurrence | null;
}

export type SortField = 'due' | 'priority' | 'created' | 'updated' | 'title' | 'relevance';

export interface TaskQuery {
  status?: TaskStatus;
  priority?: Priority[];
  tagIds?: string[];
  tagMode?: 'any' | 'all';
  listId?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  hasReminder?: boolean;
  recurring?: boolean;
  q?: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
  includeDeleted?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type BulkAction = 'complete' | 'delete' | 'tag' | 'untag';
export interface BulkResult {
  results: { id: string; status: 'ok' | 'not_found' | 'unchanged'; task?: Task }[];
}
