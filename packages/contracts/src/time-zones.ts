import { IANAZone } from 'luxon';
import { z } from 'zod';

/** The spelling of an IANA zone name; whether the zone exists is checked too (isIanaZone). */
const IANA_ZONE_SHAPE = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/** True for real IANA zone names ("Europe/London"), false for "Mars/Base" or offsets. */
export const isIanaZone = (zone: string): boolean => IANA_ZONE_SHAPE.test(zone) && IANAZone.isValidZone(zone);

/** A time zone in a request: a real IANA name. */
export const ianaTimeZone = z
  .string()
  .max(100)
  .refine(isIanaZone, 'must be an IANA time zone such as "Europe/London"')
  .meta({
    pattern: IANA_ZONE_SHAPE.source,
    description:
      'An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, ' +
      'case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400.',
    example: 'Europe/London',
  });
