// The HTTP floor of bench/task-crud.ts (--http-floor): the least a Node service can spend on
// the bench's five operations on this machine. It serves the same routes and bodies as the
// tasks service for the bench's cycle, with node:http and `pg` and nothing else: no Express,
// no validation, no JWT check (the user is read from the token's payload unverified), no
// request context, metrics or logging. Every write is still one atomic statement with its
// outbox row (a data-modifying CTE, autocommit: one round trip), into a copy of the outbox
// table with the same indexes and NOTIFY trigger, so the real relay does not publish it.
// Statements are prepared once per connection, as the tasks service's are.
//
// Needs DATABASE_URL (the bench's database; the bench creates tasks.bench_outbox_events).
// Prints its port on stdout.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  options: '-c search_path=tasks',
  application_name: 'bench-http-floor',
});

const COLUMNS = 'id, title, status, priority, version, created_at, updated_at, completed_at';
/** `change` (an INSERT or UPDATE … RETURNING) and its outbox row, in one statement. */
const withEvent = (change: string, n: number) =>
  `WITH change AS (${change} RETURNING ${COLUMNS}),
   event AS (INSERT INTO bench_outbox_events (event_id, topic, type, partition_key, cloud_event)
             VALUES ($${n + 1}::uuid, 'tasks', $${n + 2}, $${n + 3}, $${n + 4}::jsonb))
   SELECT * FROM change`;
const STATEMENTS = {
  create: withEvent(`INSERT INTO tasks (id, user_id, title, priority, position) VALUES ($1, $2, $3, $4, 'a0')`, 4),
  get: `SELECT ${COLUMNS} FROM tasks WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`,
  update: withEvent(
    `UPDATE tasks SET title = $3, version = version + 1, updated_at = now()
     WHERE id = $1 AND user_id = $2 AND version = $4 AND deleted_at IS NULL`,
    4,
  ),
  complete: withEvent(
    `UPDATE tasks SET status = 'done', completed_at = now(), version = version + 1, updated_at = now()
     WHERE id = $1 AND user_id = $2 AND version = $3 AND deleted_at IS NULL`,
    3,
  ),
  delete: withEvent(
    `UPDATE tasks SET deleted_at = now(), version = version + 1, updated_at = now()
     WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`,
    2,
  ),
};

type Operation = keyof typeof STATEMENTS;

/**
 * BARE_WRITES=transaction runs each write as the tasks service does: BEGIN, the row locked
 * and read (for an update), the statement, COMMIT, on one connection; the default is the
 * statement alone.
 */
const TRANSACTIONS = process.env.BARE_WRITES === 'transaction';
const LOCK = `SELECT ${COLUMNS} FROM tasks WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL FOR UPDATE`;

async function run(op: Operation, params: unknown[], user: string, type?: string) {
  const values = type
    ? [...params, randomUUID(), type, user, JSON.stringify({ type, data: { userId: user, id: params[0] } })]
    : params;
  if (!TRANSACTIONS || !type) {
    const { rows } = await pool.query({ name: op, text: STATEMENTS[op], values });
    return rows[0] as Record<string, unknown> | undefined;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (op !== 'create') {
      const locked = await client.query({ name: 'lock', text: LOCK, values: params.slice(0, 2) });
      if (locked.rowCount === 0) {
        await client.query('ROLLBACK');
        return undefined;
      }
    }
    const { rows } = await client.query({ name: op, text: STATEMENTS[op], values });
    await client.query('COMMIT');
    return rows[0] as Record<string, unknown> | undefined;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

async function handle(req: IncomingMessage, body: unknown, res: ServerResponse) {
  const token = (req.headers.authorization ?? '').slice('Bearer '.length);
  const user = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
  const [, , , id, action] = (req.url ?? '').split('/'); // /api/tasks/:id/complete
  const version = Number((req.headers['if-match'] ?? '').replaceAll('"', ''));
  const found = (row: Record<string, unknown> | undefined, status = 200) =>
    row ? send(res, status, row) : send(res, 404, { title: 'Not Found' });
  if (req.method === 'POST' && !id) {
    const input = body as { title: string; priority: string };
    return found(await run('create', [randomUUID(), user, input.title, input.priority], user, 'task.created'), 201);
  }
  if (req.method === 'GET') return found(await run('get', [id, user], user));
  if (req.method === 'PATCH') {
    const input = body as { title: string };
    return found(await run('update', [id, user, input.title, version], user, 'task.updated'));
  }
  if (req.method === 'POST' && action === 'complete') {
    return found(await run('complete', [id, user, version], user, 'task.completed'));
  }
  if (req.method === 'DELETE') {
    return found(await run('delete', [id, user], user, 'task.deleted'));
  }
  send(res, 404, { title: 'Not Found' });
}

/** BARE_HTTP=express serves the same routes through Express and its JSON body parser. */
function expressApp() {
  const app = express();
  app.use(express.json());
  const route = (req: Request, res: Response, next: NextFunction) => handle(req, req.body, res).catch(next);
  app.post('/api/tasks', route);
  app.get('/api/tasks/:id', route);
  app.patch('/api/tasks/:id', route);
  app.post('/api/tasks/:id/complete', route);
  app.delete('/api/tasks/:id', route);
  return app;
}

const server = createServer(
  process.env.BARE_HTTP === 'express'
    ? expressApp()
    : (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          handle(req, text ? JSON.parse(text) : undefined, res).catch((err: Error) =>
            send(res, 500, { title: err.message }),
          );
        });
      },
);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
