// npm run new:service -- <name> [--description "What it does."] [--install]
//
// Generates a new service in the shape every service has (docs/architecture.md, "One
// service, inside"): services/<name> with one route → use case → response path and its
// tests, its Prisma schema and first migration, its committed OpenAPI document, and its
// place in dapr.yaml, the Dapr pub/sub scopes (both copies) and the Helm chart. It never
// overwrites: if any of that exists already it writes nothing. What is still by hand is in
// docs/adding-a-service.md.
//
// The repository it writes into is the one this file is in (not @daybook/substrate's
// REPO_ROOT, which follows node_modules: a test runs it in a copy of the repository).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..');

const USAGE = `usage: npm run new:service -- <name> [--description "What it does."] [--install]

  <name>          lowercase letters and digits, starting with a letter (e.g. greetings)
  --description   one sentence: package.json, the chart's template and the OpenAPI document
  --install       run npm install afterwards, to link the new workspace`;

/** Fails with a message for the person at the terminal, not a stack trace. */
class UsageError extends Error {}

interface Options {
  name: string;
  description: string;
  install: boolean;
}

function parseArgs(argv: string[]): Options {
  let name: string | undefined;
  let description: string | undefined;
  let install = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--install') {
      install = true;
    } else if (arg === '--description' || arg.startsWith('--description=')) {
      description = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!description?.trim()) throw new UsageError('--description needs a sentence');
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (name === undefined) {
      name = arg;
    } else {
      throw new UsageError(`one service at a time: got "${name}" and "${arg}"`);
    }
  }
  if (name === undefined) throw new UsageError('which service? give its name');
  return { name, description: description?.trim() ?? `The ${name} service.`, install };
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** `@daybook/<x>` names of every workspace (packages, services, apps). */
function workspaceNames(): string[] {
  return ['packages', 'services', 'apps'].flatMap((dir) =>
    existsSync(join(ROOT, dir))
      ? readdirSync(join(ROOT, dir))
          .map((d) => join(ROOT, dir, d, 'package.json'))
          .filter((f) => existsSync(f))
          .map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { name: string }).name)
      : [],
  );
}

interface DaprApp {
  appID: string;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
  metricsPort: number;
}

const CHART = 'helm/daybook';
const PUBSUB = 'daybook-pubsub';
const PUBSUB_FILES = ['dapr/components/pubsub.yaml', `${CHART}/files/dapr/components/pubsub.yaml`];
const SERVICE_NAMES = /(\{\{-? define "daybook\.serviceNames" -?\}\}\n)([^\n]*)/;

/** Refuses a name that is not usable everywhere a service's name goes, or that is taken. */
function checkName(name: string): void {
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    throw new UsageError(
      [
        `"${name}" is not a service name: use lowercase letters and digits, starting with a letter.`,
        'The name is also the Dapr app id, the PostgreSQL schema (the migration runner and',
        'DATABASE_SCHEMA allow [a-z0-9_] only, so no hyphens) and part of Kubernetes names',
        '(so no underscores).',
      ].join('\n'),
    );
  }
  if (name.length > 30) throw new UsageError(`"${name}" is too long: at most 30 characters (Kubernetes names)`);
  const taken = [
    existsSync(join(ROOT, 'services', name)) && `services/${name}/`,
    existsSync(join(ROOT, 'prisma', name)) && `prisma/${name}/`,
    existsSync(join(ROOT, 'docs', 'openapi', `${name}.json`)) && `docs/openapi/${name}.json`,
    existsSync(join(ROOT, CHART, 'templates', 'services', `${name}.yaml`)) &&
      `${CHART}/templates/services/${name}.yaml`,
    workspaceNames().includes(`@daybook/${name}`) && `the workspace @daybook/${name}`,
    daprApps().some((a) => a.appID === name) && `app "${name}" in dapr.yaml`,
    Object.hasOwn(valuesDoc(), name) && `key "${name}" in ${CHART}/values.yaml`,
    chartServiceNames().includes(name) && `"${name}" in daybook.serviceNames (${CHART}/templates/_helpers.tpl)`,
  ].filter((t): t is string => typeof t === 'string');
  if (taken.length > 0) {
    throw new Error(
      `"${name}" exists already, so nothing was written (new:service never overwrites):\n` +
        taken.map((t) => `  - ${t}`).join('\n'),
    );
  }
}

const daprApps = () => (parse(read('dapr.yaml')) as { apps: DaprApp[] }).apps;
const valuesDoc = () => parse(read(`${CHART}/values.yaml`)) as Record<string, unknown>;
function chartServiceNames(): string[] {
  const match = SERVICE_NAMES.exec(read(`${CHART}/templates/_helpers.tpl`));
  if (!match) throw new Error(`${CHART}/templates/_helpers.tpl: no define "daybook.serviceNames"`);
  return match[2]!.trim().split(/\s+/);
}

/** The next service number n: app 3000+n, daprd HTTP 3500+n, gRPC 6100+n, metrics 9100+n. */
function nextPorts(apps: DaprApp[]) {
  const used = new Set(apps.flatMap((a) => [a.appPort, a.daprHTTPPort, a.daprGRPCPort, a.metricsPort]));
  const portsOf = (n: number) => ({ app: 3000 + n, http: 3500 + n, grpc: 6100 + n, metrics: 9100 + n });
  let n = Math.max(0, ...apps.map((a) => a.appPort - 3000).filter((x) => x > 0 && x < 100)) + 1;
  while (n < 100 && Object.values(portsOf(n)).some((p) => used.has(p))) n++;
  if (n >= 100) throw new Error('no free service number below 100 in dapr.yaml (ports 30xx, 35xx, 501xx, 91xx)');
  return portsOf(n);
}

/**
 * Adds lines at the end of the block under the first line matching `header` (the indented
 * lines after it; blank lines inside the block are kept), so comments and layout stay.
 */
function appendToBlock(text: string, header: RegExp, what: string, add: (lastLine: string) => string[]): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) throw new Error(`${what}: no line matching ${header}`);
  let last = start;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    if (!/^\s/.test(lines[i]!)) break;
    last = i;
  }
  lines.splice(last + 1, 0, ...add(lines[last]!));
  return lines.join('\n');
}

/** A TypeScript string literal (Prettier then picks the quotes). */
const tsString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** For the count in values.yaml's "# The eight services." */
const NUMBER_WORDS = (
  'zero one two three four five six seven eight nine ten ' +
  'eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
).split(' ');

/** A file to create or the new text of one to change, with a note for the summary. */
interface Write {
  path: string;
  text: string;
  note?: string;
}

function pubsubScopes(text: string, name: string, path: string): string {
  const docs = text.split(/^---[ \t]*\n/m);
  let found = false;
  const edited = docs.map((doc) => {
    const parsed = parseAllDocuments(doc)[0]?.toJS() as { metadata?: { name?: string }; scopes?: string[] } | undefined;
    if (parsed?.metadata?.name !== PUBSUB) return doc;
    found = true;
    if (!parsed.scopes) return doc; // unscoped: every app may use it already
    return appendToBlock(doc, /^scopes:\s*$/, path, (lastLine) => [
      `${/^\s*-\s*/.exec(lastLine)?.[0] ?? '  - '}${name}`,
    ]);
  });
  if (!found) throw new Error(`${path}: no component named ${PUBSUB}`);
  return edited.join('---\n');
}

/** Every change to the repository, computed before anything is written. */
function plan(o: Options): { writes: Write[]; ports: ReturnType<typeof nextPorts> } {
  const { name, description } = o;
  const ports = nextPorts(daprApps());
  const kit = JSON.parse(read('packages/service-kit/package.json')) as { dependencies: Record<string, string> };
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const writes: Write[] = [];
  const file = (path: string, text: string, note?: string) => writes.push({ path, text, ...(note ? { note } : {}) });

  // --- the service -------------------------------------------------------------------
  const svc = `services/${name}`;
  file(
    `${svc}/package.json`,
    `${JSON.stringify(
      {
        name: `@daybook/${name}`,
        version: '0.1.0',
        private: true,
        description,
        main: 'src/main.ts',
        scripts: {
          start: 'node --import tsx src/main.ts',
          generate: `node --import tsx ../../packages/database/scripts/generate.ts ${name}`,
          typecheck: 'tsc -p tsconfig.json',
          openapi: 'node --import tsx scripts/write-openapi.ts',
        },
        dependencies: {
          '@daybook/contracts': '*',
          '@daybook/database': '*',
          '@daybook/service-kit': '*',
          // The kit's own ranges, so the service and the kit share one express and one zod.
          express: kit.dependencies.express ?? '^5.1.0',
          zod: kit.dependencies.zod ?? '^4.1.0',
        },
      },
      null,
      2,
    )}\n`,
  );
  file(`${svc}/tsconfig.json`, `{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src", "scripts"]\n}\n`);
  file(
    `${svc}/src/main.ts`,
    `// Entry point of the ${name} service: wiring only. The composition root is app.ts; what the
// service does lives in usecases/ (docs/architecture.md, "One service, inside").
import { runService } from '@daybook/service-kit';
import { buildApp } from './app';
import { envSchema } from './env';
import { openDatabase } from './infrastructure/database';

runService({ name: '${name}', envSchema, database: openDatabase, app: buildApp });
`,
  );
  file(
    `${svc}/src/env.ts`,
    `import { baseEnvSchema } from '@daybook/service-kit';

/**
 * Environment of the ${name} service: the platform's variables (see service-kit env.ts).
 * Its own variables go here, one comment each: \`baseEnvSchema.extend({ ... })\`.
 */
export const envSchema = baseEnvSchema;
export type Env = ReturnType<typeof envSchema.parse>;
`,
  );
  file(
    `${svc}/src/app.ts`,
    `import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import { version } from '../package.json';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { describeService } from './usecases/describe-service';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the ${name} service: builds every store, adapter and use case
 * once, and hands them to the routes, event handlers and job handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  return {
    routes: routes({
      requireUser: kit.requireUser,
      describeService: describeService({ name: kit.name, version }),
    }),
    subscriptions: eventHandlers(kit),
    jobs: jobHandlers(),
  };
}
`,
  );
  file(
    `${svc}/src/usecases/describe-service.ts`,
    `/** Which service answers, and which version of it runs. */
export interface ServiceDescription {
  service: string;
  version: string;
}

/** Describes the running service. */
export type DescribeService = () => ServiceDescription;

/**
 * The skeleton's example use case (GET /api/${name}/about): built once in app.ts with what
 * it needs, called by a route. Each capability of the service gets a file like this one,
 * \`<verb-noun>.ts\`, with its own test: load, decide (domain/), persist, publish, schedule.
 */
export function describeService(deps: { name: string; version: string }): DescribeService {
  return () => ({ service: deps.name, version: deps.version });
}
`,
  );
  file(
    `${svc}/src/usecases/describe-service.test.ts`,
    `import { describeService } from './describe-service';

test('describes the service by the name and version it was built with', () => {
  const describeIt = describeService({ name: '${name}', version: '1.2.3' });
  expect(describeIt()).toEqual({ service: '${name}', version: '1.2.3' });
});
`,
  );
  file(
    `${svc}/src/routes/openapi.ts`,
    `import { z } from 'zod';
import { buildOpenApiDocument, commonErrors } from '@daybook/service-kit';

/** GET /api/${name}/about answers this. */
export const aboutResponse = z.object({ service: z.string(), version: z.string() });
export type AboutResponse = z.infer<typeof aboutResponse>;

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The ${name} API as OpenAPI 3.1, from the zod schemas the routes use. */
export function ${name}OpenApi() {
  cached ??= buildOpenApiDocument({
    service: '${name}',
    description: ${tsString(description)},
    paths: {
      '/api/${name}/about': {
        get: {
          summary: 'Which service answers, and which version of it runs',
          responses: {
            '200': {
              description: 'The service and its version',
              content: { 'application/json': { schema: aboutResponse } },
            },
            '401': commonErrors['401'],
          },
        },
      },
    },
  });
  return cached;
}
`,
  );
  file(
    `${svc}/src/routes/openapi.test.ts`,
    `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ${name}OpenApi } from './openapi';

test('docs/openapi/${name}.json is the document the service serves (npm run openapi -w @daybook/${name})', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', '${name}.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(JSON.stringify(${name}OpenApi())));
});
`,
  );
  file(
    `${svc}/src/routes/index.ts`,
    `import { Router, type RequestHandler } from 'express';
import { openApiRouter } from '@daybook/service-kit';
import type { DescribeService } from '../usecases/describe-service';
import { ${name}OpenApi, type AboutResponse } from './openapi';

/** What the routes call, built once in app.ts. */
export interface RouteDeps {
  /** 401 unless a valid access token is presented; sets req.user (the kit's). */
  requireUser: RequestHandler;
  describeService: DescribeService;
}

/**
 * Public API of the ${name} service, under /api/${name}: each route validates the request
 * (\`validate(schema, req.body, 'body')\`), calls a use case and shapes the response.
 */
export function routes(deps: RouteDeps): Router {
  const router = Router();
  // /api/${name}/openapi.json and /api/${name}/docs, public like every service's.
  router.use(openApiRouter('${name}', ${name}OpenApi()));
  router.use('/api/${name}', deps.requireUser);
  router.get('/api/${name}/about', (_req, res) => {
    const body: AboutResponse = deps.describeService();
    res.json(body);
  });
  return router;
}
`,
  );
  file(
    `${svc}/src/events/index.ts`,
    `import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';

/**
 * Events the ${name} service consumes: \`kit.on(contract, (event, { tx }) => useCase(...))\`,
 * each handler translating only and writing through its \`tx\`.
 */
export function eventHandlers(_kit: Kit): Subscription[] {
  return [];
}
`,
  );
  file(
    `${svc}/src/jobs/index.ts`,
    `import type { JobHandler } from '@daybook/service-kit';

/**
 * Dapr jobs the ${name} service handles (POST /job/<kind>--<id>): \`job(def, data => useCase(...))\`
 * for each \`defineJob\` definition, the same one \`kit.jobs.schedule\` uses.
 */
export function jobHandlers(): JobHandler[] {
  return [];
}
`,
  );
  file(
    `${svc}/src/infrastructure/database.ts`,
    `import { createPrismaClient } from '@daybook/database';
import { PrismaClient } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;

/** The ${name} service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Env, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema });
}
`,
  );
  file(
    `${svc}/scripts/write-openapi.ts`,
    `// Writes docs/openapi/${name}.json from the routes' zod schemas (a unit test keeps it current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ${name}OpenApi } from '../src/routes/openapi';

const target = join(__dirname, '..', '..', '..', 'docs', 'openapi', '${name}.json');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, \`\${JSON.stringify(${name}OpenApi(), null, 2)}\\n\`);
console.log(\`wrote \${target}\`);
`,
  );

  // --- its tables --------------------------------------------------------------------
  file(
    `prisma/${name}/schema.prisma`,
    `// Tables owned by the ${name} service, in the PostgreSQL schema "${name}". No other service
// reads them. Migrations: ./migrations, applied by \`npm run migrate\`.
generator client {
  provider     = "prisma-client"
  output       = "../../services/${name}/src/generated/prisma"
  moduleFormat = "cjs"
}

datasource db {
  provider = "postgresql"
}
`,
  );
  file(
    `prisma/${name}/migrations/${now}_init/migration.sql`,
    `-- The ${name} service's first migration: nothing yet. The runner creates schema "${name}"
-- and applies the platform's tables (outbox, inbox) before it. Each change to the
-- service's tables is a new folder <timestamp>_<what>/migration.sql, modelled in
-- ../../schema.prisma; an applied migration is never edited (the runner refuses it).
`,
  );

  // --- Dapr --------------------------------------------------------------------------
  file(
    'dapr.yaml',
    appendToBlock(read('dapr.yaml'), /^apps:\s*$/, 'dapr.yaml', () => [
      `  - appID: ${name}`,
      `    appDirPath: ./services/${name}`,
      `    appPort: ${ports.app}`,
      `    daprHTTPPort: ${ports.http}`,
      `    daprGRPCPort: ${ports.grpc}`,
      `    metricsPort: ${ports.metrics}`,
      '    command: ["node", "--import", "tsx", "src/main.ts"]',
    ]),
    `app ${name}: port ${ports.app}, daprd HTTP ${ports.http}, gRPC ${ports.grpc}, metrics ${ports.metrics}`,
  );
  const [local, chartCopy] = PUBSUB_FILES.map(read);
  if (local !== chartCopy) {
    throw new Error(
      `${PUBSUB_FILES[1]} differs from ${PUBSUB_FILES[0]} (scripts/validate-k8s.sh fails on that): ` +
        'make them equal first, then run new:service again. Nothing was written.',
    );
  }
  const scoped = pubsubScopes(local!, name, PUBSUB_FILES[0]!);
  if (scoped !== local) {
    file(PUBSUB_FILES[0]!, scoped, `scopes of ${PUBSUB} += ${name}`);
    file(PUBSUB_FILES[1]!, scoped, `the chart's copy, equal to ${PUBSUB_FILES[0]}`);
  }

  // --- Helm --------------------------------------------------------------------------
  const names = chartServiceNames();
  const values = valuesDoc();
  const after = [...names].reverse().find((n) => Object.hasOwn(values, n));
  if (!after) throw new Error(`${CHART}/values.yaml: none of ${names.join(', ')} is a key`);
  let valuesText = appendToBlock(
    read(`${CHART}/values.yaml`),
    new RegExp(`^${after}:\\s*$`),
    `${CHART}/values.yaml`,
    () => [`${name}:`, '  enabled: true', `  port: ${ports.app}`],
  );
  const count = NUMBER_WORDS[names.length];
  const nextCount = NUMBER_WORDS[names.length + 1];
  if (count && nextCount) valuesText = valuesText.replace(`# The ${count} services.`, `# The ${nextCount} services.`);
  file(`${CHART}/values.yaml`, valuesText, `${name}: enabled, port ${ports.app}`);
  file(
    `${CHART}/templates/_helpers.tpl`,
    read(`${CHART}/templates/_helpers.tpl`).replace(SERVICE_NAMES, (_m, define: string, list: string) => {
      return `${define}${list.trimEnd()} ${name}`;
    }),
    `daybook.serviceNames += ${name} (network policy, helm test, HTTPRoute path /api/${name}, web gateway)`,
  );
  file(
    `${CHART}/templates/services/${name}.yaml`,
    `{{- /* ${name}: ${description.replace(/\*\//g, '* /')} */}}
{{- if .Values.${name}.enabled }}
{{- $ctx := dict "root" $ "name" "${name}" }}
{{ include "daybook.deployment" $ctx }}
---
{{ include "daybook.service" $ctx }}
---
{{ include "daybook.serviceAccount" $ctx }}
{{ include "daybook.podDisruptionBudget" $ctx }}
{{- end }}
`,
  );
  return { writes, ports };
}

/** New TypeScript and JSON files as `npm run format` would leave them (lint checks it). */
async function formatted(w: Write): Promise<Write> {
  if (!/\.(ts|json)$/.test(w.path)) return w;
  const filepath = join(ROOT, w.path);
  return { ...w, text: await format(w.text, { ...(await resolveConfig(filepath)), filepath }) };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  checkName(o.name);
  const { writes, ports } = plan(o);

  const updated = writes.filter((w) => existsSync(join(ROOT, w.path)));
  const created = await Promise.all(writes.filter((w) => !updated.includes(w)).map(formatted));
  for (const w of created) {
    mkdirSync(dirname(join(ROOT, w.path)), { recursive: true });
    writeFileSync(join(ROOT, w.path), w.text, { flag: 'wx' }); // wx: never overwrite
  }
  for (const w of updated) writeFileSync(join(ROOT, w.path), w.text);

  // The committed OpenAPI document is what the service's own script writes.
  const openapi = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-openapi.ts'], {
    cwd: join(ROOT, 'services', o.name),
    encoding: 'utf8',
  });

  const width = Math.max(...writes.map((w) => w.path.length)) + 2;
  const line = (w: Pick<Write, 'path' | 'note'>) => `  ${w.note ? w.path.padEnd(width) + w.note : w.path}`;
  console.log(`\nnew service "${o.name}": ${o.description}\n\ncreated`);
  for (const w of created) console.log(line(w));
  if (openapi.status === 0)
    console.log(line({ path: `docs/openapi/${o.name}.json`, note: 'by its scripts/write-openapi.ts' }));
  console.log('updated');
  for (const w of updated) console.log(line(w));
  if (openapi.status !== 0) {
    console.error(`\ndocs/openapi/${o.name}.json was not written: scripts/write-openapi.ts failed:\n`);
    console.error(openapi.stderr || openapi.stdout);
    console.error(`Fix it, then run: npm run openapi -w @daybook/${o.name}`);
    process.exit(1);
  }

  if (o.install) {
    console.log('\nnpm install (links the workspace @daybook/' + o.name + ')');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
    if (install.status !== 0) {
      console.error('npm install failed: run it again once the cause is fixed');
      process.exit(1);
    }
  }
  console.log(`
next steps
${o.install ? '' : `  npm install        link the new workspace @daybook/${o.name}\n`}  npm run generate   build its Prisma client (services/${o.name}/src/generated/prisma)
  npm run migrate    apply prisma/${o.name}/migrations into schema "${o.name}" (DATABASE_URL; npm start does it too)
  npm start          it starts beside its sidecar: http://localhost:${ports.app}/readyz,
                     http://localhost:${ports.app}/api/${o.name}/docs, GET /api/${o.name}/about with a token

still by hand (docs/adding-a-service.md): the events it publishes and consumes (contracts,
topics), other Dapr components' scopes (secret store), chart secrets and per-environment
values, the service tables in README.md and docs/architecture.md, the list of services in
tests/platform/every-service-boots.int.test.ts, dashboards and alerts.`);
}

main().catch((err: Error) => {
  console.error(`new:service: ${err.message}${err instanceof UsageError ? `\n\n${USAGE}` : ''}`);
  process.exit(1);
});
