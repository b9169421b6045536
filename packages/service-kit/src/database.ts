/**
 * What the kit needs from a service's database client. A generated Prisma client (and its
 * interactive-transaction client) satisfies it, so kit tables (outbox, inbox) are written
 * in the same transaction as the service's own Prisma writes.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalDb extends SqlExecutor {
  $transaction<R>(fn: (tx: SqlExecutor) => Promise<R>, options?: { timeout?: number }): Promise<R>;
  $disconnect(): Promise<void>;
}

/** Quotes a PostgreSQL identifier we built ourselves (schema names are validated by env). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Connection string with the service's schema as search_path (for raw pg connections). */
export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
