import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from './database';
import { startServiceUnderTest, testContext, type ServiceUnderTest, type TestContext } from './harness';
import { startJwksServer } from './jwks-server';
import { waitForConsumerGroup } from './kafka';
import { testSecretsFile } from './sidecar';
import { mintAccessToken } from './tokens';

export interface Stack {
  db: TestDatabase;
  ctx: TestContext;
  secrets: Record<string, string>;
  services: Record<string, ServiceUnderTest>;
  /** An access token for a user, signed like identity's. */
  token(userId: string): string;
  stop(): Promise<void>;
}

/**
 * The services a test file needs, each a real process beside its own real daprd, on a
 * fresh database, with access tokens signed by a test key (served as a JWKS). When
 * `consumes` is given, waits until each service's consumer group has those topics.
 */
export async function startStack(opts: {
  name: string;
  services: string[];
  consumes?: Record<string, string[]>;
  schedulerAddress?: string;
  env?: Record<string, string>;
  /** Another PostgreSQL server than the shared one (e.g. a private one a test restarts). */
  adminDatabaseUrl?: string;
}): Promise<Stack> {
  const db = await createTestDatabase(opts.services, { adminDatabaseUrl: opts.adminDatabaseUrl });
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  const jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: opts.services,
    name: opts.name,
    ...(opts.schedulerAddress ? { schedulerAddress: opts.schedulerAddress } : {}),
  });
  const started = await Promise.all(opts.services.map((name) => startServiceUnderTest(ctx, name, opts.env)));
  const services = Object.fromEntries(started.map((s) => [s.name, s]));
  await Promise.all(
    Object.entries(opts.consumes ?? {}).map(([name, topics]) =>
      waitForConsumerGroup(services[name]!.consumerGroup, topics),
    ),
  );
  return {
    db,
    ctx,
    secrets,
    services,
    token: (userId) => mintAccessToken(secrets, userId),
    stop: async () => {
      await Promise.all(started.map((s) => s.stop().catch(() => {})));
      await jwks.close();
      await db.drop();
    },
  };
}
