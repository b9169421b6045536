/** One reply of a service's HTTP API, as tests look at it. */
export interface Reply<T> {
  status: number;
  body: T;
  etag: string | null;
}

/**
 * HTTP as a signed-in user: JSON in (a string body is sent as it is, to test bad JSON),
 * JSON out, with the status and ETag of every reply. Never throws on a 4xx or 5xx: tests
 * assert on the status.
 */
export function asUser(token: string) {
  return async <T>(
    baseUrl: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, etag: res.headers.get('etag') };
  };
}
