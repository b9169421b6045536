import type { Request } from 'express';
import { z } from 'zod';
import { VersionRequired, validate } from '@daybook/service-kit';

export const etagPattern = /^(?:W\/)?"?\d{1,9}"?$/;
const ifMatch = z.object({
  'if-match': z
    .string()
    .trim()
    .regex(etagPattern, 'must be the entry ETag, e.g. "3"')
    .transform((etag) => Number(etag.replace(/\D/g, '')))
    .optional(),
});

/**
 * The entry version a write was based on, from `If-Match: "<version>"` (weak or strong).
 * An edit without it gets 428: a client must say what it is overwriting.
 */
export function expectedVersion(req: Request, required: true): number;
export function expectedVersion(req: Request, required: false): number | undefined;
export function expectedVersion(req: Request, required: boolean): number | undefined {
  const version = validate(ifMatch, req.headers, 'headers')['if-match'];
  if (version === undefined && required) {
    throw new VersionRequired('If-Match with the entry version (its ETag) is required');
  }
  return version;
}

export const etag = (version: number) => `"${version}"`;
