import type { Tag } from '../generated/prisma/client';
import type { TagStore } from '../infrastructure/tag-store';

/** A person's tags, by name. */
export function listTags(deps: { tags: Pick<TagStore, 'list'> }) {
  const { tags } = deps;
  return (userId: string): Promise<Tag[]> => tags.list(userId);
}
export type ListTags = ReturnType<typeof listTags>;
