// The web gateway: one origin for the browser. It serves the built app (with a fallback to
// index.html for client-side routes), proxies /api/<service>/… to each service unchanged
// (services serve /api/<service> themselves) and /ws (WebSocket upgrades) to realtime.
//
//   WEB_PORT       port to listen on (8080)
//   WEB_DIST       folder of the built app (apps/web/dist)
//   WEB_SERVICES   service=url pairs, comma-separated, overriding dapr.yaml's ports
//                  (e.g. "identity=http://127.0.0.1:4101,tasks=http://127.0.0.1:4102")
//   WEB_SHUTDOWN_GRACE_MS  how long in-flight requests may take to finish on SIGTERM (10000)
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import express, { type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { loadTopology } from '@daybook/substrate';

export interface GatewayOptions {
  port: number;
  /** Folder of the built app. */
  dist: string;
  /** Service name → base URL. */
  services: Record<string, string>;
  host?: string;
}

/** Each service of dapr.yaml on its local port, then the overrides of WEB_SERVICES. */
export function serviceTargets(overrides = process.env.WEB_SERVICES ?? ''): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const app of loadTopology()) targets[app.appID] = `http://127.0.0.1:${app.appPort}`;
  for (const pair of overrides.split(',').filter(Boolean)) {
    const [name, url] = pair.split('=');
    if (!name || !url) throw new Error(`WEB_SERVICES: "${pair}" is not service=url`);
    targets[name.trim()] = url.trim();
  }
  return targets;
}

function badGateway(service: string) {
  return (err: Error, _req: unknown, res: unknown) => {
    const r = res as Response & { headersSent?: boolean; writeHead?: unknown };
    if (typeof r.status !== 'function' || r.headersSent) return;
    r.status(502).json({
      error: { code: 'bad_gateway', message: `${service} is not answering`, details: { service, reason: err.message } },
    });
  };
}

export function createGateway(opts: Omit<GatewayOptions, 'port' | 'host'>) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  // While the gateway stops, every answer closes its connection, so a client's next request
  // opens a new one (to a pod that is not stopping) instead of racing a close on an idle
  // keep-alive socket. Decided when the head is written, so an answer in flight when the
  // stop began closes too, whatever Connection header the proxy copied from upstream.
  const drain = { active: false };
  app.use((_req: Request, res: Response, next: () => void) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (drain.active) this.setHeader('connection', 'close');
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  for (const [service, target] of Object.entries(opts.services)) {
    const prefix = `/api/${service}`;
    app.use(
      createProxyMiddleware({
        target,
        xfwd: true,
        pathFilter: (path) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
        on: { error: badGateway(service) },
      }),
    );
  }
  // The public signing keys at the origin's well-known place, as OIDC clients look for them.
  if (opts.services.identity) {
    app.use(
      createProxyMiddleware({
        target: opts.services.identity,
        xfwd: true,
        pathFilter: '/.well-known/jwks.json',
        on: { error: badGateway('identity') },
      }),
    );
  }
  app.use('/api', (_req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such service' } });
  });

  const ws = opts.services.realtime
    ? createProxyMiddleware({
        target: opts.services.realtime,
        ws: true,
        pathFilter: '/ws',
        on: { error: badGateway('realtime') },
      })
    : undefined;
  if (ws) app.use(ws);

  // The app: hashed assets are immutable; index.html is always revalidated.
  app.use(
    express.static(opts.dist, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.use((req: Request, res: Response) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.status(404).end();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(join(opts.dist, 'index.html'));
  });
  return { app, ws, drain };
}

const openConnections = (server: Server) =>
  new Promise<number>((resolve) => server.getConnections((err, count) => resolve(err ? 0 : count)));

export interface Gateway {
  server: Server;
  /**
   * Stops as a rollout needs: no new connections, in-flight requests answered (each closing
   * its connection) within `graceMs`, then whatever is left (WebSockets) cut.
   */
  stop(graceMs?: number): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  if (!existsSync(join(opts.dist, 'index.html'))) {
    throw new Error(`the web app is not built (${opts.dist}/index.html is missing): run npm run build -w @daybook/web`);
  }
  const { app, ws, drain } = createGateway(opts);
  const server = await new Promise<Server>((done, fail) => {
    const s = app.listen(opts.port, opts.host ?? '0.0.0.0', (err?: Error) => (err ? fail(err) : done(s)));
  });
  if (ws) server.on('upgrade', ws.upgrade);
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
      drain.active = true;
      // A connection in use closes after its next answer; an idle one at its keep-alive
      // timeout (5 s), which clients avoid racing with a shorter one of their own. Closing
      // idle sockets now would race a request a client is sending on one. New connections
      // have stopped coming: the pod left the Service's endpoints before SIGTERM (preStop).
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && (await openConnections(server)) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // What is left (WebSockets, a request slower than the grace) is cut.
      server.close();
      server.closeAllConnections();
    })());
  return { server, stop };
}

async function main() {
  const port = Number(process.env.WEB_PORT ?? 8080);
  const dist = resolve(process.env.WEB_DIST ?? join(__dirname, 'dist'));
  const services = serviceTargets();
  const gateway = await startGateway({ port, dist, services });
  console.log(
    JSON.stringify({
      level: 'info',
      service: 'web',
      msg: `gateway on :${port}`,
      dist,
      services,
      time: new Date().toISOString(),
    }),
  );
  const graceMs = Number(process.env.WEB_SHUTDOWN_GRACE_MS ?? 10_000);
  const stop = (signal: string) => {
    console.log(JSON.stringify({ level: 'info', service: 'web', msg: `${signal}: draining`, graceMs }));
    void gateway.stop(graceMs).then(() => {
      console.log(JSON.stringify({ level: 'info', service: 'web', msg: 'stopped' }));
      process.exit(0);
    });
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => stop(s));
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(JSON.stringify({ level: 'fatal', service: 'web', msg: err.message }));
    process.exit(1);
  });
}
