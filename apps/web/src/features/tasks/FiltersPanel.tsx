import { PRIORITIES, type Priority, type Tag, type TaskList } from '../../api/types';
import type { Filters } from '../../state/tasks';

interface Props {
  filters: Filters;
  tags: Tag[];
  lists: TaskList[];
  onChange: (f: Filters) => void;
}

export function FiltersPanel({ filters, tags, lists, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const togglePriority = (p: Priority, on: boolean) =>
    set({ priority: on ? [...(filters.priority ?? []), p] : (filters.priority ?? []).filter((x) => x !== p) });
  const toggleTag = (id: string, on: boolean) =>
    set({ tagIds: on ? [...filters.tagIds, id] : filters.tagIds.filter((x) => x !== id) });
  const active =
    (filters.priority?.length ?? 0) +
    filters.tagIds.length +
    (filters.listId ? 1 : 0) +
    (filters.overdue ? 1 : 0) +
    (filters.hasReminder ? 1 : 0) +
    (filters.recurring ? 1 : 0);
  return (
    <details class="filters" open>
      <summary>Filters{active > 0 && <span class="badge">{active}</span>}</summary>
      <div class="filters-grid">
        <div class="field">
          <label for="f-status">Status</label>
          <select
            id="f-status"
            value={filters.status}
            onChange={(e) => set({ status: e.currentTarget.value as Filters['status'] })}
          >
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="">Any</option>
          </select>
        </div>
        <div class="field">
          <label for="f-list">List</label>
          <select id="f-list" value={filters.listId} onChange={(e) => set({ listId: e.currentTarget.value })}>
            <option value="">Any list</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-reminder">Reminders</label>
          <select
            id="f-reminder"
            value={filters.hasReminder}
            onChange={(e) => set({ hasReminder: e.currentTarget.value as Filters['hasReminder'] })}
          >
            <option value="">Any</option>
            <option value="true">With reminders</option>
            <option value="false">Without reminders</option>
          </select>
        </div>
        <div class="field">
          <label for="f-recurring">Repeats</label>
          <select
            id="f-recurring"
            value={filters.recurring}
            onChange={(e) => set({ recurring: e.currentTarget.value as Filters['recurring'] })}
          >
            <option value="">Any</option>
            <option value="true">Recurring</option>
            <option value="false">One-off</option>
          </select>
        </div>
        <div class="field field-sort">
          <label for="f-sort">Sort by</label>
          <div class="inline">
            <select
              id="f-sort"
              value={filters.sort}
              onChange={(e) => set({ sort: e.currentTarget.value as Filters['sort'] })}
            >
              <option value="due">Due date</option>
              <option value="priority">Priority</option>
              <option value="created">Created</option>
              <option value="updated">Updated</option>
              <option value="title">Title</option>
              <option value="position" disabled={!filters.listId}>
                My order (a list)
              </option>
              <option value="relevance" disabled={!filters.q.trim()}>
                Relevance
              </option>
            </select>
            <label for="f-order" class="visually-hidden">
              Order
            </label>
            <select
              id="f-order"
              value={filters.order}
              onChange={(e) => set({ order: e.currentTarget.value as Filters['order'] })}
            >
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </div>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(e) => set({ overdue: e.currentTarget.checked })}
          />
          Overdue only
        </label>
        <fieldset class="chips-fieldset">
          <legend>Priority</legend>
          {PRIORITIES.map((p) => (
            <label key={p} class="chip-check">
              <input
                type="checkbox"
                checked={filters.priority?.includes(p) ?? false}
                onChange={(e) => togglePriority(p, e.currentTarget.checked)}
              />
              {p}
            </label>
          ))}
        </fieldset>
        {tags.length > 0 && (
          <fieldset class="chips-fieldset">
            <legend>Tags</legend>
            {tags.map((t) => (
              <label key={t.id} class="chip-check">
                <input
                  type="checkbox"
                  checked={filters.tagIds.includes(t.id)}
                  onChange={(e) => toggleTag(t.id, e.currentTarget.checked)}
                />
                #{t.name}
              </label>
            ))}
            {filters.tagIds.length > 1 && (
              <span class="inline tag-mode">
                <label class="check">
                  <input
                    type="radio"
                    name="tag-mode"
                    checked={filters.tagMode === 'any'}
                    onChange={() => set({ tagMode: 'any' })}
                  />
                  any
                </label>
                <label class="check">
                  <input
                    type="radio"
                    name="tag-mode"
                    checked={filters.tagMode === 'all'}
                    onChange={() => set({ tagMode: 'all' })}
                  />
                  all
                </label>
              </span>
            )}
          </fieldset>
        )}
      </div>
    </details>
  );
}
