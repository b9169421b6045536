import type { CloudEvent, EventContract } from '@daybook/contracts';
import type { EventHandlerContext } from '@daybook/service-kit';
import { toAuditRecord } from '../domain/audit-entry';
import type { Database } from '../infrastructure/database';

type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * Appends one history record, in the same transaction as the inbox entry (applied once),
 * without the fields `contract` marks sensitive.
 */
export async function recordEvent(
  contract: EventContract,
  event: CloudEvent<unknown>,
  { tx }: EventHandlerContext,
): Promise<void> {
  const record = toAuditRecord(event, contract);
  await (tx as Tx).auditEntry.create({
    data: {
      ...record,
      before: record.before === null ? undefined : (record.before as object),
      after: record.after === null ? undefined : (record.after as object),
    },
  });
}
