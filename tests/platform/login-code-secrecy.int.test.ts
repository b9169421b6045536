import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { SENSITIVE_MARKER, cloudEventSchema, loginCodeRequested, type EventData } from '@daybook/contracts';
import {
  kafkaTap,
  startStack,
  unsealLoginCode,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// Issue 9, "no secret in clear anywhere", for the one-time login code: identity seals it
// for notifications, so it is readable nowhere else it travels or rests — Kafka, identity's
// outbox, audit's append-only history, any log of the run — while the sealed value, opened
// with the key as notifications would, is the code that signs in.
let stack: Stack;
let identity: ServiceUnderTest;
let audit: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  stack = await startStack({
    name: 'login-code-secrecy',
    services: ['identity', 'audit'],
    consumes: { audit: [loginCodeRequested.topic] },
  });
  ({ identity, audit } = stack.services as { identity: ServiceUnderTest; audit: ServiceUnderTest });
  tap = await kafkaTap([loginCodeRequested.topic]);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${identity.baseUrl}/api/identity${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every log file under a directory, recursively (each service's and each daprd's). */
function logFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? logFilesUnder(join(dir, entry.name))
      : entry.name.endsWith('.log')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('a login code is sealed on the wire and absent from the outbox, the audit history and the logs', async () => {
  const email = `ada-${randomBytes(4).toString('hex')}@example.com`;
  const signup = await post<{ user: { id: string } }>('/signup', {
    email,
    password: 'correct horse battery',
    timeZone: 'Europe/London',
  });
  expect(signup.status).toBe(201);
  const userId = signup.body.user.id;

  expect((await post('/login-code', { email })).status).toBe(202);
  const wire = await tap.waitFor(
    'the login code event',
    (m) => m.json?.type === loginCodeRequested.type && (m.json.data as { userId?: string }).userId === userId,
  );
  const event = cloudEventSchema.parse(wire.json);
  const data: EventData<typeof loginCodeRequested> = loginCodeRequested.schema.parse(event.data);

  // Opened with the key, as notifications does: a six-digit code, nowhere in the message.
  const code = unsealLoginCode(stack.secrets, data);
  expect(code).toMatch(/^\d{6}$/);
  expect(data.sealedCode).toMatchObject({ alg: 'A256GCM', kid: expect.any(String) });
  expect(wire.value).not.toContain(code);
  expect(wire.value).not.toContain('"code"');

  // Identity's outbox keeps the event for days: sealed there too.
  const [outbox] = await query<{ row: string }>(
    `SELECT o::text AS row FROM identity.outbox_events o WHERE event_id = $1`,
    [event.id],
  );
  expect(outbox?.row).toContain('sealedCode');
  expect(outbox?.row).not.toContain(code);
  // The code itself rests only as a hash.
  const codes = await query<{ row: string }>(`SELECT c::text AS row FROM identity.login_codes c WHERE user_id = $1`, [
    userId,
  ]);
  expect(codes).toHaveLength(1);
  expect(codes[0]!.row).not.toContain(code);

  // Audit records the event, with the sensitive field replaced: not even the sealed value.
  const recorded = await waitFor('audit to record the event', async () => {
    const rows = await query<{ after: Record<string, unknown>; row: string }>(
      `SELECT after, a::text AS row FROM audit.audit_entries a WHERE event_id = $1`,
      [event.id],
    );
    return rows[0];
  });
  expect(recorded.after).toEqual({ ...data, sealedCode: SENSITIVE_MARKER });
  expect(recorded.row).not.toContain(data.sealedCode.ciphertext);
  const history = await query<{ row: string }>(`SELECT a::text AS row FROM audit.audit_entries a`);
  expect(history.filter((h) => h.row.includes(code))).toEqual([]);
  // And so the history API, which shows the user their own events.
  const mine = await fetch(`${audit.baseUrl}/api/audit/me`, {
    headers: { authorization: `Bearer ${stack.token(userId)}` },
  });
  const mineText = await mine.text();
  expect(mine.status).toBe(200);
  expect(mineText).toContain(SENSITIVE_MARKER);
  expect(mineText).not.toContain(code);

  // The sealed value is the real code: it signs in (the verify request is logged too).
  const signedIn = await post<{ user: { id: string } }>('/login-code/verify', { email, code });
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.user.id).toBe(userId);

  // No log of the run — services at debug level, their daprd sidecars — holds the code.
  const logs = logFilesUnder(stack.ctx.logDir);
  expect(logs.length).toBeGreaterThanOrEqual(4);
  expect(logs.filter((file) => readFileSync(file, 'utf8').includes(code))).toEqual([]);
});

test('codes recorded in clear before the sealed event are scrubbed by the migrations', async () => {
  // What a v1 event left behind: the code in identity's outbox and in audit's history.
  const userId = '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10';
  const v1 = 'daybook.user.login-code-requested.v1';
  const eventId = randomUUID();
  const data = { userId, email: 'ada@example.com', code: '306404', expiresAt: new Date().toISOString() };
  await query(
    `INSERT INTO identity.outbox_events (event_id, topic, type, partition_key, cloud_event, published_at)
     VALUES ($1, 'user-events', $2, $3, $4, now())`,
    [eventId, v1, userId, JSON.stringify({ id: eventId, type: v1, data })],
  );
  await query(
    `INSERT INTO audit.audit_entries (event_id, event_type, entity_type, entity_id, user_id, after, occurred_at, correlation_id)
     VALUES ($1, $2, 'user', $3::text, $3::uuid, $4, now(), 'c1')`,
    [eventId, v1, userId, JSON.stringify(data)],
  );

  // The migrations ran when the database was made; running them again scrubs these rows.
  for (const schema of ['identity', 'audit']) {
    const sql = readFileSync(
      join(__dirname, '..', '..', 'prisma', schema, 'migrations', '20261129000000_scrub_login_codes', 'migration.sql'),
      'utf8',
    );
    await query(`BEGIN; SET LOCAL search_path TO ${schema}; ${sql}; COMMIT;`);
  }

  const [outbox] = await query<{ data: Record<string, unknown> }>(
    `SELECT cloud_event -> 'data' AS data FROM identity.outbox_events WHERE event_id = $1`,
    [eventId],
  );
  expect(outbox?.data).toEqual({ ...data, code: SENSITIVE_MARKER });
  const [entry] = await query<{ after: Record<string, unknown> }>(
    `SELECT after FROM audit.audit_entries WHERE event_id = $1`,
    [eventId],
  );
  expect(entry?.after).toEqual({ ...data, code: SENSITIVE_MARKER });
  // The history is append-only again afterwards.
  await expect(query(`UPDATE audit.audit_entries SET after = NULL WHERE event_id = $1`, [eventId])).rejects.toThrow(
    /append-only/,
  );
});
