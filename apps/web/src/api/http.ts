// The one way the app talks HTTP: JSON in and out, the access token attached, a silent
// refresh on 401 (once, then the request is retried once), and errors that carry the
// server's own message (docs/api.md, "Errors always look like this").

import type { ProblemDetail } from './types';

export type { ProblemDetail };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get problems(): ProblemDetail[] {
    return Array.isArray(this.details.problems) ? (this.details.problems as ProblemDetail[]) : [];
  }
}

/** A version conflict (409 on a write with `If-Match`): carries the server's copy. */
export function conflictCurrent<T>(err: unknown): T | undefined {
  if (err instanceof ApiError && err.status === 409 && err.details.current) return err.details.current as T;
  return undefined;
}

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Attach the access token and refresh on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface HttpClient {
  request<T>(method: string, path: string, opts?: RequestOptions): Promise<T>;
  /** A GET whose answer is not JSON (a CSV download): its text. */
  text?(path: string, opts?: RequestOptions): Promise<string>;
}

export interface HttpConfig {
  /** Origin of the API; '' in the browser (same origin through the gateway). */
  baseUrl?: string;
  /** The current access token, if any. */
  accessToken(): string | null;
  /**
   * Gets a fresh access token (with the refresh cookie). Resolves false when the session
   * is over. Called at most once at a time, however many requests got a 401.
   */
  refresh?(): Promise<boolean>;
  fetch?: typeof fetch;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || `request failed (${res.status})`;
  let details: Record<string, unknown> = {};
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details ?? {};
    }
  } catch {}
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    message = details.service ? `${String(details.service)} is not answering; try again shortly` : message;
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, code, message, details, Number.isFinite(retryAfter) ? retryAfter : undefined);
}

export function createHttp(config: HttpConfig): HttpClient {
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let refreshing: Promise<boolean> | null = null;

  const refreshOnce = (): Promise<boolean> => {
    if (!config.refresh) return Promise.resolve(false);
    refreshing ??= config.refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const send = (method: string, path: string, opts: RequestOptions): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const token = opts.auth === false ? null : config.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    return doFetch(`${config.baseUrl ?? ''}${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  };

  return {
    async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
      let res = await send(method, path, opts);
      if (res.status === 401 && opts.auth !== false && (await refreshOnce())) {
        res = await send(method, path, opts);
      }
      if (!res.ok) throw await toError(res);
      if (res.status === 204 || res.status === 202) {
        await res.text().catch(() => '');
        return undefined as T;
      }
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async text(path: string, opts: RequestOptions = {}): Promise<string> {
      const headers = { accept: '*/*', ...opts.headers };
      let res = await send('GET', path, { ...opts, headers });
      if (res.status === 401 && opts.auth !== false && (await refreshOnce()))
        res = await send('GET', path, { ...opts, headers });
      if (!res.ok) throw await toError(res);
      return res.text();
    },
  };
}
