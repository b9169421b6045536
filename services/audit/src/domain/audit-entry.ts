import { eventSnapshot, eventUserId, withoutSensitive, type CloudEvent, type EventContract } from '@daybook/contracts';
import { fieldDiff, type FieldChange } from './field-diff';

export interface AuditRecord {
  eventId: string;
  eventType: string;
  entityType: string;
  entityId: string;
  userId: string;
  /** Who caused the event (actorOf): `user:<id>` or `service:<name>`. */
  actor: string;
  before: unknown;
  after: unknown;
  /** The field-level diff of before and after; null when there is no before to compare. */
  changes: FieldChange[] | null;
  occurredAt: Date;
  correlationId: string;
  causationId: string | null;
}

/** Entries are numbered by a PostgreSQL bigint: the largest id there can be. */
export const MAX_ENTRY_ID = 2n ** 63n - 1n;

/** A recorded entry as the history shows it: its record, its id (the cursor) and when it was written. */
export interface HistoryEntry extends Omit<AuditRecord, 'actor'> {
  /** Null on entries written before actors were kept. */
  actor: string | null;
  id: bigint;
  recordedAt: Date;
}

/** Whose history, and optionally of which one entity, which event types and when. */
export interface HistoryFilter {
  userId: string;
  entityType?: string;
  entityId?: string;
  /** Only entries of these event types (e.g. daybook.task.updated.v1). */
  eventTypes?: string[];
  /** Only entries of events that happened at or after `from`, and before `to`. */
  from?: Date;
  to?: Date;
}

/** One page of a history, newest first: `cursor` is the id of the previous page's last entry. */
export interface PageRequest {
  limit: number;
  cursor?: bigint;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** The id of this page's last entry when there are older ones; null on the last page. */
  nextCursor: bigint | null;
}

/**
 * Who caused an event. The kit stamps an event published while serving an HTTP request with
 * that request's correlation id as its causation, and one published while handling another
 * event with that event's id: the first is the signed-in user's doing (every change of a
 * user's data is made by that user), the second the publishing service's, acting for them.
 */
export function actorOf(event: Pick<CloudEvent<unknown>, 'source' | 'correlationid' | 'causationid'>, userId: string) {
  return event.causationid !== undefined && event.causationid === event.correlationid
    ? `user:${userId}`
    : `service:${event.source}`;
}

type Data = Record<string, unknown> & { before?: unknown };

/**
 * Turns any Daybook event into a history record: the entity is the event type's second
 * segment (`daybook.task.completed.v1` → task), its id the partition key (every contract
 * keys by its entity's id), the owner the event's user, the state after it the snapshot it
 * carries (task, entry, notification) or else its data. Every field the contract marks
 * sensitive is replaced by a marker first: the history is append-only and shown to
 * people, so a secret written there could never be taken back. The field-level diff is
 * computed then, from what is kept (a secret's change shows as no change).
 */
export function toAuditRecord(event: CloudEvent<unknown>, contract: Pick<EventContract, 'schema'>): AuditRecord {
  const data = withoutSensitive(contract, (event.data ?? {}) as Data);
  const entityType = event.type.split('.')[1] ?? 'unknown';
  const userId = eventUserId(data);
  if (!userId) throw new Error(`event ${event.type} carries no user id`);
  const after = eventSnapshot(data) ?? data;
  const before = data.before ?? null;
  return {
    eventId: event.id,
    eventType: event.type,
    entityType,
    entityId: event.partitionkey,
    userId,
    actor: actorOf(event, userId),
    before,
    after: after ?? null,
    changes: fieldDiff(before, after),
    occurredAt: new Date(event.time),
    correlationId: event.correlationid,
    causationId: event.causationid ?? null,
  };
}
