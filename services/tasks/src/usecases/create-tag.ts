import type { Tag } from '../generated/prisma/client';
import type { TagStore } from '../infrastructure/tag-store';

/** A person makes a tag; Conflict when they have one of that name (whatever its case). */
export function createTag(deps: { tags: Pick<TagStore, 'create'> }) {
  const { tags } = deps;
  return (userId: string, tag: { name: string; color: string | null }): Promise<Tag> => tags.create(userId, tag);
}
export type CreateTag = ReturnType<typeof createTag>;
