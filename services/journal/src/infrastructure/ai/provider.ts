import type { ProviderName } from '../../domain/insight';

/** What a provider is given to analyse: the entry as its owner wrote it. */
export interface AnalysisRequest {
  /** The entry's prose (markdown removed). */
  text: string;
  mood: number | null;
  tags: string[];
}

/**
 * One way to analyse an entry. `analyze` answers what the provider said, unchecked: the
 * chain validates it against the insight schema.
 */
export interface InsightProvider {
  readonly name: ProviderName;
  readonly model: string;
  /** Sends the entry off this machine: only for users who opted in. */
  readonly remote: boolean;
  analyze(request: AnalysisRequest, signal: AbortSignal): Promise<unknown>;
}
