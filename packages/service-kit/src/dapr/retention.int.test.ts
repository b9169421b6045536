import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { withSearchPath, type SqlExecutor } from '../database';
import { sweepRetention } from './retention';

// The retention sweep on a real PostgreSQL schema with the kit's tables.
let db: TestDatabase;
let pg: Client;
const schema = 'retention';

beforeAll(async () => {
  db = await createTestDatabase([schema]);
  pg = new Client({ connectionString: withSearchPath(db.url, schema) });
  await pg.connect();
});

afterAll(async () => {
  await pg?.end();
  await db?.drop();
});

const sql: SqlExecutor = {
  $executeRawUnsafe: async (q, ...values) => (await pg.query(q, values)).rowCount ?? 0,
  $queryRawUnsafe: async <T>(q: string, ...values: unknown[]) => (await pg.query(q, values)).rows as T,
};

const outboxRow = (label: string, publishedHoursAgo: number | null) =>
  pg.query(
    `INSERT INTO outbox_events (event_id, topic, type, partition_key, cloud_event, created_at, published_at)
     VALUES (gen_random_uuid(), 't', $1, 'k', '{}', now() - interval '500 hours',
             CASE WHEN $2::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $2::float8 * 3600) END)`,
    [label, publishedHoursAgo],
  );

test('published outbox rows and inbox records past their retention go; pending rows and recent ones stay', async () => {
  await outboxRow('published long ago', 100);
  await outboxRow('published an hour ago', 1);
  await outboxRow('never published', null);
  // More old inbox records than one batch holds, and one recent record.
  await pg.query(
    `INSERT INTO processed_events (consumer, event_id, event_type, processed_at)
     SELECT 'c', 'old-' || i, 'x', now() - interval '400 hours' FROM generate_series(1, 25001) i`,
  );
  await pg.query(`INSERT INTO processed_events (consumer, event_id, event_type) VALUES ('c', 'recent', 'x')`);

  const deleted = await sweepRetention(sql, schema, { outboxHours: 72, inboxHours: 336 });

  expect(deleted).toEqual({ outbox: 1, inbox: 25001 });
  const outbox = await pg.query<{ type: string }>('SELECT type FROM outbox_events ORDER BY seq');
  expect(outbox.rows.map((r) => r.type)).toEqual(['published an hour ago', 'never published']);
  const inbox = await pg.query<{ event_id: string }>('SELECT event_id FROM processed_events');
  expect(inbox.rows.map((r) => r.event_id)).toEqual(['recent']);
  // Nothing more to do: a second sweep deletes nothing.
  expect(await sweepRetention(sql, schema, { outboxHours: 72, inboxHours: 336 })).toEqual({ outbox: 0, inbox: 0 });
});
