import type { CloudEvent } from '@daybook/contracts';
import { userOf } from '../domain/pushed-events';
import type { ChangeLog } from '../infrastructure/change-log';
import type { Tx } from '../infrastructure/database';
import type { RealtimeMetrics } from '../infrastructure/realtime-metrics';

export interface RecordChangeDeps {
  log: ChangeLog;
  metrics: RealtimeMetrics;
  /** Changes kept per user: older ones are deleted as new ones arrive. */
  retainPerUser: number;
}

/** The seq given to the event, or undefined when it was not recorded (no user, or a duplicate). */
export type RecordChange = (tx: Tx, event: CloudEvent) => Promise<number | undefined>;

/**
 * Records an event that concerns a user in the change log under the user's next sequence
 * number, and announces it to every replica at commit. Runs in the handler's transaction,
 * beside the kit's inbox record, so an event is recorded exactly once however often it is
 * delivered and whichever replica it reaches.
 */
export function recordChange({ log, metrics, retainPerUser }: RecordChangeDeps): RecordChange {
  // Pruning in steps of a tenth keeps it off most recordings.
  const slack = Math.max(1, Math.floor(retainPerUser / 10));
  return async (tx, event) => {
    const userId = userOf(event.data);
    if (!userId) return undefined;
    if (await log.has(tx, event.id)) return undefined;
    const head = await log.nextSeq(tx, userId);
    const seq = head.lastSeq;
    const time = new Date(event.time);
    await log.append(tx, seq, { userId, eventId: event.id, type: event.type, time, data: event.data });
    if (seq - head.prunedThrough > retainPerUser + slack) await log.pruneThrough(tx, userId, seq - retainPerUser);
    await log.announce(tx, {
      userId,
      seq,
      change: { seq, event: { id: event.id, type: event.type, time: time.toISOString(), data: event.data } },
    });
    metrics.changesRecorded.inc({ type: event.type });
    return seq;
  };
}
