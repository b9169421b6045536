// `npm run new:service`, end to end, in a copy of this repository: it generates a service,
// refuses to overwrite, and what it generated type-checks, lints, passes its own unit tests
// and the chart checks, and boots beside a real daprd answering through its use case.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { migrateService } from '@daybook/database';
import { CACHE_DIR, REPO_ROOT, loadTopology } from '@daybook/substrate';
import {
  createTestDatabase,
  mintAccessToken,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';

const NAME = 'greetings';
const DESCRIPTION = 'Greets people: the example service of the generator test.';

/** The next service number after this repository's (app 30xx, daprd 35xx, 501xx, 91xx). */
const n = Math.max(...loadTopology().map((a) => a.appPort - 3000)) + 1;
const PORTS = { app: 3000 + n, http: 3500 + n, grpc: 6100 + n, metrics: 9100 + n };

/**
 * A cheap copy of the repository: the files git knows or would add (tracked and new, as
 * they are in the working tree), and a link to its node_modules. Packages resolve through
 * the link to this repository's workspaces; the new service runs by path (src/main.ts), so
 * it needs no link of its own.
 */
function copyRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'daybook-new-service-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  // A repository of its own, as a clone is (actionlint finds the project by its .git).
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

let copy: string;
let generated: ReturnType<typeof run>;

/** A command in the copy; its output is part of any failed expectation on it. */
function run(command: string, args: string[], cwd = copy) {
  const { JEST_WORKER_ID: _worker, ...env } = process.env;
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error?.message ?? ''}` };
}
const bin = (name: string) => join(copy, 'node_modules', '.bin', name);
const newService = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/new-service.ts', ...args]);
const readCopy = (path: string) => readFileSync(join(copy, path), 'utf8');

/** Every file of the copy with a hash of its content (node_modules, a link, is not followed). */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        files[relative(copy, path)] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(copy);
  return files;
}

beforeAll(() => {
  copy = copyRepository();
  generated = run('npm', ['run', '--silent', 'new:service', '--', NAME, '--description', DESCRIPTION]);
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

test('npm run new:service -- <name> prints what it created and changed, and the next steps', () => {
  expect(generated).toMatchObject({ status: 0 });
  const created = [
    `services/${NAME}/package.json`,
    `services/${NAME}/tsconfig.json`,
    `services/${NAME}/src/main.ts`,
    `services/${NAME}/src/env.ts`,
    `services/${NAME}/src/app.ts`,
    `services/${NAME}/src/usecases/describe-service.ts`,
    `services/${NAME}/src/usecases/describe-service.test.ts`,
    `services/${NAME}/src/routes/index.ts`,
    `services/${NAME}/src/routes/openapi.ts`,
    `services/${NAME}/src/routes/openapi.test.ts`,
    `services/${NAME}/src/events/index.ts`,
    `services/${NAME}/src/jobs/index.ts`,
    `services/${NAME}/src/infrastructure/database.ts`,
    `services/${NAME}/scripts/write-openapi.ts`,
    `prisma/${NAME}/schema.prisma`,
    `helm/daybook/templates/services/${NAME}.yaml`,
    `docs/openapi/${NAME}.json`,
  ];
  const updated = [
    'dapr.yaml',
    'dapr/components/pubsub.yaml',
    'helm/daybook/files/dapr/components/pubsub.yaml',
    'helm/daybook/values.yaml',
    'helm/daybook/templates/_helpers.tpl',
  ];
  for (const path of [...created, ...updated]) {
    expect({ path, exists: existsSync(join(copy, path)) }).toEqual({ path, exists: true });
    expect(generated.output).toContain(`  ${path}`);
  }
  const migrations = readdirSync(join(copy, 'prisma', NAME, 'migrations'));
  expect(migrations).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
  expect(generated.output).toContain(`prisma/${NAME}/migrations/${migrations[0]}/migration.sql`);
  for (const step of ['npm install', 'npm run generate', 'npm run migrate', 'npm start']) {
    expect(generated.output).toContain(step);
  }
});

test('it refuses to overwrite: a second run for the same name fails and changes nothing', () => {
  const before = snapshot();
  const again = newService(NAME);
  expect(again.status).toBe(1);
  expect(again.output).toContain(`"${NAME}" exists already, so nothing was written`);
  expect(again.output).toContain(`services/${NAME}/`);
  expect(again.output).toContain(`app "${NAME}" in dapr.yaml`);
  expect(snapshot()).toEqual(before);
});

test.each([
  ['Greetings', 'lowercase letters and digits'],
  ['my-service', 'no hyphens'],
  ['9lives', 'starting with a letter'],
  ['journal', 'services/journal/'],
  ['testing', 'the workspace @daybook/testing'],
])('it refuses the name "%s" with a clear reason, writing nothing', (name, reason) => {
  const before = snapshot();
  const refused = newService(name);
  expect(refused.status).toBe(1);
  expect(refused.output).toContain(reason);
  expect(snapshot()).toEqual(before);
});

test('dapr.yaml runs it on the next free ports, and daybook-pubsub is scoped to it in both copies', () => {
  const apps = (parse(readCopy('dapr.yaml')) as { apps: Record<string, unknown>[] }).apps;
  expect(apps.find((a) => a.appID === NAME)).toEqual({
    appID: NAME,
    appDirPath: `./services/${NAME}`,
    appPort: PORTS.app,
    daprHTTPPort: PORTS.http,
    daprGRPCPort: PORTS.grpc,
    metricsPort: PORTS.metrics,
    command: ['node', '--import', 'tsx', 'src/main.ts'],
  });
  const local = readCopy('dapr/components/pubsub.yaml');
  expect(readCopy('helm/daybook/files/dapr/components/pubsub.yaml')).toBe(local);
  const pubsub = parseAllDocuments(local)
    .map((d) => d.toJS() as { metadata: { name: string }; scopes: string[] })
    .find((d) => d.metadata.name === 'daybook-pubsub');
  expect(pubsub?.scopes).toContain(NAME);
});

test('the chart renders its Deployment, Service, route and web gateway target, and validate-k8s passes', () => {
  const validated = run('bash', ['scripts/validate-k8s.sh']);
  // The output first: a failed check names itself there.
  expect(validated.output).toContain('validate-k8s: all checks passed');
  expect(validated).toMatchObject({ status: 0 });
  const apps = (parse(readCopy('dapr.yaml')) as { apps: unknown[] }).apps.length;
  // One per app, the web gateway and the Kafka lag exporter.
  expect(validated.output).toContain(`PASS  default render has ${apps + 2} Deployments`);
  // validate-k8s.sh has made sure helm is there (on PATH or built into the cache).
  const { JEST_WORKER_ID: _worker, ...env } = process.env;
  const rendered = spawnSync(
    'helm',
    ['template', 'daybook', join(copy, 'helm', 'daybook'), '--namespace', 'daybook', '--kube-version', '1.34.0'],
    { env: { ...env, PATH: `${join(CACHE_DIR, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' },
  );
  expect({ status: rendered.status, stderr: rendered.stderr }).toMatchObject({ status: 0 });
  type K8sObject = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
  const objects = parseAllDocuments(rendered.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `daybook-${NAME}`);
  const template = (deployment?.spec as { template: { metadata: { annotations: Record<string, string> } } }).template;
  expect(template.metadata.annotations).toMatchObject({
    'dapr.io/app-id': NAME,
    'dapr.io/app-port': String(PORTS.app),
  });
  expect(objects).toContainEqual(
    expect.objectContaining({ kind: 'Service', metadata: expect.objectContaining({ name: `daybook-${NAME}` }) }),
  );
  const route = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'daybook');
  expect(JSON.stringify(route)).toContain(`"value":"/api/${NAME}"`);
  const web = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'daybook-web');
  expect(JSON.stringify(web)).toContain(`${NAME}=http://daybook-${NAME}.daybook.svc:80`);
});

describe('the generated service', () => {
  beforeAll(() => {
    const generate = run('npm', ['run', '--silent', 'generate'], join(copy, 'services', NAME));
    expect(generate).toMatchObject({ status: 0 });
  });

  test('type-checks, lints, is formatted, and its own unit tests pass', () => {
    expect(run(bin('tsc'), ['-p', `services/${NAME}/tsconfig.json`, '--noEmit'])).toEqual({ status: 0, output: '' });
    expect(run(bin('eslint'), ['--max-warnings', '0', `services/${NAME}`])).toEqual({ status: 0, output: '' });
    expect(run(bin('prettier'), ['--check', `services/${NAME}`])).toMatchObject({ status: 0 });
    const unit = run(bin('jest'), [`services/${NAME}`, '--ci', '--runInBand', '--selectProjects', 'unit']);
    expect(unit).toMatchObject({ status: 0 });
    expect(unit.output).toMatch(/Tests:\s+2 passed, 2 total/);
  });

  describe('beside a real daprd', () => {
    let db: TestDatabase;
    let jwks: Awaited<ReturnType<typeof startJwksServer>>;
    let service: ServiceUnderTest;
    let secrets: Record<string, string>;
    let applied: string[];

    beforeAll(async () => {
      // The template has this repository's migrations; the new service's come from the copy.
      db = await createTestDatabase();
      ({ applied } = await migrateService({ databaseUrl: db.url, service: NAME, repoRoot: copy }));
      const secretsFile = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
      secrets = secretsFile.secrets;
      jwks = await startJwksServer(secrets);
      const ctx = testContext({
        databaseUrl: db.url,
        secretsFile: secretsFile.file,
        jwksUrl: jwks.url,
        appIds: [NAME],
        name: 'new-service',
      });
      service = await startServiceUnderTest({ ...ctx, repoRoot: copy }, NAME);
    });

    afterAll(async () => {
      await service?.stop();
      await jwks?.close();
      await db?.drop();
    });

    test('its first migration applies after the platform tables', () => {
      expect(applied).toEqual([
        ...readdirSync(join(copy, 'prisma', '_platform', 'migrations'))
          .sort()
          .map((m) => `platform/${m}`),
        ...readdirSync(join(copy, 'prisma', NAME, 'migrations')),
      ]);
    });

    test('is ready: sidecar, database and outbox', async () => {
      const ready = await fetch(`${service.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        service: NAME,
        checks: { sidecar: 'ok', database: 'ok', outbox: 'ok' },
      });
    });

    test(`GET /api/${NAME}/about answers through the use case, for a signed-in user only`, async () => {
      const about = `${service.baseUrl}/api/${NAME}/about`;
      expect((await fetch(about)).status).toBe(401);
      const res = await fetch(about, {
        headers: { authorization: `Bearer ${mintAccessToken(secrets, randomUUID())}` },
      });
      expect(res.status).toBe(200);
      const { version } = JSON.parse(readCopy(`services/${NAME}/package.json`)) as { version: string };
      expect(await res.json()).toEqual({ service: NAME, version });
    });

    test(`serves the committed docs/openapi/${NAME}.json`, async () => {
      const res = await fetch(`${service.baseUrl}/api/${NAME}/openapi.json`);
      expect(res.status).toBe(200);
      const committed = JSON.parse(readCopy(`docs/openapi/${NAME}.json`)) as { info: { description: string } };
      expect(committed.info.description).toBe(DESCRIPTION);
      expect(await res.json()).toEqual(committed);
    });
  });
});
