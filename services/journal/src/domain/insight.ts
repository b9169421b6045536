import { z } from 'zod';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/**
 * The one shape of an analysis, whoever makes it: the local analyzer's result and every
 * model's answer are parsed with it, and the JSON Schema models are held to comes from it.
 * Nothing that fails it is stored.
 */
export const insightContent = z
  .object({
    summary: z.string().min(1).max(600),
    sentiment: z.number().min(-1).max(1),
    sentimentLabel: z.enum(SENTIMENT_LABELS),
    themes: z.array(z.string().min(1).max(60)).max(8),
    suggestions: z.array(z.string().min(1).max(200)).max(5),
  })
  .strict();
export type InsightContent = z.infer<typeof insightContent>;

/** The label of a sentiment score (VADER's thresholds). */
export const labelOf = (sentiment: number): SentimentLabel =>
  sentiment >= 0.05 ? 'positive' : sentiment <= -0.05 ? 'negative' : 'neutral';

/**
 * The JSON Schema of an insight for structured output. OpenAI's strict mode accepts a
 * subset of JSON Schema (no length or range bounds), so those are left to the zod parse
 * every answer goes through.
 */
export function insightJsonSchema(): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(insightContent, { target: 'draft-7' });
  return withoutBounds(schema) as Record<string, unknown>;
}

const BOUNDS = new Set(['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']);
function withoutBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBounds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !BOUNDS.has(k))
        .map(([k, v]) => [k, withoutBounds(v)]),
    );
  }
  return value;
}

/** A suggested follow-up as stored with its insight: turned into a task at most once. */
export const storedSuggestion = z.object({
  id: z.uuid(),
  text: z.string(),
  taskRequestId: z.uuid().nullable(),
});
export type StoredSuggestion = z.infer<typeof storedSuggestion>;
export const storedSuggestions = z.array(storedSuggestion);

export const PROVIDERS = ['openai', 'ollama', 'local'] as const;
export type ProviderName = (typeof PROVIDERS)[number];
