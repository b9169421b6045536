import diff from 'microdiff';

/**
 * One changed field between an entry's before and after, as a person reads it: where
 * (`path`, dotted: `due.dateTime`), and from what to what. `from` is absent for a field
 * that was added, `to` for one that was removed.
 */
export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

const KINDS = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path` in `root`, or undefined where the path does not lead. */
function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * The field-level diff of two JSON objects (microdiff compares them). A list is one value
 * to a reader ("tags: home → home, garden"), not its elements shifting one by one: every
 * difference inside a list becomes one change of the whole list, at the list's path.
 * Null or non-object sides have nothing to compare: null.
 */
export function fieldDiff(before: unknown, after: unknown): FieldChange[] | null {
  if (!isRecord(before) || !isRecord(after)) return null;
  const changes: FieldChange[] = [];
  const listsSeen = new Set<string>();
  for (const difference of diff(before, after)) {
    const listAt = difference.path.findIndex((_, i) => Array.isArray(valueAt(before, difference.path.slice(0, i))));
    if (listAt > 0) {
      const listPath = difference.path.slice(0, listAt);
      const key = listPath.join('.');
      if (listsSeen.has(key)) continue;
      listsSeen.add(key);
      changes.push({ path: key, kind: 'changed', from: valueAt(before, listPath), to: valueAt(after, listPath) });
      continue;
    }
    const path = difference.path.join('.');
    if (difference.type === 'CREATE') changes.push({ path, kind: KINDS.CREATE, to: difference.value });
    else if (difference.type === 'REMOVE') changes.push({ path, kind: KINDS.REMOVE, from: difference.oldValue });
    else changes.push({ path, kind: KINDS.CHANGE, from: difference.oldValue, to: difference.value });
  }
  return changes;
}
