import { compareSchemas } from './compare';
import { modelledTables } from './prisma-model';
import type { Allowances, TableShape } from './shapes';

// The comparator on a small model and the catalog rows it should match: agreeing sides
// give nothing, and each kind of drift is named with its table, column and what differs.

const SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Status {
  open
  done  @map("finished")
}

model Owner {
  id    String @id @db.Uuid
  notes Note[]

  @@map("owners")
}

model Note {
  id      String   @id @db.Uuid
  ownerId String   @map("owner_id") @db.Uuid
  title   String
  body    String?
  tags    String[] @default([])
  status  Status   @default(open)
  at      DateTime @db.Timestamptz(3)
  seen    DateTime
  owner   Owner    @relation(fields: [ownerId], references: [id], onDelete: Cascade)

  @@unique([ownerId, title])
  @@map("notes")
}
`;

const modelled = () => modelledTables(SCHEMA, { fileName: 'schema.prisma', defaultSchema: 'app' });

/** A catalog table in schema `app` with an `id` primary key and nothing else unless given. */
const table = (name: string, rest: Partial<TableShape>): TableShape => ({
  schema: 'app',
  name,
  columns: {},
  primaryKey: ['id'],
  uniques: [],
  inexpressibleUniques: [],
  foreignKeys: [],
  ...rest,
});

/** What PostgreSQL's catalog says for tables made to match SCHEMA. */
function matchingCatalog(): TableShape[] {
  return [
    table('owners', { columns: { id: { type: 'uuid', notNull: true } } }),
    table('notes', {
      columns: {
        id: { type: 'uuid', notNull: true },
        owner_id: { type: 'uuid', notNull: true },
        title: { type: 'text', notNull: true },
        body: { type: 'text', notNull: false },
        tags: { type: 'text[]', notNull: true },
        status: { type: 'enum Status', notNull: true, enumLabels: ['open', 'finished'] },
        at: { type: 'timestamp(3) with time zone', notNull: true },
        seen: { type: 'timestamp(3) without time zone', notNull: true },
      },
      uniques: [{ columns: ['owner_id', 'title'], name: 'notes_owner_id_title_key' }],
      foreignKeys: [
        {
          columns: ['owner_id'],
          references: 'app.owners',
          referencedColumns: ['id'],
          onDelete: 'Cascade',
          name: 'notes_owner_id_fkey',
        },
      ],
    }),
    table('_prisma_migrations', { columns: { id: { type: 'character varying(36)', notNull: true } } }),
  ];
}

const NO_ALLOWANCES: Allowances = {
  unmodelledTables: ['_prisma_migrations'],
  unmodelledColumns: {},
  unmodelledUniqueIndexes: {},
};

const compare = (actual: TableShape[], allowances = NO_ALLOWANCES) =>
  compareSchemas({ service: 'notes', modelled: modelled(), actual, schemas: ['app'], allowances });

/** The catalog with one table's shape changed. */
function withNotes(change: (notes: TableShape) => void): TableShape[] {
  const catalog = matchingCatalog();
  change(catalog.find((t) => t.name === 'notes')!);
  return catalog;
}

const NOTES = 'notes: model Note (table app.notes)';

test('a model and the catalog that matches it agree', () => {
  expect(compare(matchingCatalog())).toEqual([]);
});

test.each<[string, (notes: TableShape) => void, string]>([
  [
    'a different type',
    (t) => (t.columns.title = { type: 'character varying(200)', notNull: true }),
    `${NOTES} field title (column title): type: schema.prisma means text, the database has character varying(200)`,
  ],
  [
    'a different timestamp precision',
    (t) => (t.columns.at = { type: 'timestamp(6) with time zone', notNull: true }),
    `${NOTES} field at (column at): type: schema.prisma means timestamp(3) with time zone, the database has timestamp(6) with time zone`,
  ],
  [
    'a different nullability',
    (t) => (t.columns.title = { type: 'text', notNull: false }),
    `${NOTES} field title (column title): nullability: the field is required but the column allows NULL (add NOT NULL, or make the field optional with ?)`,
  ],
  [
    'different enum labels',
    (t) => (t.columns.status = { type: 'enum Status', notNull: true, enumLabels: ['open', 'done'] }),
    `${NOTES} field status (column status): enum labels: schema.prisma has (open, finished), the database has (open, done)`,
  ],
  [
    'a column only the database has',
    (t) => (t.columns.archived = { type: 'boolean', notNull: true }),
    `${NOTES}: column archived (boolean NOT NULL) is not modelled: add a field to the model, with @map("archived") if its name differs`,
  ],
  [
    'a column only schema.prisma has',
    (t) => delete t.columns.body,
    `${NOTES} field body (column body): no such column in the database (check @map)`,
  ],
  [
    'a different primary key',
    (t) => (t.primaryKey = ['id', 'owner_id']),
    `${NOTES}: primary key: schema.prisma has (id) (@id/@@id), the database has (id, owner_id)`,
  ],
  [
    'a missing unique index',
    (t) => (t.uniques = []),
    `${NOTES}: unique (owner_id, title): in schema.prisma but not in the database`,
  ],
  [
    'a different onDelete',
    (t) => (t.foreignKeys[0]!.onDelete = 'SetNull'),
    `${NOTES} relation owner (owner_id): onDelete: schema.prisma says Cascade, the database SetNull`,
  ],
])('reports %s', (_what, change, difference) => {
  expect(compare(withNotes(change))).toEqual([difference]);
});

test('reports tables on either side only, and allows what is allowed, with a reason', () => {
  const catalog = matchingCatalog().filter((t) => t.name !== 'owners');
  catalog.push(table('drafts', { columns: { id: { type: 'uuid', notNull: true } } }));
  expect(compare(catalog)).toEqual([
    'notes: model Owner maps to table app.owners, which the migrations do not create',
    'notes: table app.drafts exists in the database but no model maps to it (@@map)',
  ]);
  const search = withNotes((t) => {
    t.columns.search = { type: 'tsvector', notNull: false };
    t.inexpressibleUniques.push('notes_lower_title_key');
  });
  expect(compare(search)).toHaveLength(2);
  const allowances = {
    ...NO_ALLOWANCES,
    unmodelledColumns: { 'app.notes.search': 'generated' },
    unmodelledUniqueIndexes: { 'app.notes_lower_title_key': 'on an expression' },
  };
  expect(compare(search, allowances)).toEqual([]);
});

test('reports an allowance that no longer matches anything', () => {
  const allowances = { ...NO_ALLOWANCES, unmodelledColumns: { 'app.notes.title': 'was generated once' } };
  expect(compare(matchingCatalog(), allowances)).toEqual([
    'notes: the allowance for app.notes.title is stale (no such thing, or it is modelled now): remove it',
  ]);
});
