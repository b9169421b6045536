import { tagCreated } from '@daybook/contracts';
import { organiserSnapshot } from '../domain/lists-and-tags';
import type { Tag } from '../generated/prisma/client';
import type { Transact } from '../infrastructure/database';
import type { TagStore } from '../infrastructure/tag-store';
import type { Publish } from '../infrastructure/outbox';

/** A person makes a tag; Conflict when they have one of that name (whatever its case). */
export function createTag(deps: { transact: Transact; tags: Pick<TagStore, 'create'>; publish: Publish }) {
  const { transact, tags, publish } = deps;
  return (userId: string, input: { name: string; color: string | null }): Promise<Tag> =>
    transact(async (tx) => {
      const tag = await tags.create(tx, userId, input);
      await publish(tx, tagCreated, { tag: organiserSnapshot(tag) }, { subject: tag.id });
      return tag;
    });
}
export type CreateTag = ReturnType<typeof createTag>;
