import { Pool, type PoolClient, type QueryConfig } from 'pg';
import { statementNamer } from './prisma';

/**
 * Runs SQL, in a transaction or not. Prisma's clients have the same two methods, so code
 * written against this runs on either (the service kit's outbox and inbox do).
 */
export interface SqlTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  /** The number of rows the statement changed. */
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A transaction ran past its timeout: it was rolled back, nothing of it committed. */
export class TransactionTimeoutError extends Error {
  /** Prisma's code for the same failure, so the HTTP layer maps both to a 503. */
  readonly code = 'P2028';
  constructor(timeoutMs: number) {
    super(`transaction rolled back: it ran longer than its ${timeoutMs} ms`);
    this.name = 'TransactionTimeoutError';
  }
}

/** No connection became free in time: the service is overloaded, not broken. */
export class PoolBusyError extends Error {
  /** Prisma's code for the same failure (the HTTP layer answers 503 with Retry-After). */
  readonly code = 'P2024';
  constructor(cause: unknown) {
    super('no database connection became free in time', { cause });
    this.name = 'PoolBusyError';
  }
}

/** pg's error when no connection became free within connectionTimeoutMillis, as PoolBusyError. */
function busy(err: unknown): never {
  throw /timeout exceeded when trying to connect/i.test(String((err as Error)?.message)) ? new PoolBusyError(err) : err;
}

/** Prisma's default, kept: a single change that takes longer holds its locks too long. */
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A service's PostgreSQL on plain `pg`, for the hot paths: a transaction here is BEGIN, the
 * caller's statements, COMMIT on one pooled connection, with nothing between them and the
 * driver. Measured against Prisma's interactive transaction around the same two raw
 * statements: 0.31–0.33 ms of CPU per transaction instead of 1.08–1.11 ms (docs/performance.md).
 *
 * Statements are prepared once per connection when `preparedStatements` is on (see
 * statementNamer). The search_path is the service's schema, as for its Prisma client.
 */
export class SqlDatabase implements SqlTx {
  readonly pool: Pool;
  private readonly name: ((query: { sql: string }) => string) | undefined;

  constructor(opts: {
    databaseUrl: string;
    schema: string;
    maxConnections?: number;
    preparedStatements?: boolean;
    /** How long a caller waits for a free connection before PoolBusyError. */
    connectionTimeoutMs?: number;
  }) {
    this.pool = new Pool({
      connectionString: opts.databaseUrl,
      max: opts.maxConnections ?? 20,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
      options: `-c search_path="${opts.schema}"`,
    });
    // A connection's error (the server restarted) must not crash the process. The pool hears
    // it on an idle connection and drops that one. pg-pool takes its listener off a connection
    // while it is checked out, so one that dies between two statements of a transaction would
    // emit an unheard 'error': every connection gets a listener of its own. Its next statement
    // then fails, the transaction rolls back, and the connection is destroyed on release.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.name = opts.preparedStatements ? statementNamer() : undefined;
  }

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return this.rows(this.pool, query, values).catch(busy) as Promise<T>;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.pool.query(this.config(query, values)).catch(busy)).rowCount ?? 0;
  }

  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. Past
   * `timeout` ms the transaction is doomed: its next statement fails, and it rolls back.
   */
  async $transaction<R>(fn: (tx: SqlTx) => Promise<R>, options: { timeout?: number } = {}): Promise<R> {
    const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const client = await this.pool.connect().catch(busy);
    const started = performance.now();
    const expired = () => performance.now() - started > timeoutMs;
    const guard = () => {
      if (expired()) throw new TransactionTimeoutError(timeoutMs);
    };
    const tx: SqlTx = {
      $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => {
        guard();
        return (await this.rows(client, query, values)) as T;
      },
      $executeRawUnsafe: async (query: string, ...values: unknown[]) => {
        guard();
        return (await client.query(this.config(query, values))).rowCount ?? 0;
      },
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      guard();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is not given to the next caller.
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async $disconnect(): Promise<void> {
    await this.pool.end();
  }

  private async rows(runner: Pool | PoolClient, query: string, values: unknown[]): Promise<unknown[]> {
    return (await runner.query(this.config(query, values))).rows;
  }

  private config(text: string, values: unknown[]): QueryConfig {
    const name = this.name?.({ sql: text });
    return name ? { name, text, values } : { text, values };
  }
}
