/** The keys under which events carry a snapshot of their entity. */
const SNAPSHOT_KEYS = ['task', 'list', 'tag', 'entry', 'notification'] as const;

type Snapshot = Record<string, unknown> & { userId?: unknown };

/** The entity snapshot an event carries (`task`, `list`, `tag`, `entry`, `notification`), if any. */
export function eventSnapshot(data: unknown): Snapshot | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const key of SNAPSHOT_KEYS) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) return value as Snapshot;
  }
  return undefined;
}

/**
 * The user an event concerns: its `userId`, or the `userId` of the snapshot it carries.
 * Undefined when it names none. One rule for every consumer (audit's owner, realtime's
 * recipient), so a new snapshot shape is taught here once.
 */
export function eventUserId(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const own = (data as { userId?: unknown }).userId;
  if (typeof own === 'string') return own;
  const fromSnapshot = eventSnapshot(data)?.userId;
  return typeof fromSnapshot === 'string' ? fromSnapshot : undefined;
}
