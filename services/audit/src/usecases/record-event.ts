import type { CloudEvent, EventContract } from '@daybook/contracts';
import { toAuditRecord } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';
import type { Tx } from '../infrastructure/database';

/** Appends one event to its owner's history, in `tx` (the event's, beside its inbox record). */
export type RecordEvent = (
  contract: Pick<EventContract, 'schema'>,
  event: CloudEvent<unknown>,
  tx: Tx,
) => Promise<void>;

/**
 * Records any Daybook event as one history entry, with the field-level diff of its before
 * and after, and without the fields its contract marks sensitive (the history is append-only and shown to people: a secret written there could
 * never be taken back). Applied once: the kit's inbox record commits in the same `tx`.
 */
export function recordEvent(deps: { store: Pick<AuditStore, 'append'> }): RecordEvent {
  return async (contract, event, tx) => {
    await deps.store.append(tx, toAuditRecord(event, contract));
  };
}
