import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { insightContent, type InsightContent, type ProviderName } from '../../domain/insight';
import type { AnalysisRequest, InsightProvider } from './provider';

export interface ChainOptions {
  /** One attempt of a remote provider may take this long. */
  attemptTimeoutMs: number;
  /** Attempts per remote provider (first try included). */
  attempts: number;
  /**
   * All remote attempts together may take this long; then the local analyzer answers. The
   * analysis runs in an event's transaction, which must end well within its timeout.
   */
  remoteBudgetMs: number;
  /** Consecutive failures that open a provider's circuit, and how long it stays open. */
  breakerFailures: number;
  breakerOpenMs: number;
}

export const DEFAULT_CHAIN_OPTIONS: ChainOptions = {
  attemptTimeoutMs: 1500,
  attempts: 2,
  remoteBudgetMs: 3000,
  breakerFailures: 3,
  breakerOpenMs: 30_000,
};

export type AttemptOutcome = 'answered' | 'failed' | 'circuit-open' | 'not-allowed' | 'out-of-time';

export interface ChainResult {
  content: InsightContent;
  provider: ProviderName;
  model: string;
  durationMs: number;
  /** What each provider in the chain did, in order. */
  trail: { provider: ProviderName; outcome: AttemptOutcome; error?: string }[];
}

/** A provider's answer that does not match the insight schema: never stored. */
export class InvalidInsight extends Error {
  override name = 'InvalidInsight';
}

/**
 * Providers in order of preference, each behind its own timeout, retry and circuit breaker
 * (cockatiel). Every answer is parsed with the one insight schema; an invalid one counts as
 * a failure, so it is retried and then falls through. Remote providers are asked only when
 * the caller allows it (the user opted in); the last provider, the local analyzer, always can.
 */
export class ProviderChain {
  private readonly policies = new Map<InsightProvider, IPolicy>();

  constructor(
    readonly providers: readonly InsightProvider[],
    private readonly options: ChainOptions = DEFAULT_CHAIN_OPTIONS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    for (const provider of providers) {
      this.policies.set(
        provider,
        wrap(
          retry(handleAll, {
            maxAttempts: provider.remote ? options.attempts - 1 : 0,
            backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 200 }),
          }),
          circuitBreaker(handleAll, {
            halfOpenAfter: options.breakerOpenMs,
            breaker: new ConsecutiveBreaker(options.breakerFailures),
          }),
        ),
      );
    }
  }

  async analyze(request: AnalysisRequest, allowRemote: boolean): Promise<ChainResult> {
    const trail: ChainResult['trail'] = [];
    const budgetEnds = this.clock() + this.options.remoteBudgetMs;
    for (const provider of this.providers) {
      if (provider.remote && !allowRemote) {
        trail.push({ provider: provider.name, outcome: 'not-allowed' });
        continue;
      }
      const remaining = budgetEnds - this.clock();
      if (provider.remote && remaining <= 0) {
        trail.push({ provider: provider.name, outcome: 'out-of-time' });
        continue;
      }
      const started = this.clock();
      try {
        const content = await this.policies
          .get(provider)!
          .execute(({ signal }) => this.attempt(provider, request, signal, provider.remote ? budgetEnds : undefined));
        trail.push({ provider: provider.name, outcome: 'answered' });
        return {
          content,
          provider: provider.name,
          model: provider.model,
          durationMs: Math.round(this.clock() - started),
          trail,
        };
      } catch (err) {
        const open = err instanceof BrokenCircuitError;
        trail.push({
          provider: provider.name,
          outcome: open ? 'circuit-open' : 'failed',
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    throw new Error(`no provider could analyse the entry: ${JSON.stringify(trail)}`);
  }

  /** One try: bounded by the attempt timeout and the remote budget, validated. */
  private async attempt(
    provider: InsightProvider,
    request: AnalysisRequest,
    signal: AbortSignal,
    budgetEnds: number | undefined,
  ): Promise<InsightContent> {
    const limit =
      budgetEnds === undefined
        ? undefined
        : Math.max(1, Math.min(this.options.attemptTimeoutMs, budgetEnds - this.clock()));
    const attemptTimeout = limit === undefined ? undefined : timeout(limit, TimeoutStrategy.Aggressive);
    const run = (s: AbortSignal) => provider.analyze(request, s);
    const answer = attemptTimeout ? await attemptTimeout.execute(({ signal: s }) => run(s), signal) : await run(signal);
    const parsed = insightContent.safeParse(answer);
    if (!parsed.success) {
      throw new InvalidInsight(
        `${provider.name} answered outside the insight schema: ${parsed.error.issues
          .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }
}
