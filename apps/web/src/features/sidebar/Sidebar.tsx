// The sidebar: Inbox, Today, Upcoming, All, then the lists and the tags, each with its count
// of open tasks (state/sidebar.ts keeps them live). Lists and tags are created, renamed,
// recoloured, reordered and deleted from here; Alt+↑/↓ on a list or tag moves it. At phone
// width it is a drawer behind the menu button.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Tag, TaskList } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { countsStore, loadCounts } from '../../state/sidebar';
import { useStore } from '../../state/store';
import { tasksStore } from '../../state/tasks';
import { showError, showToast } from '../../state/toasts';

export const COLOURS = ['#2f5d8a', '#2e6b3f', '#b45309', '#b3261e', '#7c3aed', '#0e7490', '#be185d', '#57534e'];

type Kind = 'list' | 'tag';
type Item = Tag | TaskList;

interface Editing {
  kind: Kind;
  item: Item | null;
}

/** The count beside a link: its description ("3 open"), not part of its name. */
function Count({ id, n, label }: { id: string; n: number | undefined; label: string }) {
  return (
    <span id={id} class="sidebar-count" aria-hidden="true" data-testid={`count-${label}`}>
      {n ? n : ''}
      {n ? <span class="visually-hidden"> open</span> : null}
    </span>
  );
}
const countId = (key: string) => `count-${key.replace(/[^\w-]/g, '-')}`;

async function move(kind: Kind, items: Item[], index: number, by: -1 | 1): Promise<void> {
  const to = index + by;
  if (to < 0 || to >= items.length) return;
  const ids = items.map((i) => i.id);
  [ids[index], ids[to]] = [ids[to]!, ids[index]!];
  // Shown at once; the server's order replaces it.
  const byId = new Map(items.map((i) => [i.id, i]));
  const reordered = ids.map((id) => byId.get(id)!);
  tasksStore.set(kind === 'list' ? { lists: reordered as TaskList[] } : { tags: reordered as Tag[] });
  try {
    if (kind === 'list') tasksStore.set({ lists: await api.tasks.reorderLists(ids) });
    else tasksStore.set({ tags: await api.tasks.reorderTags(ids) });
  } catch (err) {
    tasksStore.set(kind === 'list' ? { lists: items as TaskList[] } : { tags: items as Tag[] });
    showError(err);
  }
}

function EditDialog({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { kind, item } = editing;
  const [name, setName] = useState(item?.name ?? '');
  const [color, setColor] = useState<string | null>(item?.color ?? null);
  const [busy, setBusy] = useState(false);
  const noun = kind === 'list' ? 'list' : 'tag';

  const save = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      if (kind === 'list') {
        const list = item
          ? await api.tasks.updateList(item.id, { name: name.trim(), color })
          : await api.tasks.createList(name.trim(), color ?? undefined);
        tasksStore.set((s) => ({
          lists: item ? s.lists.map((l) => (l.id === list.id ? list : l)) : [...s.lists, list],
        }));
      } else {
        const tag = item
          ? await api.tasks.updateTag(item.id, { name: name.trim(), color })
          : await api.tasks.createTag(name.trim(), color ?? undefined);
        tasksStore.set((s) => ({ tags: item ? s.tags.map((t) => (t.id === tag.id ? tag : t)) : [...s.tags, tag] }));
      }
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!item) return;
    setBusy(true);
    try {
      if (kind === 'list') {
        await api.tasks.deleteList(item.id);
        tasksStore.set((s) => ({ lists: s.lists.filter((l) => l.id !== item.id) }));
        if (location.hash === `#/list/${item.id}`) location.hash = '/inbox';
      } else {
        await api.tasks.deleteTag(item.id);
        tasksStore.set((s) => ({ tags: s.tags.filter((t) => t.id !== item.id) }));
        if (location.hash === `#/tag/${item.id}`) location.hash = '/inbox';
      }
      showToast({ message: `Deleted the ${noun} “${item.name}”; its tasks stay` });
      void loadCounts().catch(() => {});
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={item ? `Edit ${noun} “${item.name}”` : `New ${noun}`} onClose={onClose} testId={`${noun}-dialog`}>
      <form class="stack" onSubmit={save}>
        <label class="field">
          <span>Name</span>
          <input value={name} maxLength={kind === 'list' ? 100 : 50} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset class="swatches">
          <legend>Colour</legend>
          <label class="swatch">
            <input type="radio" name="colour" checked={!color} onChange={() => setColor(null)} />
            <span class="swatch-none">None</span>
          </label>
          {COLOURS.map((c) => (
            <label key={c} class="swatch" title={c}>
              <input type="radio" name="colour" checked={color === c} onChange={() => setColor(c)} aria-label={c} />
              <span class="swatch-dot" style={{ background: c }} />
            </label>
          ))}
        </fieldset>
        <div class="button-row">
          {item && (
            <button type="button" class="button button-danger" onClick={() => void remove()} disabled={busy}>
              Delete {noun}
            </button>
          )}
          <span class="spacer" />
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={busy || !name.trim()}>
            {item ? 'Save' : `Create ${noun}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Group({
  kind,
  items,
  path,
  counts,
  onEdit,
}: {
  kind: Kind;
  items: Item[];
  path: string;
  counts: Record<string, number> | undefined;
  onEdit: (e: Editing) => void;
}) {
  const title = kind === 'list' ? 'Lists' : 'Tags';
  const noun = kind === 'list' ? 'list' : 'tag';
  return (
    <section class="sidebar-group" aria-label={title}>
      <div class="sidebar-group-head">
        <h2>{title}</h2>
        <button
          type="button"
          class="icon-button"
          aria-label={`New ${noun}`}
          title={`New ${noun}`}
          onClick={() => onEdit({ kind, item: null })}
        >
          +
        </button>
      </div>
      <ul class="sidebar-items">
        {items.map((item, index) => {
          const href = `/${kind}/${item.id}`;
          return (
            <li key={item.id} class="sidebar-item">
              <a
                href={`#${href}`}
                aria-current={path === href ? 'page' : undefined}
                aria-describedby={countId(href)}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                onKeyDown={(e) => {
                  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                  e.preventDefault();
                  const target = e.currentTarget;
                  void move(kind, items, index, e.key === 'ArrowUp' ? -1 : 1).then(() =>
                    // Focus follows the item to its new place.
                    requestAnimationFrame(() =>
                      target.closest('ul')?.querySelector<HTMLElement>(`a[href="#${href}"]`)?.focus(),
                    ),
                  );
                }}
              >
                <span
                  class={kind === 'tag' ? 'sidebar-hash' : 'sidebar-dot'}
                  style={item.color ? { color: item.color, background: kind === 'list' ? item.color : undefined } : {}}
                  aria-hidden="true"
                >
                  {kind === 'tag' ? '#' : ''}
                </span>
                <span class="sidebar-name">{item.name}</span>
                <Count id={countId(href)} n={counts?.[item.id]} label={`${noun} ${item.name}`} />
              </a>
              <button
                type="button"
                class="icon-button sidebar-more"
                aria-label={`Edit ${noun} ${item.name}`}
                title="Rename, recolour, move or delete"
                onClick={() => onEdit({ kind, item })}
              >
                ⋯
              </button>
              <span class="sidebar-move">
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Move ${noun} ${item.name} up`}
                  disabled={index === 0}
                  onClick={() => void move(kind, items, index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Move ${noun} ${item.name} down`}
                  disabled={index === items.length - 1}
                  onClick={() => void move(kind, items, index, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
        {items.length === 0 && <li class="sidebar-empty">No {noun}s yet</li>}
      </ul>
    </section>
  );
}

export function Sidebar({ path, open, onClose }: { path: string; open: boolean; onClose: () => void }) {
  const { lists, tags } = useStore(tasksStore);
  const { counts } = useStore(countsStore);
  const [editing, setEditing] = useState<Editing | null>(null);

  useEffect(() => {
    loadCounts().catch(() => {});
  }, []);
  // A link followed in the drawer closes it.
  useEffect(() => {
    onClose();
  }, [path]);
  // The drawer opened: the keyboard goes into it (Esc closes it, back to the menu button).
  useEffect(() => {
    if (open) document.querySelector<HTMLElement>('#sidebar a')?.focus();
  }, [open]);

  const views: [string, string, number | undefined][] = [
    ['/inbox', 'Inbox', counts?.inbox],
    ['/today', 'Today', counts?.today],
    ['/upcoming', 'Upcoming', counts?.upcoming],
    ['/all', 'All tasks', undefined],
  ];
  return (
    <>
      {open && <div class="sidebar-scrim" onClick={onClose} aria-hidden="true" />}
      <nav
        class={`sidebar${open ? ' sidebar-open' : ''}`}
        id="sidebar"
        aria-label="Lists and tags"
        onKeyDown={(e) => {
          if (open && e.key === 'Escape') {
            onClose();
            document.querySelector<HTMLElement>('.menu-button')?.focus();
          }
        }}
      >
        <ul class="sidebar-items sidebar-views">
          {views.map(([href, label, n]) => (
            <li key={href} class="sidebar-item">
              <a href={`#${href}`} aria-current={path === href ? 'page' : undefined} aria-describedby={countId(href)}>
                <span class="sidebar-name">{label}</span>
                <Count id={countId(href)} n={n} label={label} />
              </a>
            </li>
          ))}
        </ul>
        <Group kind="list" items={lists} path={path} counts={counts?.lists} onEdit={setEditing} />
        <Group kind="tag" items={tags} path={path} counts={counts?.tags} onEdit={setEditing} />
      </nav>
      {editing && <EditDialog editing={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
