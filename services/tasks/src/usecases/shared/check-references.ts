import type { FieldProblem } from '@daybook/service-kit';
import type { Tag } from '../../generated/prisma/client';
import type { Tx } from '../../infrastructure/database';
import type { ListStore } from '../../infrastructure/list-store';
import type { TagStore } from '../../infrastructure/tag-store';
import { InvalidFields } from './invalid-fields';

export type CheckReferences = (tx: Tx, userId: string, tagIds?: string[], listId?: string | null) => Promise<Tag[]>;

/**
 * Tags and lists a task refers to must be the user's own; another user's are as unknown
 * as missing ones (InvalidFields naming each). Returns the tags, in the order asked for.
 */
export function referenceChecker(deps: {
  tags: Pick<TagStore, 'findOwn'>;
  lists: Pick<ListStore, 'exists'>;
}): CheckReferences {
  const { tags, lists } = deps;
  return async (tx, userId, tagIds, listId) => {
    const problems: FieldProblem[] = [];
    let found: Tag[] = [];
    if (tagIds?.length) {
      const known = new Map((await tags.findOwn(tx, userId, tagIds)).map((t) => [t.id, t]));
      found = tagIds.map((t) => known.get(t)).filter((t): t is Tag => t !== undefined);
      tagIds.forEach((t, i) => {
        if (!known.has(t)) problems.push({ field: `body.tagIds.${i}`, message: 'no such tag' });
      });
    }
    if (listId && !(await lists.exists(tx, userId, listId))) {
      problems.push({ field: 'body.listId', message: 'no such list' });
    }
    InvalidFields.check(problems);
    return found;
  };
}
