// The whole stack for end-to-end tests: identity, tasks and audit (and any others), each a real process
// beside a real daprd on a fresh database; the web app built once; the web gateway in
// front of them on a free port; and Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import {
  createTestDatabase,
  freePort,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  waitFor,
  waitForConsumerGroup,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import {
  REPO_ROOT,
  movedClockEnv,
  realClockEnv,
  startProcess,
  stopProcess,
  tail,
  type ManagedProcess,
} from '@daybook/substrate';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const WEB_DIR = join(REPO_ROOT, 'apps', 'web');

export interface Stack {
  /** The gateway's origin, as the browser sees it. */
  baseUrl: string;
  services: Record<string, ServiceUnderTest>;
  /** The values in the stack's secret store (e.g. to open a sealed login code). */
  secrets: Record<string, string>;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage), at a given viewport. */
  newContext(opts?: { width?: number; height?: number }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/**
 * The API as a person signed in with `email` and `password` calls it through the gateway:
 * for a test's setup and checks beside the browser. Each call signs in afresh (access tokens
 * are short-lived); a non-2xx answer throws with its status and body.
 */
export function signedInApi(baseUrl: string, email: string, password: string) {
  return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const login = await fetch(`${baseUrl}/api/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

let built: string | undefined;

/** Builds the web app once per test process, into its own folder. */
export function buildWebApp(): string {
  if (built) return built;
  const outDir = mkdtempSync(join(tmpdir(), 'daybook-web-'));
  const vite = join(dirname(require.resolve('vite/package.json', { paths: [WEB_DIR] })), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    stdio: 'pipe',
  });
  built = outDir;
  return outDir;
}

export async function startGatewayProcess(opts: {
  services: Record<string, string>;
  dist: string;
  logDir: string;
}): Promise<{ url: string; process: ManagedProcess }> {
  const port = await freePort();
  const proc = startProcess({
    name: `web-${port}`,
    command: process.execPath,
    args: ['--import', 'tsx', 'server.ts'],
    cwd: WEB_DIR,
    logDir: opts.logDir,
    pidDir: join(opts.logDir, 'pids'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      WEB_PORT: String(port),
      WEB_DIST: opts.dist,
      WEB_SERVICES: Object.entries(opts.services)
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
    },
  });
  // localhost (not 127.0.0.1): the refresh cookie is then same-site for the browser.
  const url = `http://localhost:${port}`;
  await waitFor(
    'the web gateway',
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`gateway exited:\n${tail(proc.logFile, 20)}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    },
    { timeoutMs: 30_000 },
  );
  return { url, process: proc };
}

/**
 * The stack with identity, tasks and audit, plus `extra` services (e.g. recurring). With
 * `consumes`, waits until each named service's consumer group has those topics (a change made
 * before then would wait for the group's first rebalance).
 */
export async function startStack(
  name: string,
  extra: string[] = [],
  opts: { consumes?: Record<string, string[]> } = {},
): Promise<Stack> {
  const names = ['identity', 'tasks', 'audit', ...extra];
  const db: TestDatabase = await createTestDatabase(names);
  const secrets = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  const cleanups: (() => Promise<unknown>)[] = [() => db.drop()];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  };
  try {
    // Identity's own port is not known before it starts: it verifies tokens against a
    // stand-in JWKS with the same keys. The others use identity's real JWKS.
    const standIn = await startJwksServer(secrets.secrets);
    cleanups.push(() => standIn.close());
    const ctx = testContext({
      databaseUrl: db.url,
      secretsFile: secrets.file,
      jwksUrl: standIn.url,
      appIds: names,
      name,
    });
    const dist = buildWebApp();
    const identity = await startServiceUnderTest(ctx, 'identity');
    cleanups.push(() => identity.stop());
    const withIdentity = { ...ctx, jwksUrl: `${identity.baseUrl}/.well-known/jwks.json` };
    // Every service that did start is stopped even when another fails to.
    const starts = await Promise.allSettled(names.slice(1).map((n) => startServiceUnderTest(withIdentity, n)));
    const others = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const o of others) cleanups.push(() => o.stop());
    const failed = starts.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const services: Record<string, ServiceUnderTest> = {
      identity,
      ...Object.fromEntries(others.map((o) => [o.name, o])),
    };
    await Promise.all(
      Object.entries(opts.consumes ?? {}).map(([service, topics]) =>
        waitForConsumerGroup(services[service]!.consumerGroup, topics),
      ),
    );
    const gateway = await startGatewayProcess({
      services: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.baseUrl])),
      dist,
      logDir: ctx.logDir,
    });
    cleanups.push(() => stopProcess(gateway.process));
    // The browser keeps the real process clock; a moved test clock reaches its pages
    // through Playwright's clock instead (newContext), which Chromium handles far better
    // than libfaketime in its many processes.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      env: realClockEnv(),
    });
    cleanups.push(() => browser.close());
    return {
      baseUrl: gateway.url,
      services,
      secrets: secrets.secrets,
      browser,
      newContext: async ({ width = 1280, height = 860 } = {}) => {
        const context = await browser.newContext({
          viewport: { width, height },
          timezoneId: 'Europe/London',
          locale: 'en-GB',
        });
        // Under a moved test clock the pages see the same time as the tests and services;
        // Playwright's clock then runs on from it in real time.
        if (Object.keys(movedClockEnv()).length > 0) await context.clock.install({ time: Date.now() });
        return context;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
