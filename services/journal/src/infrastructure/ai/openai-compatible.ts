import { insightJsonSchema } from '../../domain/insight';
import type { ProviderName } from '../../domain/insight';
import type { AnalysisRequest, InsightProvider } from './provider';

const SYSTEM_PROMPT =
  'You read one private journal entry and answer with JSON only: a short summary (one or two ' +
  'sentences, second person), sentiment from -1 (very negative) to 1 (very positive) with its ' +
  'label, up to five themes (one or two words each), and up to three concrete follow-ups the ' +
  'writer could turn into tasks (imperative, under 100 characters). Empty lists when none fit.';

/** The messages and response format sent for an entry: also shown to the user before they opt in. */
export function chatRequest(modelName: string, request: AnalysisRequest) {
  const facts = [
    request.mood ? `Mood (1-5): ${request.mood}` : null,
    request.tags.length ? `Tags: ${request.tags.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    model: modelName,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: facts ? `${facts}\n\n${request.text}` : request.text },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'journal_insight', strict: true, schema: insightJsonSchema() },
    },
    temperature: 0.2,
  };
}

/** A provider's answer that is not what the protocol promises: retried, then the next provider. */
export class ProviderAnswerInvalid extends Error {
  override name = 'ProviderAnswerInvalid';
}

/**
 * A chat-completions API with structured output (OpenAI's, or Ollama's OpenAI-compatible
 * /v1 endpoint, which maps the JSON Schema to its `format`). Returns the parsed JSON of the
 * first choice's message, unchecked.
 */
export class OpenAiCompatibleProvider implements InsightProvider {
  readonly remote = true;

  constructor(
    readonly name: Extract<ProviderName, 'openai' | 'ollama'>,
    readonly url: string,
    readonly model: string,
    private readonly apiKey?: string,
  ) {}

  async analyze(request: AnalysisRequest, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(`${this.url.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
      },
      body: JSON.stringify(chatRequest(this.model, request)),
      signal,
    });
    if (!response.ok) throw new Error(`${this.name} answered ${response.status}`);
    const body = (await response.json().catch(() => undefined)) as
      { choices?: { message?: { content?: unknown; refusal?: unknown } }[] } | undefined;
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ProviderAnswerInvalid(`${this.name} sent no message content`);
    try {
      return JSON.parse(content);
    } catch {
      throw new ProviderAnswerInvalid(`${this.name} sent content that is not JSON`);
    }
  }
}
