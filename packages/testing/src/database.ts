import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PLATFORM_MIGRATIONS, listMigrations, migrateService, prismaDir } from '@daybook/database';
import { REPO_ROOT } from '@daybook/substrate';
import { testEnvironment } from './environment';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const TEMPLATE_PREFIX = 'daybook_template_';

/** Every service with migrations of its own (prisma/<name>/migrations). */
export function migratedServices(): string[] {
  const dir = prismaDir(REPO_ROOT);
  return readdirSync(dir)
    .filter((d) => d !== PLATFORM_MIGRATIONS && existsSync(join(dir, d, 'migrations')))
    .sort();
}

/**
 * The template's key: a hash of every migration, so changing one makes a new template. Its
 * database is named `<key>_<unix seconds it was built>`.
 */
function templateKey(services: string[]): string {
  const hash = createHash('sha256');
  for (const dir of [PLATFORM_MIGRATIONS, ...services]) {
    hash.update(`${dir}\n`);
    for (const m of listMigrations(join(prismaDir(REPO_ROOT), dir, 'migrations')))
      hash.update(`${m.name}:${m.checksum}\n`);
  }
  return `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

const withDatabase = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

const templates = new Map<string, Promise<string>>();

/**
 * A database with every service's schema migrated in, made once per set of migrations and
 * server (kept across runs) by the same runner production uses. Each test file's database
 * is a copy of it (CREATE DATABASE … TEMPLATE), which takes a fraction of re-running every
 * migration. It refuses connections, so nothing can change it or block a copy.
 */
export function ensureTemplateDatabase(adminUrl = testEnvironment().adminDatabaseUrl): Promise<string> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = buildTemplate(adminUrl);
    templates.set(adminUrl, template);
    template.catch(() => templates.delete(adminUrl));
  }
  return template;
}

/**
 * Templates of other migrations are dropped once this old: another checkout's test run on
 * the same server (a branch with other migrations) may still be copying from one.
 */
const STALE_TEMPLATE_MS = 6 * 60 * 60_000;

async function buildTemplate(adminUrl: string): Promise<string> {
  const services = migratedServices();
  const key = templateKey(services);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Parallel test workers (and runs) build it once: the others wait here, then find it.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['daybook-test-template']);
    const existing = (
      await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${TEMPLATE_PREFIX}%`,
      ])
    ).rows.map((r) => r.datname);
    const built = existing.find((d) => d.startsWith(`${key}_`) && !d.endsWith('_building'));
    if (built) return built;
    const name = `${key}_${Math.floor(Date.now() / 1000)}`;
    const building = `${name}_building`;
    await admin.query(`CREATE DATABASE ${building}`);
    for (const service of services) {
      await migrateService({ databaseUrl: withDatabase(adminUrl, building), service, repoRoot: REPO_ROOT });
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    for (const datname of existing.filter((d) => isStaleTemplate(d))) {
      // Best effort: a run of older code on the same server may be dropping it too.
      await admin
        .query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`)
        .then(() => admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`))
        .catch(() => {});
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', ['daybook-test-template']).catch(() => {});
    await admin.end();
  }
}

/**
 * A template (or a build of one left by a crashed run) older than STALE_TEMPLATE_MS. One
 * named without its build time (made before it had one) is left alone: its age is unknown.
 */
function isStaleTemplate(datname: string): boolean {
  const builtAt = /_(\d+)(_building)?$/.exec(datname.slice(TEMPLATE_PREFIX.length));
  return builtAt !== null && Date.now() - Number(builtAt[1]) * 1000 > STALE_TEMPLATE_MS;
}

/**
 * A fresh database for one test file: a copy of the template (every service's schema
 * migrated), plus the schemas of any other names given (kit test apps), migrated by the
 * same runner production uses. Dropped at the end, connections and all.
 */
export async function createTestDatabase(
  services: string[] = [],
  opts: {
    /** Another PostgreSQL server than the shared one. */
    adminDatabaseUrl?: string;
    /** An empty database (no template), for tests of the migration runner itself. */
    empty?: boolean;
  } = {},
): Promise<TestDatabase> {
  const adminDatabaseUrl = opts.adminDatabaseUrl ?? testEnvironment().adminDatabaseUrl;
  const name = `daybook_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  let template: string | undefined;
  try {
    template = opts.empty ? undefined : await ensureTemplateDatabase(adminDatabaseUrl);
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } catch (err) {
    // 3D000: the template this process knew is gone (dropped as stale): build or find it again.
    if (!template || (err as { code?: string }).code !== '3D000') throw err;
    templates.delete(adminDatabaseUrl);
    template = await ensureTemplateDatabase(adminDatabaseUrl);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminDatabaseUrl, name);
  const inTemplate = new Set(template ? migratedServices() : []);
  for (const service of services.filter((s) => !inTemplate.has(s))) {
    await migrateService({ databaseUrl: url, service, repoRoot: REPO_ROOT });
  }
  return {
    url,
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
