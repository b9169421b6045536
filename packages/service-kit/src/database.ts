/**
 * What the kit needs from a service's database client. A generated Prisma client (and its
 * interactive-transaction client) satisfies it, so kit tables (outbox, inbox) are written
 * in the same transaction as the service's own Prisma writes.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * A database client that runs interactive transactions, each on a transaction client of
 * type `Tx` (a generated Prisma client is a `TransactionalDb<Prisma.TransactionClient>`).
 * The kit carries the service's own types through: handlers get the service's `Tx`.
 */
export interface TransactionalDb<Tx extends SqlExecutor = SqlExecutor> extends SqlExecutor {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R>;
  $disconnect(): Promise<void>;
}

/** The transaction client type of a database client. */
export type TxOf<DB> = DB extends TransactionalDb<infer T> ? T : never;

/** Quotes a PostgreSQL identifier we built ourselves (schema names are validated by env). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Connection string with the service's schema as search_path (for raw pg connections). */
export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
