import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What a log line or an outgoing event needs to know about the work in progress. */
export interface WorkContext {
  /** Shared by every request and event of one user action, across services. */
  correlationId: string;
  /** The request or event that directly caused the current work. */
  causationId?: string;
  /** W3C traceparent, forwarded so Dapr's traces join up. */
  traceparent?: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

export const currentContext = (): WorkContext | undefined => storage.getStore();
export const runWithContext = <T>(ctx: WorkContext, fn: () => T): T => storage.run(ctx, fn);
export const newCorrelationId = (): string => randomUUID();

/** The trace id inside a W3C traceparent (`00-<trace-id>-<span-id>-<flags>`). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent?.match(/^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/);
  return match?.[1];
}
