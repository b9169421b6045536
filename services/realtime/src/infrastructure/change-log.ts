import type { ChangeView } from '../domain/protocol';
import type { Database, Tx } from './database';

/** The PostgreSQL channel every commit to the change log in `schema` notifies (see ChangeFeed). */
export const changesChannel = (schema: string): string => `daybook_changes_${schema}`;
/** NOTIFY payloads must stay under 8000 bytes: larger changes are announced without their body. */
const MAX_INLINE_PAYLOAD = 7_500;

/** What a NOTIFY on CHANGES_CHANNEL carries: the user, the seq, and the change when it fits. */
export interface ChangeNotice {
  userId: string;
  seq: number;
  change?: ChangeView;
}

export interface StreamHead {
  /** The user's newest sequence number (0: nothing recorded). */
  lastSeq: number;
  /** Changes up to here were deleted by retention. */
  prunedThrough: number;
}

export interface NewChange {
  userId: string;
  eventId: string;
  type: string;
  time: Date;
  data: unknown;
}

interface ChangeRow {
  seq: bigint;
  event_id: string;
  type: string;
  time: Date;
  data: unknown;
}

const view = (r: ChangeRow): ChangeView => ({
  seq: Number(r.seq),
  event: { id: r.event_id, type: r.type, time: r.time.toISOString(), data: r.data },
});

/**
 * The change log (tables user_streams and changes): each user's events numbered by their
 * own sequence. Persistence only.
 */
export class ChangeLog {
  private readonly channel: string;

  constructor(
    private readonly db: Database,
    schema: string,
  ) {
    this.channel = changesChannel(schema);
  }

  transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.db.$transaction(work);
  }

  /** Whether an event was recorded already (a redelivery after its inbox record expired). */
  async has(tx: Tx, eventId: string): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM changes WHERE event_id = $1', eventId);
    return rows.length > 0;
  }

  /**
   * Gives the user's next sequence number, holding the user's stream row locked until `tx`
   * ends: a second recording for the same user waits, so changes commit in seq order and
   * the committed seqs of a user are always 1..n without holes.
   */
  async nextSeq(tx: Tx, userId: string): Promise<StreamHead> {
    const [row] = await tx.$queryRawUnsafe<{ last_seq: bigint; pruned_through: bigint }[]>(
      `INSERT INTO user_streams AS s (user_id, last_seq) VALUES ($1::uuid, 1)
       ON CONFLICT (user_id) DO UPDATE SET last_seq = s.last_seq + 1, updated_at = now()
       RETURNING last_seq, pruned_through`,
      userId,
    );
    return { lastSeq: Number(row!.last_seq), prunedThrough: Number(row!.pruned_through) };
  }

  async append(tx: Tx, seq: number, change: NewChange): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO changes (user_id, seq, event_id, type, time, data) VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb)`,
      change.userId,
      seq,
      change.eventId,
      change.type,
      change.time,
      JSON.stringify(change.data),
    );
  }

  /** Deletes a user's changes up to `through` (the caller holds the user's stream row). */
  async pruneThrough(tx: Tx, userId: string, through: number): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM changes WHERE user_id = $1::uuid AND seq <= $2', userId, through);
    await tx.$executeRawUnsafe(
      'UPDATE user_streams SET pruned_through = GREATEST(pruned_through, $2) WHERE user_id = $1::uuid',
      userId,
      through,
    );
  }

  /** Wakes every replica's listeners once `tx` commits (PostgreSQL delivers NOTIFY at commit, in commit order). */
  async announce(tx: Tx, notice: ChangeNotice): Promise<void> {
    let payload = JSON.stringify({ u: notice.userId, s: notice.seq, c: notice.change });
    if (Buffer.byteLength(payload) > MAX_INLINE_PAYLOAD) payload = JSON.stringify({ u: notice.userId, s: notice.seq });
    await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', this.channel, payload);
  }

  async head(userId: string): Promise<StreamHead> {
    const rows = await this.db.$queryRawUnsafe<{ last_seq: bigint; pruned_through: bigint }[]>(
      'SELECT last_seq, pruned_through FROM user_streams WHERE user_id = $1::uuid',
      userId,
    );
    const row = rows[0];
    return row
      ? { lastSeq: Number(row.last_seq), prunedThrough: Number(row.pruned_through) }
      : { lastSeq: 0, prunedThrough: 0 };
  }

  /** The user's changes after `seq`, oldest first, at most `limit`. */
  async after(userId: string, seq: number, limit: number): Promise<ChangeView[]> {
    const rows = await this.db.$queryRawUnsafe<ChangeRow[]>(
      `SELECT seq, event_id, type, time, data FROM changes
       WHERE user_id = $1::uuid AND seq > $2 ORDER BY seq LIMIT $3`,
      userId,
      seq,
      limit,
    );
    return rows.map(view);
  }

  /** Users with changes recorded before `cutoff` (at most `limit` of them). */
  async usersWithChangesBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ user_id: string }[]>(
      'SELECT DISTINCT user_id FROM changes WHERE recorded_at < $1 LIMIT $2',
      cutoff,
      limit,
    );
    return rows.map((r) => r.user_id);
  }

  /** Locks the user's stream row and returns the newest seq recorded before `cutoff`. */
  async lockNewestBefore(tx: Tx, userId: string, cutoff: Date): Promise<number | undefined> {
    await tx.$queryRawUnsafe('SELECT 1 FROM user_streams WHERE user_id = $1::uuid FOR UPDATE', userId);
    const [row] = await tx.$queryRawUnsafe<{ seq: bigint | null }[]>(
      'SELECT max(seq) AS seq FROM changes WHERE user_id = $1::uuid AND recorded_at < $2',
      userId,
      cutoff,
    );
    return row?.seq == null ? undefined : Number(row.seq);
  }

  async removeUser(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM changes WHERE user_id = $1::uuid', userId);
    await tx.$executeRawUnsafe('DELETE FROM user_streams WHERE user_id = $1::uuid', userId);
  }
}
