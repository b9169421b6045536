import { InvalidInput } from '@daybook/service-kit';
import { localDay } from '../../domain/streaks';
import type { Tx } from '../../infrastructure/database';
import type { SettingsStore } from '../../infrastructure/settings-store';

/** How far ahead of this service's clock a writtenAt may be (a device's clock runs fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

export type WhenWritten = (
  tx: Tx,
  userId: string,
  writtenAt: string | undefined,
  timeZone: string | undefined,
) => Promise<{ writtenAt: Date; writtenOn: string; timeZone: string }>;

/**
 * When and on which local day an entry was written: the instant given (else now), in the
 * zone given, else the user's zone (from user events), else UTC. Not in the future.
 */
export function whenWrittenResolver(deps: { settings: Pick<SettingsStore, 'of'>; now?: () => Date }): WhenWritten {
  const now = deps.now ?? (() => new Date());
  return async (tx, userId, writtenAt, timeZone) => {
    const at = writtenAt ? new Date(writtenAt) : now();
    if (at.getTime() > now().getTime() + CLOCK_SKEW_MS)
      throw new InvalidInput('body.writtenAt', 'must not be in the future');
    const zone = timeZone ?? (await deps.settings.of(tx, userId)).timeZone ?? 'UTC';
    return { writtenAt: at, writtenOn: localDay(at, zone), timeZone: zone };
  };
}
