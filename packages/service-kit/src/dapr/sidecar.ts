/**
 * A thin client for this service's Dapr sidecar HTTP API. Thin on purpose: the npm SDK has
 * no Jobs API client, and bulk publish with per-entry partition keys needs exact control
 * over the metadata and status codes.
 */
export class SidecarError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    message: string,
  ) {
    super(message);
    this.name = 'SidecarError';
  }
}

export interface JobSpec {
  /** Cron-like schedule (`@every 1h`, `0 30 9 * * *`), or leave out and give dueTime. */
  schedule?: string;
  /** RFC 3339 time or Go duration (`2s`) of the first (or only) trigger. */
  dueTime?: string;
  repeats?: number;
  ttl?: string;
  data?: unknown;
  /** Replace a job of the same name instead of failing. */
  overwrite?: boolean;
  failurePolicy?: { drop: Record<string, never> } | { constant: { interval: string; maxRetries?: number } };
}

/**
 * The `dueTime` of a job due at `at`, as a Go duration from now on this process's clock.
 * Relative, not an RFC 3339 instant: the Scheduler counts from its own clock, and a job
 * must fire when *we* say it is due even if the two clocks disagree (as they do in the
 * moved-clock test run, scripts/test-clock.sh). A time already past fires at once.
 */
export function dueTimeAt(at: Date, now: Date = new Date()): string {
  return `${Math.max(0, at.getTime() - now.getTime())}ms`;
}

export class Sidecar {
  readonly baseUrl: string;

  constructor(
    readonly httpPort: number,
    private readonly timeoutMs = 5_000,
  ) {
    this.baseUrl = `http://127.0.0.1:${httpPort}`;
  }

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers }, signal: AbortSignal.timeout(this.timeoutMs) };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    return fetch(`${this.baseUrl}${path}`, init);
  }

  private async fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => '');
    throw new SidecarError(res.status, text, `${what}: sidecar answered ${res.status} ${text}`.trim());
  }

  /** True once the sidecar has loaded its components and can reach the app. */
  async isHealthy(): Promise<boolean> {
    try {
      const res = await this.call('GET', '/v1.0/healthz');
      return res.status === 204 || res.status === 200;
    } catch {
      return false;
    }
  }

  /**
   * Publishes several complete CloudEvents to one topic in one call (Dapr bulk publish;
   * Kafka sends them in one produce request, in order). Returns the entry ids that failed.
   */
  async publishCloudEventsBulk(
    pubsub: string,
    topic: string,
    entries: { entryId: string; event: object; partitionKey: string }[],
  ): Promise<{ entryId: string; error: string }[]> {
    const res = await this.call(
      'POST',
      `/v1.0-alpha1/publish/bulk/${encodeURIComponent(pubsub)}/${encodeURIComponent(topic)}`,
      entries.map((e) => ({
        entryId: e.entryId,
        event: e.event,
        contentType: 'application/cloudevents+json',
        metadata: { partitionKey: e.partitionKey },
      })),
    );
    if (res.status === 204 || res.status === 200) return [];
    const text = await res.text();
    let failed: { entryId: string; error: string }[] | undefined;
    try {
      failed = (JSON.parse(text) as { failedEntries?: { entryId: string; error: string }[] }).failedEntries;
    } catch {
      failed = undefined;
    }
    if (failed?.length) return failed;
    throw new SidecarError(res.status, text, `bulk publish to ${topic}: sidecar answered ${res.status} ${text}`.trim());
  }

  /**
   * Publishes `body` exactly as given (no CloudEvent wrapping), with `metadata` as Kafka
   * headers (and `partitionKey` as the message key when given).
   */
  async publishRaw(pubsub: string, topic: string, body: string, metadata: Record<string, string>): Promise<void> {
    const query = new URLSearchParams({ 'metadata.rawPayload': 'true' });
    for (const [k, v] of Object.entries(metadata)) query.set(`metadata.${k}`, v);
    const res = await this.call(
      'POST',
      `/v1.0/publish/${encodeURIComponent(pubsub)}/${encodeURIComponent(topic)}?${query}`,
      body,
      { 'content-type': 'application/json' },
    );
    if (res.status !== 204 && res.status !== 200) await this.fail(res, `publish to ${topic}`);
  }

  async getSecret(store: string, key: string): Promise<Record<string, string>> {
    const res = await this.call('GET', `/v1.0/secrets/${store}/${encodeURIComponent(key)}`);
    if (res.status !== 200) return this.fail(res, `get secret ${key}`);
    return (await res.json()) as Record<string, string>;
  }

  /** Jobs API (Dapr Scheduler): the app receives `POST /job/<name>` at each trigger. */
  async scheduleJob(name: string, spec: JobSpec): Promise<void> {
    const res = await this.call('POST', `/v1.0/jobs/${encodeURIComponent(name)}`, spec);
    if (res.status !== 204 && res.status !== 200) await this.fail(res, `schedule job ${name}`);
  }

  async getJob(name: string): Promise<(JobSpec & { name: string }) | undefined> {
    const res = await this.call('GET', `/v1.0/jobs/${encodeURIComponent(name)}`);
    if (res.status === 404) return undefined;
    if (res.status === 500 && /not found/i.test(await res.clone().text())) return undefined;
    if (res.status !== 200) return this.fail(res, `get job ${name}`);
    return (await res.json()) as JobSpec & { name: string };
  }

  /** Deleting a job that does not exist is not an error (cancel is idempotent). */
  async deleteJob(name: string): Promise<void> {
    const res = await this.call('DELETE', `/v1.0/jobs/${encodeURIComponent(name)}`);
    if (res.status === 204 || res.status === 200 || res.status === 404) return;
    const text = await res.text();
    if (/not found/i.test(text)) return;
    throw new SidecarError(res.status, text, `delete job ${name}: sidecar answered ${res.status} ${text}`);
  }
}
