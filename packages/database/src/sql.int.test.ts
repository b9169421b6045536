import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import type { PoolClient } from 'pg';
import { PoolBusyError, SqlDatabase, TransactionTimeoutError } from './sql';

let db: TestDatabase;
let sql: SqlDatabase;

beforeAll(async () => {
  db = await createTestDatabase([], { empty: true });
  const setup = new SqlDatabase({ databaseUrl: db.url, schema: 'notes' });
  await setup.$executeRawUnsafe('CREATE SCHEMA notes');
  await setup.$executeRawUnsafe('CREATE TABLE notes.notes (id int PRIMARY KEY, body text NOT NULL)');
  await setup.$disconnect();
  sql = new SqlDatabase({ databaseUrl: db.url, schema: 'notes', preparedStatements: true });
});
afterAll(async () => {
  await sql?.$disconnect();
  await db?.drop();
});
beforeEach(() => sql.$executeRawUnsafe('DELETE FROM notes'));

const bodies = async () =>
  (await sql.$queryRawUnsafe<{ body: string }[]>('SELECT body FROM notes ORDER BY id')).map((r) => r.body);

describe('SqlDatabase (plain pg, the hot path)', () => {
  it("runs statements in the service's schema and counts the rows a statement changed", async () => {
    await sql.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2), ($3, $4)', 1, 'a', 2, 'b');
    expect(await sql.$executeRawUnsafe('UPDATE notes SET body = upper(body)')).toBe(2);
    expect(await bodies()).toEqual(['A', 'B']);
  });

  it('commits a transaction that resolves, with its result', async () => {
    const result = await sql.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 1, 'kept');
      return tx.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM notes');
    });
    expect(result).toEqual([{ n: 1 }]);
    expect(await bodies()).toEqual(['kept']);
  });

  it('rolls back everything of a transaction that throws, and rethrows', async () => {
    await expect(
      sql.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 1, 'lost');
        throw new Error('the use case refused');
      }),
    ).rejects.toThrow('the use case refused');
    // A failed statement too: the transaction is rolled back, the connection usable again.
    await expect(
      sql.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 2, 'lost');
        await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 2, 'duplicate');
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await bodies()).toEqual([]);
  });

  it('rolls back a transaction that runs past its timeout, even if its work then succeeds', async () => {
    const run = sql.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 1, 'too late');
        await tx.$queryRawUnsafe('SELECT pg_sleep(0.2)');
      },
      { timeout: 50 },
    );
    await expect(run).rejects.toBeInstanceOf(TransactionTimeoutError);
    await expect(run).rejects.toMatchObject({ code: 'P2028' });
    expect(await bodies()).toEqual([]);
  });

  it('answers PoolBusyError (P2024, a 503 over HTTP) when no connection frees up in time', async () => {
    const small = new SqlDatabase({ databaseUrl: db.url, schema: 'notes', maxConnections: 1, connectionTimeoutMs: 50 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const started = new Promise<void>((resolve) => (holding = resolve));
    const first = small.$transaction(async () => {
      holding();
      await held;
    });
    await started;
    await expect(small.$transaction(async () => undefined)).rejects.toMatchObject({ code: 'P2024' });
    await expect(small.$queryRawUnsafe('SELECT 1')).rejects.toBeInstanceOf(PoolBusyError);
    release();
    await first;
    await small.$disconnect();
  });

  it('survives the server ending a connection in the middle of a transaction (a database restart)', async () => {
    const own = new SqlDatabase({ databaseUrl: db.url, schema: 'notes' });
    const checkedOut = new Promise<PoolClient>((resolve) => own.pool.once('acquire', resolve));
    const run = own.$transaction(async (tx) => {
      const [backend] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 1, 'lost');
      // The server ends the connection between two statements, when no query waits for the error.
      const closed = new Promise((resolve) => void checkedOut.then((client) => client.once('end', resolve)));
      await sql.$queryRawUnsafe('SELECT pg_terminate_backend($1)', backend?.pid);
      await closed;
      await tx.$executeRawUnsafe('INSERT INTO notes (id, body) VALUES ($1, $2)', 2, 'lost');
    });
    await expect(run).rejects.toThrow(/not queryable/);
    // Nothing of it committed, and the pool opens a new connection for the next caller.
    expect(await own.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await bodies()).toEqual([]);
    await own.$disconnect();
    // Without a listener on the checked-out connection, its 'error' is thrown out of the socket's
    // callback and 'end' never comes: the test then fails on this timeout, not after minutes.
  }, 30_000);
});
