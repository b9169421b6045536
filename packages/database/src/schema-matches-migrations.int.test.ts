// Each schema.prisma must describe exactly the tables its SQL migrations make: nothing else
// checks it, and a column added in SQL only, a wrong type or a nullability mismatch would
// otherwise surface as a runtime error (or silently wrong data) in the generated client.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '@daybook/substrate';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { PLATFORM_MIGRATIONS, prismaDir } from './migrate';
import { catalogTables } from './schema-drift/catalog';
import { compareSchemas } from './schema-drift/compare';
import { modelledTables } from './schema-drift/prisma-model';
import type { Allowances } from './schema-drift/shapes';

/** Every prisma/<service> with a schema.prisma; its PostgreSQL schema has the service's name. */
const services = readdirSync(prismaDir(REPO_ROOT))
  .filter((dir) => dir !== PLATFORM_MIGRATIONS && existsSync(join(prismaDir(REPO_ROOT), dir, 'schema.prisma')))
  .sort();

/**
 * A schema with the platform migrations only, for prisma/_platform/schema.prisma (the
 * outbox and inbox every service schema has a copy of).
 */
const PLATFORM_ONLY_SCHEMA = 'platform_tables_only';

const ALLOWANCES: Allowances = {
  // In every service schema, written by service-kit in SQL (modelled in prisma/_platform,
  // checked below), and the migration runner's own ledger.
  unmodelledTables: ['outbox_events', 'processed_events', '_prisma_migrations'],
  unmodelledColumns: {
    'tasks.tasks.search':
      'generated tsvector for full-text search, read by raw SQL only: schema.prisma declares it ' +
      'Unsupported("tsvector"), which Prisma leaves out of its data model',
    'journal.entries.search':
      'generated tsvector for full-text search of entries, read by raw SQL only (as tasks.search)',
  },
  unmodelledUniqueIndexes: {
    'tasks.tags_user_name_key':
      "a tag name is unique per user whatever its case, an index on lower(name): Prisma's schema " +
      'language cannot state an index on an expression',
  },
};

let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  // Services without migrations of their own are not in the template; the runner still
  // gives them the platform tables, as `npm run migrate` does in production.
  db = await createTestDatabase([...services, PLATFORM_ONLY_SCHEMA]);
  client = new Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const readSchema = (prismaFolder: string) =>
  readFileSync(join(prismaDir(REPO_ROOT), prismaFolder, 'schema.prisma'), 'utf8');

async function differences(prismaFolder: string, databaseSchema: string, source = readSchema(prismaFolder)) {
  const modelled = modelledTables(source, {
    fileName: `prisma/${prismaFolder}/schema.prisma`,
    defaultSchema: databaseSchema,
  });
  // @@schema may place a model elsewhere: every schema named is read, and must be modelled.
  const schemas = [...new Set([databaseSchema, ...modelled.map((t) => t.schema)])];
  const actual = await catalogTables(client, schemas);
  return compareSchemas({ service: prismaFolder, modelled, actual, schemas, allowances: ALLOWANCES });
}

test('finds the services', () => {
  expect(services).toEqual(expect.arrayContaining(['identity', 'tasks', 'recurring', 'reminders', 'audit']));
});

test.each(services)('prisma/%s/schema.prisma matches the database its migrations make', async (service) => {
  expect(await differences(service, service)).toEqual([]);
});

test('prisma/_platform/schema.prisma matches the platform tables', async () => {
  expect(await differences(PLATFORM_MIGRATIONS, PLATFORM_ONLY_SCHEMA)).toEqual([]);
});

test('reads enums, arrays, precisions and composite keys from the catalog as Prisma means them', async () => {
  // Kinds of column and key no service uses yet, so their first use is not also the
  // first time this test reads them.
  await client.query(`
    CREATE SCHEMA probe;
    CREATE TYPE probe.mood AS ENUM ('calm', 'busy');
    CREATE TABLE probe.boards (owner uuid, slug varchar(40), PRIMARY KEY (owner, slug));
    CREATE TABLE probe.cards (
      id bigserial PRIMARY KEY,
      owner uuid NOT NULL,
      slug varchar(40) NOT NULL,
      moods probe.mood[] NOT NULL DEFAULT '{}',
      mood probe.mood,
      price numeric(10, 2),
      seen timestamp,
      at timestamptz(0),
      data json,
      raw bytea,
      ratio double precision,
      ok boolean NOT NULL,
      FOREIGN KEY (owner, slug) REFERENCES probe.boards ON DELETE RESTRICT,
      UNIQUE (slug, owner));
    CREATE UNIQUE INDEX cards_price_key ON probe.cards (price) INCLUDE (ok);`);
  const source = `
    datasource db {
      provider = "postgresql"
    }
    enum Mood {
      calm
      busy
      @@map("mood")
    }
    model Board {
      owner String @db.Uuid
      slug  String @db.VarChar(40)
      cards Card[]
      @@id([owner, slug])
      @@map("boards")
    }
    model Card {
      id    BigInt    @id @default(autoincrement())
      owner String    @db.Uuid
      slug  String    @db.VarChar(40)
      moods Mood[]
      mood  Mood?
      price Decimal?  @unique @db.Decimal(10, 2)
      seen  DateTime? @db.Timestamp
      at    DateTime? @db.Timestamptz(0)
      data  Json?     @db.Json
      raw   Bytes?
      ratio Float?
      ok    Boolean
      board Board     @relation(fields: [owner, slug], references: [owner, slug], onDelete: Restrict)
      @@unique([slug, owner])
      @@map("cards")
    }`;
  const modelled = modelledTables(source, { fileName: 'probe.prisma', defaultSchema: 'probe' });
  const actual = await catalogTables(client, ['probe']);
  const allowances = { ...ALLOWANCES, unmodelledColumns: {}, unmodelledUniqueIndexes: {} };
  expect(compareSchemas({ service: 'probe', modelled, actual, schemas: ['probe'], allowances })).toEqual([]);
  expect(actual.find((t) => t.name === 'cards')?.columns.mood).toEqual({
    type: 'enum mood',
    notNull: false,
    enumLabels: ['calm', 'busy'],
  });
});

/** Replaces each `from` once, refusing a `from` that is not there (the test would prove nothing). */
function doctor(source: string, edits: [from: string, to: string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`doctoring: "${from}" is not in the schema`);
    return text.replace(from, to);
  }, source);
}

test('a doctored schema.prisma is reported, naming service, table, column and what differs', async () => {
  const doctored = doctor(readSchema('tasks'), [
    ['  title          String\n', '  title          String?\n'],
    ['  version        Int ', '  version        BigInt '],
    ['  dueTimeZone    String?    @map("due_time_zone")\n', ''],
    [
      '  occurrenceKey  String?    @unique @map("occurrence_key")',
      '  occurrenceKey  String?    @map("occurrence_key")',
    ],
    ['onDelete: SetNull', 'onDelete: Cascade'],
    ['@map("minutes_before")', '@map("minutes_ahead")'],
    ['@@map("user_settings")', '@@map("user_setting")'],
  ]);
  const found = await differences('tasks', 'tasks', doctored);
  expect([...found].sort()).toEqual(
    [
      'tasks: model Task (table tasks.tasks) field title (column title): nullability: the field is optional (?) but the column is NOT NULL (make the field required)',
      'tasks: model Task (table tasks.tasks) field version (column version): type: schema.prisma means bigint, the database has integer',
      'tasks: model Task (table tasks.tasks): column due_time_zone (text) is not modelled: add a field to the model, with @map("due_time_zone") if its name differs',
      'tasks: model Task (table tasks.tasks): unique index tasks_occurrence_key_key on (occurrence_key) is not in schema.prisma (add @unique or @@unique)',
      'tasks: model Task (table tasks.tasks) relation list (list_id): onDelete: schema.prisma says Cascade, the database SetNull',
      'tasks: model Reminder (table tasks.reminders) field minutesBefore (column minutes_ahead): no such column in the database (check @map)',
      'tasks: model Reminder (table tasks.reminders): column minutes_before (integer) is not modelled: add a field to the model, with @map("minutes_before") if its name differs',
      'tasks: model UserSettings maps to table tasks.user_setting, which the migrations do not create',
      'tasks: table tasks.user_settings exists in the database but no model maps to it (@@map)',
    ].sort(),
  );
});
