import type { Request } from 'express';
import { HttpError, badRequest } from '@daybook/service-kit';

/**
 * The task version a write was based on, from `If-Match: "<version>"` (weak or strong).
 * Required writes without it get 428: a client must say what it is overwriting.
 */
export function expectedVersion(req: Request, required: true): number;
export function expectedVersion(req: Request, required: false): number | undefined;
export function expectedVersion(req: Request, required: boolean): number | undefined {
  const header = req.header('if-match');
  if (header === undefined) {
    if (required)
      throw new HttpError(428, 'precondition_required', 'If-Match with the task version (its ETag) is required');
    return undefined;
  }
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match) throw badRequest('headers.if-match', 'must be the task ETag, e.g. "3"');
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;
