import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { ColumnShape, ForeignKeyShape, ReferentialAction, TableShape } from './shapes';

// Reads a schema.prisma through Prisma's own parser (the Wasm build `prisma generate` and
// @prisma/internals' getDMMF use), so @map, @@map, @@schema, @id and @unique mean exactly
// what they mean to the generated client. Only the parts of the DMMF read here are typed.

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: ReferentialAction;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}

interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

interface DataModel {
  models: DmmfModel[];
  enums: DmmfEnum[];
}

/**
 * The tables a schema.prisma describes. Fields of an `Unsupported(...)` type are not in
 * Prisma's data model at all, so their columns need an allowance on the catalog side.
 */
export function modelledTables(source: string, opts: { fileName: string; defaultSchema: string }): TableShape[] {
  const dataModel = readDataModel(source, opts.fileName);
  const models = new Map(dataModel.models.map((m) => [m.name, m]));
  const enums = new Map(dataModel.enums.map((e) => [e.name, e]));
  const tableOf = (model: DmmfModel) => ({
    schema: model.schema ?? opts.defaultSchema,
    name: model.dbName ?? model.name,
  });
  return dataModel.models.map((model) => {
    const columnOf = columnNames(model);
    const scalars = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    return {
      ...tableOf(model),
      model: model.name,
      columns: Object.fromEntries(scalars.map((f) => [columnOf(f.name), expectedColumn(f, enums)])),
      primaryKey: (model.primaryKey?.fields ?? scalars.filter((f) => f.isId).map((f) => f.name)).map(columnOf),
      uniques: [...scalars.filter((f) => f.isUnique).map((f) => [f.name]), ...model.uniqueFields].map((fields) => ({
        columns: fields.map(columnOf),
      })),
      inexpressibleUniques: [],
      foreignKeys: model.fields
        .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
        .map((f) => expectedForeignKey(f, columnOf, models, tableOf)),
    };
  });
}

function readDataModel(source: string, fileName: string): DataModel {
  try {
    const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[fileName, source]], noColor: true })));
    return dmmf.datamodel as DataModel;
  } catch (err) {
    // The Wasm parser throws its error as JSON ({ error_code, message }).
    const text = String(err).replace(/^Error: /, '');
    const message = text.startsWith('{') ? (JSON.parse(text) as { message: string }).message : text;
    throw new Error(`${fileName} is not a valid Prisma schema: ${message}`);
  }
}

/** Field name → column name (`@map`), for a model's own fields. */
function columnNames(model: DmmfModel): (field: string) => string {
  const byField = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
  return (field) => byField.get(field) ?? field;
}

function expectedColumn(field: DmmfField, enums: Map<string, DmmfEnum>): ColumnShape {
  const enumType = field.kind === 'enum' ? enums.get(field.type) : undefined;
  const base = enumType ? `enum ${enumType.dbName ?? enumType.name}` : postgresType(field);
  return {
    type: field.isList ? `${base}[]` : base,
    // A list is never null in the generated client's types, so its column must not be either.
    notNull: field.isList || field.isRequired,
    ...(enumType && { enumLabels: enumType.values.map((v) => v.dbName ?? v.name) }),
    field: field.name,
  };
}

function expectedForeignKey(
  field: DmmfField,
  columnOf: (field: string) => string,
  models: Map<string, DmmfModel>,
  tableOf: (model: DmmfModel) => { schema: string; name: string },
): ForeignKeyShape {
  const referenced = models.get(field.type);
  if (!referenced) throw new Error(`relation ${field.name} points at unknown model ${field.type}`);
  const referencedTable = tableOf(referenced);
  return {
    columns: (field.relationFromFields ?? []).map(columnOf),
    references: `${referencedTable.schema}.${referencedTable.name}`,
    referencedColumns: (field.relationToFields ?? []).map(columnNames(referenced)),
    // Prisma's defaults when onDelete is not given: Restrict if required, SetNull if optional.
    onDelete: field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
    field: field.name,
  };
}

/** Prisma's mapping of a scalar field to PostgreSQL, in `format_type`'s spelling. */
function postgresType(field: DmmfField): string {
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    return (NATIVE_TYPES[name] ?? ((a) => `${name.toLowerCase()}${params(a)}`))(args);
  }
  const type = DEFAULT_TYPES[field.type];
  if (!type) throw new Error(`field ${field.name}: no PostgreSQL mapping known for Prisma type ${field.type}`);
  return type;
}

/** Without @db.*: Prisma's default PostgreSQL type for each scalar. */
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const params = (args: string[]) => (args.length ? `(${args.join(',')})` : '');
/** PostgreSQL's default time precision is 6; the catalog side spells it out as well. */
const precision = (args: string[]) => `(${args[0] ?? 6})`;

/** @db.<Name>(args) → the PostgreSQL type. */
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Char: (a) => `character${params(a)}`,
  VarChar: (a) => `character varying${params(a)}`,
  Bit: (a) => `bit${params(a)}`,
  VarBit: (a) => `bit varying${params(a)}`,
  Uuid: () => 'uuid',
  Xml: () => 'xml',
  Inet: () => 'inet',
  Citext: () => 'citext',
  Boolean: () => 'boolean',
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  Oid: () => 'oid',
  BigInt: () => 'bigint',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: (a) => `numeric${params(a)}`,
  Money: () => 'money',
  Date: () => 'date',
  Time: (a) => `time${precision(a)} without time zone`,
  Timetz: (a) => `time${precision(a)} with time zone`,
  Timestamp: (a) => `timestamp${precision(a)} without time zone`,
  Timestamptz: (a) => `timestamp${precision(a)} with time zone`,
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
};
