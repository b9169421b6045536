import { baseEnvSchema } from '@daybook/service-kit';

/** Environment of the realtime service: the platform's variables (see service-kit env.ts). */
export const envSchema = baseEnvSchema;
export type Env = ReturnType<typeof envSchema.parse>;
