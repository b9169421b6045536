// Provider verification of the web app's pacts (apps/web/pacts) against a real service.
// A small proxy sits in front of the service, as Pact JS's own verifier does: it answers
// the verifier's provider-state calls (POST /_pactSetup) with the test's state handlers,
// and passes every other request on after the test's request filter (e.g. a real token
// instead of the consumer's placeholder). The native verifier (pact-core) is used
// directly: Pact JS's Verifier pulls in an ESM-only module that Jest cannot load.
import type { IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import pact from '@pact-foundation/pact-core';
import { REPO_ROOT } from '@daybook/substrate';

export const PACT_DIR = join(REPO_ROOT, 'apps', 'web', 'pacts');

export type StateHandler = (params: Record<string, unknown>) => Promise<Record<string, unknown> | void>;

export interface ProviderVerification {
  provider: string;
  providerBaseUrl: string;
  pactFile: string;
  states: Record<string, StateHandler>;
  /**
   * Runs before each provider state is set up: e.g. a fresh user, so that "given X" means
   * only X exists and no interaction sees what an earlier one left behind.
   */
  beforeEachState?: () => Promise<void> | void;
  /** Adjusts each request before it reaches the provider. */
  requestFilter?: (req: IncomingMessage) => void;
}

export async function verifyProvider(v: ProviderVerification): Promise<string> {
  const app = express();
  app.post('/_pactSetup', express.json(), async (req, res) => {
    const { state, action, params } = req.body as { state?: string; action?: string; params?: Record<string, unknown> };
    if (action === 'teardown' || !state) return void res.json({});
    const handler = v.states[state];
    if (!handler) return void res.status(500).json({ error: `no handler for provider state "${state}"` });
    try {
      await v.beforeEachState?.();
      res.json((await handler(params ?? {})) ?? {});
    } catch (err) {
      res.status(500).json({ error: `provider state "${state}" failed: ${(err as Error).message}` });
    }
  });
  app.use((req, _res, next) => {
    v.requestFilter?.(req);
    next();
  });
  app.use(createProxyMiddleware({ target: v.providerBaseUrl }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    pact.logLevel('warn');
    return await pact.verifyPacts({
      provider: v.provider,
      providerBaseUrl: url,
      pactUrls: [v.pactFile],
      providerStatesSetupUrl: `${url}/_pactSetup`,
      logLevel: 'warn',
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** JSON over fetch, failing loudly: provider states are set up through the real APIs. */
export async function call<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  okStatuses: number[] = [200, 201, 202, 204],
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!okStatuses.includes(res.status)) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
