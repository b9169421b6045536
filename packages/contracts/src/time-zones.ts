import { IANAZone } from 'luxon';

/** True for real IANA zone names ("Europe/London"), false for "Mars/Base" or offsets. */
export const isIanaZone = (zone: string): boolean =>
  /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
