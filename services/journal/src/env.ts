import { baseEnvSchema } from '@daybook/service-kit';
import { z } from 'zod';

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** Environment of the journal service: the platform's variables and the AI providers'. */
export const envSchema = baseEnvSchema.extend({
  /** OpenAI (or any OpenAI-compatible API): used only for users who opted in to cloud AI. */
  OPENAI_API_KEY: optionalText,
  /** Base URL of the chat-completions API, e.g. https://api.openai.com/v1. */
  OPENAI_BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().default('https://api.openai.com/v1')),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  /** Ollama's base URL (its OpenAI-compatible API is under /v1); unset: no Ollama. */
  OLLAMA_URL: optionalUrl,
  OLLAMA_MODEL: z.string().default('llama3.2'),
  /** One remote attempt's timeout, and all remote attempts' together, in milliseconds. */
  AI_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  AI_REMOTE_BUDGET_MS: z.coerce.number().int().positive().default(3000),
});
export type Env = ReturnType<typeof envSchema.parse>;
