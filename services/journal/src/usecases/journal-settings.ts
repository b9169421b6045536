import type { SettingsInput } from '../domain/entry-input';
import type { Database, Transact } from '../infrastructure/database';
import type { SettingsStore, JournalSettings } from '../infrastructure/settings-store';
import { chatRequest } from '../infrastructure/ai/openai-compatible';
import type { InsightProvider } from '../infrastructure/ai/provider';
import type { ScheduleReview } from './schedule-weekly-review';

/** What opting in to cloud AI means: where entries would go, and exactly what is sent. */
export interface CloudDisclosure {
  providers: { name: string; model: string; url: string }[];
  sends: string;
  exampleRequest: ReturnType<typeof chatRequest>;
}

/** The user's journal settings, with what cloud AI would be sent. */
export function viewJournalSettings(deps: {
  db: Database;
  settings: Pick<SettingsStore, 'of'>;
  disclosure: CloudDisclosure;
}) {
  return async (userId: string) => view(await deps.settings.of(deps.db, userId), deps.disclosure);
}

/** The user changes their journal settings (cloud AI opt-in, weekly review time, zone). */
export function changeJournalSettings(deps: {
  transact: Transact;
  settings: Pick<SettingsStore, 'of' | 'save'>;
  disclosure: CloudDisclosure;
  scheduleReview: ScheduleReview;
}) {
  return (userId: string, input: SettingsInput) =>
    deps.transact(async (tx) => {
      const before = await deps.settings.of(tx, userId);
      const reviewChanged =
        (input.reviewTime !== undefined && input.reviewTime !== before.reviewTime) ||
        (input.timeZone !== undefined && input.timeZone !== before.timeZone);
      const saved = await deps.settings.save(tx, userId, {
        ...(input.cloudAi !== undefined ? { cloudAi: input.cloudAi } : {}),
        ...(input.reviewTime !== undefined ? { reviewTime: input.reviewTime } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(reviewChanged ? { reviewVersion: before.reviewVersion + 1 } : {}),
      });
      if (reviewChanged) await deps.scheduleReview(tx, userId, saved);
      return view(saved, deps.disclosure);
    });
}

function view(settings: JournalSettings, disclosure: CloudDisclosure) {
  return {
    cloudAi: settings.cloudAi,
    reviewTime: settings.reviewTime,
    timeZone: settings.timeZone,
    cloudProviders: disclosure.providers,
    whatIsSent: { description: disclosure.sends, exampleRequest: disclosure.exampleRequest },
  };
}

/** The disclosure for the remote providers configured (none: cloud AI has nowhere to go). */
export function cloudDisclosure(remote: (InsightProvider & { url?: string })[]): CloudDisclosure {
  const first = remote[0];
  return {
    providers: remote.map((p) => ({ name: p.name, model: p.model, url: p.url ?? '' })),
    sends:
      'For each entry you write or edit: its text (markdown removed), its mood and its tags, with ' +
      'instructions asking for a summary, a sentiment, themes and follow-ups. Never your name, email ' +
      'or other entries. Without opt-in, entries are analysed on this server only.',
    exampleRequest: chatRequest(first?.model ?? 'model', {
      text: 'Went for a long walk with Sam. I need to call Mum about the trip.',
      mood: 4,
      tags: ['walk'],
    }),
  };
}
