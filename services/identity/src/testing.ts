// Fixtures for the identity service's use case tests: a real database of its own schema,
// the kit's outbox as the publisher, and signing and sealing keys made for the test
// instead of loaded from the secret store.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CloudEvent, EventContract } from '@daybook/contracts';
import {
  createLogger,
  enqueueEvent,
  newSealingKey,
  parseSealingKeys,
  type SealingKey,
  type SealingKeyStore,
} from '@daybook/service-kit';
import { createTestDatabase } from '@daybook/testing';
import { hashPassword, type ScryptParams } from './domain/password';
import { parseSigningKeys } from './domain/signing-keys';
import type { User } from './generated/prisma/client';
import { openDatabase, transactor, type Database, type Publish } from './infrastructure/database';
import { loginCodeStore } from './infrastructure/login-code-store';
import { sessionStore } from './infrastructure/session-store';
import type { SigningKeyStore } from './infrastructure/signing-key-store';
import { throttleStore } from './infrastructure/throttle-store';
import { userStore } from './infrastructure/user-store';
import { sessionIssuer } from './usecases/issue-session';

export const silentLog = createLogger('identity', 'silent');
export const audience = { issuer: 'daybook-identity', audience: 'daybook' };
export const PASSWORD = 'correct horse battery';
export const DAY = 24 * 60 * 60 * 1000;

/** A fresh database (every schema migrated) and the identity service's client on it. */
export async function openTestDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  const test = await createTestDatabase(['identity']);
  const db = openDatabase({ DATABASE_URL: test.url }, 'identity');
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await test.drop();
    },
  };
}

/** Publishes as the kit does: into the identity schema's outbox, in the caller's transaction. */
export const publishToOutbox: Publish = (tx, contract, data, opts) =>
  enqueueEvent(tx, 'identity', contract, data, opts);

/** The committed events of one contract in the outbox, oldest first. */
export async function outboxEvents<S extends z.ZodType>(
  db: Database,
  contract: EventContract<S>,
): Promise<CloudEvent<z.output<S>>[]> {
  const rows = await db.$queryRawUnsafe<{ cloud_event: CloudEvent }[]>(
    'SELECT cloud_event FROM outbox_events WHERE type = $1 ORDER BY seq',
    contract.type,
  );
  return rows.map((r) => ({ ...r.cloud_event, data: contract.schema.parse(r.cloud_event.data) }));
}

/** Signing keys as the secret store would hold them: a fresh P-256 key, or several (newest first). */
export function testSigningKeys(kids = ['test-key']): SigningKeyStore {
  const keys = parseSigningKeys(
    JSON.stringify(
      kids.map((kid) => ({
        kid,
        privateKeyPem: generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      })),
    ),
  );
  return { keys: async () => keys };
}

/** Login-code sealing keys, and the keys themselves to open what was sealed (as notifications does). */
export function testSealingKeys(): SealingKeyStore & { opened: SealingKey[] } {
  const opened = parseSealingKeys(JSON.stringify([newSealingKey('test-sealing-key')]));
  return { opened, keys: async () => opened };
}

/** Every store of the service on `db`, and what use cases are built from, as app.ts builds them. */
export function identityParts(db: Database, opts: { now?: () => Date } = {}) {
  const signingKeys = testSigningKeys();
  const sessions = sessionStore(db);
  return {
    db,
    now: opts.now ?? (() => new Date()),
    transact: transactor(db),
    publish: publishToOutbox,
    log: silentLog,
    users: userStore(db),
    sessions,
    loginCodes: loginCodeStore(),
    throttle: throttleStore(db),
    signingKeys,
    sealingKeys: testSealingKeys(),
    audience,
    issuer: sessionIssuer({ sessions, signingKeys, audience }),
  };
}
export type IdentityParts = ReturnType<typeof identityParts>;

let lastOctet = 0;
/** A new client address for each caller, so the per-IP limits of one never touch another's. */
export const newIp = (): string => `198.51.${Math.floor(++lastOctet / 250)}.${(lastOctet % 250) + 1}`;
export const newEmail = (name = 'user'): string => `${name}-${randomBytes(4).toString('hex')}@example.com`;

/** An account, stored directly (not through sign-up), with PASSWORD unless told otherwise. */
export async function createAccount(
  parts: Pick<IdentityParts, 'db' | 'users'>,
  opts: { email?: string; password?: string; params?: ScryptParams; createdAt?: Date } = {},
): Promise<User> {
  const passwordHash = await hashPassword(opts.password ?? PASSWORD, opts.params);
  return parts.db.$transaction((tx) =>
    parts.users.create(tx, {
      email: opts.email ?? newEmail(),
      passwordHash,
      displayName: null,
      timeZone: 'Europe/London',
      createdAt: opts.createdAt ?? new Date(),
    }),
  );
}
