import type { Jobs, ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import { LocalAnalyzer } from './infrastructure/ai/local-analyzer';
import { OpenAiCompatibleProvider } from './infrastructure/ai/openai-compatible';
import type { InsightProvider } from './infrastructure/ai/provider';
import { DEFAULT_CHAIN_OPTIONS, ProviderChain, type ChainOptions } from './infrastructure/ai/provider-chain';
import type { Database, Transact } from './infrastructure/database';
import { EntryStore } from './infrastructure/entry-store';
import { InsightStore } from './infrastructure/insight-store';
import type { Publish } from './infrastructure/outbox';
import { SettingsStore } from './infrastructure/settings-store';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { analyzeEntry } from './usecases/analyze-entry';
import { createEntry } from './usecases/create-entry';
import { deleteEntry } from './usecases/delete-entry';
import { deleteInsight } from './usecases/delete-insight';
import { editEntry } from './usecases/edit-entry';
import { forgetUser } from './usecases/forget-user';
import { exportJournal } from './usecases/export-journal';
import { getEntry } from './usecases/get-entry';
import { importEntries } from './usecases/import-entries';
import { changeJournalSettings, cloudDisclosure, viewJournalSettings } from './usecases/journal-settings';
import { listEntries } from './usecases/list-entries';
import { listInsights } from './usecases/list-insights';
import { listWeeklyReviews } from './usecases/list-weekly-reviews';
import { rememberUserTimeZone } from './usecases/remember-user-time-zone';
import { restoreEntry } from './usecases/restore-entry';
import { weeklyReviewScheduler } from './usecases/schedule-weekly-review';
import { entryChanger } from './usecases/shared/change-entry';
import { whenWrittenResolver } from './usecases/shared/when-written';
import { turnSuggestionIntoTask } from './usecases/turn-suggestion-into-task';
import { viewCalendar } from './usecases/view-calendar';
import { writeWeeklyReview } from './usecases/write-weekly-review';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

type AiEnv = Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODEL'
  | 'OLLAMA_URL'
  | 'OLLAMA_MODEL'
  | 'AI_ATTEMPT_TIMEOUT_MS'
  | 'AI_REMOTE_BUDGET_MS'
>;

/**
 * The insight providers, in order: OpenAI (when a key is set), Ollama (when its URL is
 * set), then the local analyzer, which is always there and needs no network.
 */
export function insightProviders(env: AiEnv): (InsightProvider & { url?: string })[] {
  const remote: OpenAiCompatibleProvider[] = [];
  if (env.OPENAI_API_KEY) {
    remote.push(new OpenAiCompatibleProvider('openai', env.OPENAI_BASE_URL, env.OPENAI_MODEL, env.OPENAI_API_KEY));
  }
  if (env.OLLAMA_URL) {
    remote.push(new OpenAiCompatibleProvider('ollama', `${env.OLLAMA_URL.replace(/\/+$/, '')}/v1`, env.OLLAMA_MODEL));
  }
  return [...remote, new LocalAnalyzer()];
}

export function chainOptions(env: AiEnv): ChainOptions {
  return {
    ...DEFAULT_CHAIN_OPTIONS,
    attemptTimeoutMs: env.AI_ATTEMPT_TIMEOUT_MS,
    remoteBudgetMs: env.AI_REMOTE_BUDGET_MS,
  };
}

/**
 * Every store, adapter and use case of the journal service, each built once (the use cases'
 * tests build them the same way, with their own providers and scheduler).
 */
export function buildUseCases(deps: {
  db: Database;
  publish: Publish;
  jobs: Jobs;
  providers: (InsightProvider & { url?: string })[];
  chainOptions?: ChainOptions;
  now?: () => Date;
}) {
  const { db, publish, jobs, providers } = deps;
  const now = deps.now ?? (() => new Date());
  const transact: Transact = (fn, opts) => db.$transaction(fn, opts);
  const entries = new EntryStore(db);
  const insights = new InsightStore(db);
  const settings = new SettingsStore();
  const chain = new ProviderChain(providers, deps.chainOptions);
  const disclosure = cloudDisclosure(providers.filter((p) => p.remote));
  const changeEntry = entryChanger({ entries, publish });
  const whenWritten = whenWrittenResolver({ settings, now });
  const scheduleReview = weeklyReviewScheduler({ jobs, now });

  return {
    createEntry: createEntry({ transact, entries, whenWritten, publish }),
    getEntry: getEntry({ entries }),
    exportJournal: exportJournal({ entries }),
    importEntries: importEntries({ transact, entries, whenWritten, publish }),
    listEntries: listEntries({ entries }),
    editEntry: editEntry({ transact, changeEntry, whenWritten }),
    deleteEntry: deleteEntry({ transact, changeEntry, now }),
    restoreEntry: restoreEntry({ transact, changeEntry }),
    viewCalendar: viewCalendar({ db, entries, settings, now }),
    analyzeEntry: analyzeEntry({ entries, insights, settings, chain, publish }),
    listInsights: listInsights({ insights }),
    deleteInsight: deleteInsight({ transact, insights }),
    turnSuggestionIntoTask: turnSuggestionIntoTask({ transact, insights, publish, now }),
    viewJournalSettings: viewJournalSettings({ db, settings, disclosure }),
    changeJournalSettings: changeJournalSettings({ transact, settings, disclosure, scheduleReview }),
    writeWeeklyReview: writeWeeklyReview({ transact, entries, settings, scheduleReview, now }),
    listWeeklyReviews: listWeeklyReviews({ db }),
    rememberUserTimeZone: rememberUserTimeZone({ settings }),
    forgetUser: forgetUser({ entries, settings }),
  };
}
export type UseCases = ReturnType<typeof buildUseCases>;

/**
 * The composition root of the journal service: builds every store, adapter and use case
 * once, and hands them to the routes, event handlers and job handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const useCases = buildUseCases({
    db: kit.db,
    publish: kit.publish,
    jobs: kit.jobs,
    providers: insightProviders(kit.env),
    chainOptions: chainOptions(kit.env),
  });
  return { routes: routes(kit, useCases), subscriptions: eventHandlers(kit, useCases), jobs: jobHandlers(useCases) };
}
