import { journalEntryCreated, journalEntryUpdated, userDeleted, userRegistered, userUpdated } from '@daybook/contracts';
import type { ServiceApp } from '@daybook/service-kit';
import type { Kit, UseCases } from '../app';
import type { Database } from '../infrastructure/database';

/**
 * Events the journal service consumes: its own entry events (the analysis runs after the
 * entry is saved, never in the request), and what it needs to know about users.
 */
export function eventHandlers(
  kit: Kit,
  useCases: Pick<UseCases, 'analyzeEntry' | 'rememberUserTimeZone' | 'forgetUser'>,
): NonNullable<ServiceApp<Database>['subscriptions']> {
  const { analyzeEntry, rememberUserTimeZone, forgetUser } = useCases;
  const analyze = async (
    entry: { id: string; version: number },
    { tx, log }: { tx: Parameters<typeof analyzeEntry>[0]; log: { info: (o: object, m: string) => void } },
  ) => {
    const outcome = await analyzeEntry(tx, entry.id, entry.version);
    log.info(
      {
        entryId: entry.id,
        version: entry.version,
        stored: outcome.stored,
        ...(outcome.stored ? {} : { reason: outcome.reason }),
        provider: outcome.result?.provider,
        durationMs: outcome.result?.durationMs,
        trail: outcome.result?.trail,
      },
      outcome.stored ? 'entry analysed' : 'analysis discarded',
    );
  };
  return [
    kit.on(journalEntryCreated, (event, ctx) => analyze(event.data.entry, ctx)),
    kit.on(journalEntryUpdated, (event, ctx) => analyze(event.data.entry, ctx)),
    kit.on(userRegistered, (event, { tx }) => rememberUserTimeZone(tx, event.data.userId, event.data.timeZone)),
    kit.on(userUpdated, (event, { tx }) => rememberUserTimeZone(tx, event.data.userId, event.data.timeZone)),
    kit.on(userDeleted, (event, { tx }) => forgetUser(tx, event.data.userId)),
  ];
}
