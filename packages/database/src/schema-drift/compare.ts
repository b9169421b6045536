import type { Allowances, ColumnShape, ForeignKeyShape, ReferentialAction, TableShape } from './shapes';

/**
 * Every difference between the tables a schema.prisma describes and the tables its
 * migrations made, one sentence each, naming the service, table and column and what to
 * change. Empty when they agree. Pure, so it can be shown to fail on a doctored model.
 */
export function compareSchemas(input: {
  service: string;
  /** The tables schema.prisma describes. */
  modelled: TableShape[];
  /** Every table of the schemas read from the database. */
  actual: TableShape[];
  /** The schemas read, so allowances for them can be checked for staleness. */
  schemas: string[];
  allowances: Allowances;
}): string[] {
  const { service, modelled, actual, schemas, allowances } = input;
  const actualByName = new Map(actual.map((t) => [qualified(t), t]));
  const modelledNames = new Set(modelled.map(qualified));
  const differences: string[] = [];
  for (const table of modelled) {
    const found = actualByName.get(qualified(table));
    if (!found) {
      differences.push(
        `${service}: model ${table.model} maps to table ${qualified(table)}, which the migrations do not create`,
      );
      continue;
    }
    differences.push(...compareTable(service, table, found, allowances));
  }
  for (const table of actual) {
    if (modelledNames.has(qualified(table)) || allowances.unmodelledTables.includes(table.name)) continue;
    differences.push(`${service}: table ${qualified(table)} exists in the database but no model maps to it (@@map)`);
  }
  differences.push(...staleAllowances(service, modelled, actual, schemas, allowances));
  return differences;
}

function compareTable(service: string, modelled: TableShape, actual: TableShape, allowances: Allowances): string[] {
  const where = `${service}: model ${modelled.model} (table ${qualified(actual)})`;
  return [
    ...compareColumns(where, modelled, actual, allowances),
    ...comparePrimaryKeys(where, modelled, actual),
    ...compareUniques(where, modelled, actual, allowances),
    ...compareForeignKeys(where, modelled, actual),
  ];
}

function compareColumns(where: string, modelled: TableShape, actual: TableShape, allowances: Allowances): string[] {
  const differences: string[] = [];
  for (const [name, expected] of Object.entries(modelled.columns)) {
    const found = actual.columns[name];
    const at = `${where} field ${expected.field} (column ${name})`;
    if (!found) differences.push(`${at}: no such column in the database (check @map)`);
    else differences.push(...compareColumn(at, expected, found));
  }
  for (const [name, found] of Object.entries(actual.columns)) {
    if (name in modelled.columns || `${qualified(actual)}.${name}` in allowances.unmodelledColumns) continue;
    differences.push(
      `${where}: column ${name} (${found.type}${found.notNull ? ' NOT NULL' : ''}) is not modelled: ` +
        `add a field to the model, with @map("${name}") if its name differs`,
    );
  }
  return differences;
}

function compareColumn(at: string, expected: ColumnShape, found: ColumnShape): string[] {
  const differences: string[] = [];
  if (expected.type !== found.type) {
    differences.push(`${at}: type: schema.prisma means ${expected.type}, the database has ${found.type}`);
  } else if (expected.enumLabels && found.enumLabels && !sameList(expected.enumLabels, found.enumLabels)) {
    differences.push(
      `${at}: enum labels: schema.prisma has ${list(expected.enumLabels)}, the database has ${list(found.enumLabels)}`,
    );
  }
  if (expected.notNull !== found.notNull) {
    differences.push(
      expected.notNull
        ? `${at}: nullability: the field is required but the column allows NULL (add NOT NULL, or make the field optional with ?)`
        : `${at}: nullability: the field is optional (?) but the column is NOT NULL (make the field required)`,
    );
  }
  return differences;
}

function comparePrimaryKeys(where: string, modelled: TableShape, actual: TableShape): string[] {
  if (sameList(modelled.primaryKey, actual.primaryKey)) return [];
  return [
    `${where}: primary key: schema.prisma has ${keyOrNone(modelled.primaryKey)} (@id/@@id), ` +
      `the database has ${keyOrNone(actual.primaryKey)}`,
  ];
}

function compareUniques(where: string, modelled: TableShape, actual: TableShape, allowances: Allowances): string[] {
  const differences: string[] = [];
  const allowed = (index: string) => `${actual.schema}.${index}` in allowances.unmodelledUniqueIndexes;
  const actualKeys = new Set(actual.uniques.map((u) => u.columns.join(',')));
  const modelledKeys = new Set(modelled.uniques.map((u) => u.columns.join(',')));
  for (const unique of modelled.uniques) {
    if (!actualKeys.has(unique.columns.join(','))) {
      differences.push(`${where}: unique ${list(unique.columns)}: in schema.prisma but not in the database`);
    }
  }
  for (const unique of actual.uniques) {
    if (modelledKeys.has(unique.columns.join(',')) || allowed(unique.name ?? '')) continue;
    differences.push(
      `${where}: unique index ${unique.name} on ${list(unique.columns)} is not in schema.prisma (add @unique or @@unique)`,
    );
  }
  for (const index of actual.inexpressibleUniques.filter((i) => !allowed(i))) {
    differences.push(
      `${where}: unique index ${index} (on an expression, or partial) cannot be stated in schema.prisma: ` +
        `allow it in the test's allowances, saying why`,
    );
  }
  return differences;
}

function compareForeignKeys(where: string, modelled: TableShape, actual: TableShape): string[] {
  const differences: string[] = [];
  const actualByColumns = new Map(actual.foreignKeys.map((fk) => [fk.columns.join(','), fk]));
  const modelledColumns = new Set(modelled.foreignKeys.map((fk) => fk.columns.join(',')));
  for (const expected of modelled.foreignKeys) {
    const found = actualByColumns.get(expected.columns.join(','));
    const at = `${where} relation ${expected.field} ${list(expected.columns)}`;
    if (!found) differences.push(`${at}: no foreign key on these columns in the database`);
    else differences.push(...compareForeignKey(at, expected, found));
  }
  for (const found of actual.foreignKeys.filter((fk) => !modelledColumns.has(fk.columns.join(',')))) {
    differences.push(
      `${where}: foreign key ${found.name} ${list(found.columns)} → ${target(found)} ON DELETE ${found.onDelete} ` +
        `has no relation field in schema.prisma (add one with @relation(fields, references, onDelete))`,
    );
  }
  return differences;
}

function compareForeignKey(at: string, expected: ForeignKeyShape, found: ForeignKeyShape): string[] {
  const differences: string[] = [];
  if (target(expected) !== target(found)) {
    differences.push(`${at}: references ${target(expected)} in schema.prisma, ${target(found)} in the database`);
  }
  if (!sameAction(expected.onDelete, found.onDelete)) {
    differences.push(`${at}: onDelete: schema.prisma says ${expected.onDelete}, the database ${found.onDelete}`);
  }
  return differences;
}

/** An allowance that no longer matches anything would hide the next real difference. */
function staleAllowances(
  service: string,
  modelled: TableShape[],
  actual: TableShape[],
  schemas: string[],
  allowances: Allowances,
): string[] {
  const inScope = (key: string) => schemas.includes(key.split('.')[0] ?? '');
  const columnKeys = (tables: TableShape[]) =>
    new Set(tables.flatMap((t) => Object.keys(t.columns).map((c) => `${qualified(t)}.${c}`)));
  const existing = columnKeys(actual);
  const modelledColumns = columnKeys(modelled);
  const uniqueIndexes = new Set(
    actual.flatMap((t) => [...t.inexpressibleUniques, ...t.uniques.map((u) => u.name)].map((i) => `${t.schema}.${i}`)),
  );
  const stale = [
    ...Object.keys(allowances.unmodelledColumns)
      .filter(inScope)
      .filter((key) => !existing.has(key) || modelledColumns.has(key)),
    ...Object.keys(allowances.unmodelledUniqueIndexes)
      .filter(inScope)
      .filter((key) => !uniqueIndexes.has(key)),
  ];
  return stale.map(
    (key) => `${service}: the allowance for ${key} is stale (no such thing, or it is modelled now): remove it`,
  );
}

/** NO ACTION and RESTRICT differ only for deferred constraints, which Daybook does not use. */
const sameAction = (a: ReferentialAction, b: ReferentialAction) =>
  a === b || (['NoAction', 'Restrict'].includes(a) && ['NoAction', 'Restrict'].includes(b));

const qualified = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;
const target = (fk: ForeignKeyShape) => `${fk.references}${list(fk.referencedColumns)}`;
const list = (items: string[]) => `(${items.join(', ')})`;
const keyOrNone = (columns: string[]) => (columns.length ? list(columns) : 'none');
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
