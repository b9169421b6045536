import { IANAZone } from 'luxon';
import { z } from 'zod';

/** True for real IANA zone names ("Europe/London"), false for "Mars/Base" or offsets. */
export const isIanaZone = (zone: string): boolean =>
  /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);

/** A time zone in a request: a real IANA name. */
export const ianaTimeZone = z.string().max(100).refine(isIanaZone, 'must be an IANA time zone such as "Europe/London"');
