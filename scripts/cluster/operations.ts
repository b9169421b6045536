// What an operator does to a running Daybook, under a person's traffic, through the local
// cluster's entry point (part of `npm run test:cluster`, after install.sh):
//
//   1. steady traffic: a few signed-in people create, read and edit tasks in closed loops;
//   2. `helm upgrade` to a new image tag (the same image under a new name, so every pod
//      rolls) completes with zero failed requests;
//   3. `helm rollback` to the revision before it, with zero failed requests, every pod back
//      on the earlier tag;
//   4. one pod of each service killed (SIGKILL, no grace), one after the other: every write
//      the API acknowledged before, during or after is still there, and its events reached
//      the audit history (the outbox relays what was committed; consumers catch up).
//
//   KUBECTL="kubectl --kubeconfig …" HELM="helm --kubeconfig …" CTR="ctr --address … -n k8s.io" \
//   DAYBOOK_IMAGE_TAG=<tag> node --import tsx scripts/cluster/operations.ts http://<node-ip>:30080
//
// Exit 1 with the reason on the first failure.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NAMESPACE = 'daybook';
const RELEASE = 'daybook';
const CLIENTS = 4;

const log = (line: string) => console.log(`[operations] ${line}`);

/** Runs one of the commands given in the environment (a program and its fixed arguments). */
async function tool(envName: 'KUBECTL' | 'HELM' | 'CTR', args: string[], timeoutMs = 20 * 60_000): Promise<string> {
  const [program, ...fixed] = (process.env[envName] ?? '').split(' ').filter(Boolean);
  if (!program) throw new Error(`${envName} is not set`);
  const { stdout } = await run(program, [...fixed, ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
const kubectl = (...args: string[]) => tool('KUBECTL', ['-n', NAMESPACE, ...args]);
const helm = (...args: string[]) => tool('HELM', ['-n', NAMESPACE, ...args]);

interface Answer {
  status: number;
  json: Record<string, unknown>;
  etag: string | null;
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { text: text.slice(0, 200) };
  }
  return { status: res.status, json, etag: res.headers.get('etag') };
}

interface Person {
  token: string;
  /** Every task the API acknowledged, with the last version and title it acknowledged. */
  tasks: Map<string, { version: number; title: string }>;
}

async function signUp(base: string): Promise<Person> {
  const email = `operations-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const signup = await call(base, 'POST', '/api/identity/signup', { email, password, timeZone: 'Europe/Berlin' });
  if (signup.status !== 201) throw new Error(`sign up: HTTP ${signup.status} ${JSON.stringify(signup.json)}`);
  const login = await call(base, 'POST', '/api/identity/login', { email, password });
  if (login.status !== 200) throw new Error(`sign in: HTTP ${login.status} ${JSON.stringify(login.json)}`);
  return { token: login.json.accessToken as string, tasks: new Map() };
}

/** A person's closed loop: create a task, read it back, rename it. Every request counts. */
class Traffic {
  ok = 0;
  /** Attempts that failed and were tried again (only while pods are killed). */
  retried = 0;
  failures: string[] = [];
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly base: string,
    private readonly people: Person[],
    /** When false, a failed request is retried until it succeeds (a pod is being killed). */
    private readonly strict: boolean,
  ) {}

  start(): this {
    this.loops = this.people.map((p) => this.loop(p));
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async request(person: Person, what: string, method: string, path: string, body?: unknown, headers = {}) {
    for (let attempt = 1; ; attempt++) {
      let answer: Answer | undefined;
      let error: string | undefined;
      try {
        answer = await call(this.base, method, path, body, { authorization: `Bearer ${person.token}`, ...headers });
        if (answer.status >= 200 && answer.status < 300) {
          this.ok++;
          return answer;
        }
        error = `HTTP ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`;
      } catch (err) {
        error = (err as Error).cause ? String((err as { cause: unknown }).cause) : (err as Error).message;
      }
      // A retried write may have been committed before its answer was lost: a create then
      // makes a second task (acknowledged and checked like any other); an edit's retry finds
      // the version moved on (409), and its outcome stays unknown, not failed.
      if (!this.strict && attempt > 1 && answer?.status === 409) return undefined;
      const retryable = !answer || answer.status >= 500;
      if (this.strict || !retryable) {
        this.failures.push(`${new Date().toISOString()} ${what}: ${error}`);
        return undefined;
      }
      this.retried++;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!this.running) return undefined;
    }
  }

  private async loop(person: Person): Promise<void> {
    while (this.running) {
      const title = `Operations ${randomUUID().slice(0, 8)}`;
      const created = await this.request(person, 'create', 'POST', '/api/tasks', { title });
      if (!created) continue;
      const id = created.json.id as string;
      person.tasks.set(id, { version: created.json.version as number, title });
      const read = await this.request(person, 'read', 'GET', `/api/tasks/${id}`);
      if (!read) continue;
      const renamed = `${title} (edited)`;
      const updated = await this.request(
        person,
        'update',
        'PATCH',
        `/api/tasks/${id}`,
        { title: renamed },
        {
          'if-match': read.etag ?? `"${String(read.json.version)}"`,
        },
      );
      if (updated) person.tasks.set(id, { version: updated.json.version as number, title: renamed });
    }
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface Pod {
  metadata: { name: string; deletionTimestamp?: string };
  status: { conditions?: { type: string; status: string }[] };
}

/** Ready and not terminating. */
const serving = (p: Pod) =>
  !p.metadata.deletionTimestamp && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

interface Deployment {
  name: string;
  images: string[];
  selector: string;
}

async function deployments(): Promise<Deployment[]> {
  const list = JSON.parse(await kubectl('get', 'deployments', '-o', 'json')) as {
    items: {
      metadata: { name: string };
      spec: {
        selector: { matchLabels: Record<string, string> };
        template: { spec: { containers: { image: string }[] } };
      };
    }[];
  };
  return list.items.map((d) => ({
    name: d.metadata.name,
    images: d.spec.template.spec.containers.map((c) => c.image),
    selector: Object.entries(d.spec.selector.matchLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  }));
}

/** Runs `change` while traffic flows; fails on any failed request. */
async function underTraffic(base: string, people: Person[], what: string, change: () => Promise<void>): Promise<void> {
  const traffic = new Traffic(base, people, true).start();
  await waitFor('traffic to flow', 60_000, async () => (traffic.ok >= 20 ? true : undefined));
  const t0 = Date.now();
  try {
    await change();
    // A little traffic on what the change left, too.
    const after = traffic.ok;
    await waitFor('traffic after the change', 60_000, async () => (traffic.ok >= after + 20 ? true : undefined));
  } finally {
    await traffic.stop();
  }
  if (traffic.failures.length > 0)
    throw new Error(
      `${what}: ${traffic.failures.length} failed requests of ${traffic.ok + traffic.failures.length}:\n${traffic.failures.slice(0, 10).join('\n')}`,
    );
  log(`${what}: ${traffic.ok} requests, 0 failed (${Math.round((Date.now() - t0) / 1000)} s)`);
}

/** Every task each person was told about is there with its last title, and audit has its events. */
async function nothingLost(base: string, people: Person[]): Promise<number> {
  let checked = 0;
  for (const person of people) {
    const auth = { authorization: `Bearer ${person.token}` };
    for (const [id, want] of person.tasks) {
      // Retried on a network error only: a kept-alive connection may still point at a killed pod.
      const read = await waitFor(`task ${id}`, 30_000, () => call(base, 'GET', `/api/tasks/${id}`, undefined, auth));
      if (read.status !== 200) throw new Error(`task ${id}: HTTP ${read.status} after the kills`);
      // A later edit whose answer was lost may have moved it on; nothing acknowledged may be missing.
      const version = read.json.version as number;
      if (version < want.version || (version === want.version && read.json.title !== want.title))
        throw new Error(
          `task ${id}: has "${String(read.json.title)}" v${String(read.json.version)}, acknowledged "${want.title}" v${want.version}`,
        );
      checked++;
    }
    // Each acknowledged task's creation reached the audit history (through the outbox and Kafka).
    await waitFor(`the audit history of ${person.tasks.size} tasks`, 180_000, async () => {
      const res = await fetch(`${base}/api/audit/export?type=daybook.task.created.v1`, { headers: auth });
      if (res.status !== 200) throw new Error(`audit export: HTTP ${res.status}`);
      const seen = new Set(
        (await res.text())
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { entityId: string }).entityId),
      );
      const missing = [...person.tasks.keys()].filter((id) => !seen.has(id));
      if (missing.length > 0) throw new Error(`${missing.length} creations not in the history yet (${missing[0]}, …)`);
      return true;
    });
  }
  return checked;
}

async function main(base: string): Promise<void> {
  const tag = process.env.DAYBOOK_IMAGE_TAG;
  if (!tag) throw new Error('DAYBOOK_IMAGE_TAG is not set');
  const t0 = Date.now();
  const people = await Promise.all(Array.from({ length: CLIENTS }, () => signUp(base)));
  const revision = Number(JSON.parse(await helm('status', RELEASE, '-o', 'json')).version as number);

  // 2. upgrade to a new tag: the same images under another name, so every pod rolls.
  const next = `${tag}-next`;
  for (const repository of ['localhost/daybook-service', 'localhost/daybook-web']) {
    await tool('CTR', ['images', 'tag', '--force', `${repository}:${tag}`, `${repository}:${next}`]);
  }
  await underTraffic(base, people, `helm upgrade to ${next}`, async () => {
    await helm(
      'upgrade',
      RELEASE,
      'helm/daybook',
      '--reuse-values',
      '--set',
      `image.tag=${next}`,
      '--wait',
      '--timeout',
      '15m',
    );
  });
  const upgraded = await deployments();
  const stale = upgraded.filter((d) => !d.images.some((i) => i.endsWith(`:${next}`)));
  if (stale.length > 0) throw new Error(`after the upgrade, not on ${next}: ${stale.map((d) => d.name).join(', ')}`);
  log(`every deployment on ${next} (${upgraded.length})`);

  // 3. rollback to the revision before.
  await underTraffic(base, people, `helm rollback to revision ${revision}`, async () => {
    await helm('rollback', RELEASE, String(revision), '--wait', '--timeout', '15m');
  });
  const rolledBack = await deployments();
  const notBack = rolledBack.filter((d) => d.images.some((i) => i.endsWith(`:${next}`)));
  if (notBack.length > 0)
    throw new Error(`after the rollback, still on ${next}: ${notBack.map((d) => d.name).join(', ')}`);
  log(`every deployment back on ${tag}`);

  // 4. kill one pod of each service while people keep writing (they retry what fails).
  const traffic = new Traffic(base, people, false).start();
  try {
    for (const { name, selector } of rolledBack) {
      // A pod that serves: not one of the rollback's old pods still terminating (preStop).
      const victim = await waitFor(`a Ready pod of ${name}`, 120_000, async () => {
        const pods = JSON.parse(await kubectl('get', 'pods', '-l', selector, '-o', 'json')) as { items: Pod[] };
        return pods.items.find(serving);
      });
      const killedAt = Date.now();
      await kubectl('delete', 'pod', victim.metadata.name, '--grace-period=0', '--force', '--wait=false');
      // Ready again: the killed pod gone and a new one Ready (the Deployment's status lags).
      await waitFor(`a new pod of ${name} Ready`, 300_000, async () => {
        const now = JSON.parse(await kubectl('get', 'pods', '-l', selector, '-o', 'json')) as { items: Pod[] };
        const gone = !now.items.some((p) => p.metadata.name === victim.metadata.name);
        return gone && now.items.some(serving) ? true : undefined;
      });
      log(
        `killed ${victim.metadata.name}; a new pod of ${name} Ready ${Math.round((Date.now() - killedAt) / 1000)} s later`,
      );
    }
    const after = traffic.ok;
    await waitFor('traffic after the kills', 120_000, async () => (traffic.ok >= after + 20 ? true : undefined));
  } finally {
    await traffic.stop();
  }
  if (traffic.failures.length > 0)
    throw new Error(`while killing pods, requests failed for good:\n${traffic.failures.slice(0, 10).join('\n')}`);
  const checked = await nothingLost(base, people);
  log(
    `after killing a pod of each of ${rolledBack.length} deployments (${traffic.ok} requests, ${traffic.retried} attempts retried while a pod was down): ` +
      `${checked} acknowledged tasks all there, their creations all in the audit history`,
  );

  log(`PASS in ${Math.round((Date.now() - t0) / 1000)} s`);
}

const base = process.argv[2];
if (!base) {
  console.error('usage: node --import tsx scripts/cluster/operations.ts http://<node-ip>:30080');
  process.exit(2);
}
main(base.replace(/\/$/, '')).catch((err: unknown) => {
  console.error(`[operations] FAIL: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
