import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './log';
import { CACHE_DIR, MAILPIT_VERSION, PORTS, REPO_ROOT } from './paths';
import { realClockEnv, startProcess, tail, type ManagedProcess } from './processes';
import { httpOk, waitFor } from './wait';

/** Mailpit (the local SMTP sink) at the pinned release: cached, or built from the Go module proxy. */
export function ensureMailpitBinary(): string {
  const bin = join(CACHE_DIR, 'mailpit', `v${MAILPIT_VERSION}`, 'mailpit');
  if (existsSync(bin)) return bin;
  step('mailpit', `building mailpit ${MAILPIT_VERSION} (first run only; about 2 min)`);
  execFileSync('bash', [join(REPO_ROOT, 'scripts', 'provision', 'mailpit.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...realClockEnv(), MAILPIT_VERSION, DAYBOOK_CACHE: CACHE_DIR },
  });
  return bin;
}

export interface MailpitInstance {
  name: string;
  smtpPort: number;
  httpPort: number;
  /** More Mailpit flags, e.g. `--smtp-allowed-recipients <regex>` (others get a 550: a bounce). */
  extraArgs?: string[];
  logDir?: string;
}

export interface Mailpit {
  process?: ManagedProcess;
  /** host:port the services send to. */
  smtpHost: string;
  smtpPort: number;
  /** The web UI and the JSON API (/api/v1/messages). */
  url: string;
}

const DEV_INSTANCE: MailpitInstance = { name: 'mailpit', smtpPort: PORTS.mailpitSmtp, httpPort: PORTS.mailpitHttp };

/**
 * A Mailpit on the instance's ports, unless one already answers there. Messages live in a
 * temporary database that Mailpit deletes when it stops (a sink: nothing to keep); any SMTP credentials are accepted, so a service
 * configured with a user and password works against it as against a real relay.
 */
export async function ensureMailpit(instance: MailpitInstance = DEV_INSTANCE): Promise<Mailpit> {
  const url = `http://127.0.0.1:${instance.httpPort}`;
  const found: Mailpit = { smtpHost: '127.0.0.1', smtpPort: instance.smtpPort, url };
  if (await httpOk(`${url}/readyz`)) {
    step(instance.name, `already running (web UI ${url})`);
    return found;
  }
  const bin = ensureMailpitBinary();
  step(instance.name, `starting Mailpit: SMTP 127.0.0.1:${instance.smtpPort}, web UI ${url}`);
  const proc = startProcess({
    name: instance.name,
    command: bin,
    args: [
      '--smtp',
      `127.0.0.1:${instance.smtpPort}`,
      '--listen',
      `127.0.0.1:${instance.httpPort}`,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--max',
      '5000',
      '--disable-version-check',
      '--quiet',
      ...(instance.extraArgs ?? []),
    ],
    ...(instance.logDir ? { logDir: instance.logDir, pidDir: instance.logDir } : {}),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    clock: 'real',
  });
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitFor(
    'Mailpit to answer',
    async () => {
      if (exited) throw new Error(`mailpit exited:\n${tail(proc.logFile)}`);
      return httpOk(`${url}/readyz`);
    },
    { timeoutMs: 30_000, intervalMs: 100, onTimeout: () => `\n${tail(proc.logFile)}` },
  );
  return { ...found, process: proc };
}
