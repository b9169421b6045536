import type { CloudEvent, EventData, userDeleted } from '@daybook/contracts';
import type { EventHandlerContext } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';

type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * An account was deleted: its history goes too (the right to be forgotten outweighs the
 * append-only rule, which forbids rewriting entries, not removing a person's own).
 */
export async function forgetUser(
  event: CloudEvent<EventData<typeof userDeleted>>,
  { tx, log }: EventHandlerContext,
): Promise<void> {
  const { count } = await (tx as Tx).auditEntry.deleteMany({ where: { userId: event.data.userId } });
  log.info({ userId: event.data.userId, entries: count }, 'history of a deleted account removed');
}
