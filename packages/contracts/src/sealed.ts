import { z } from 'zod';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding');

/**
 * A secret sealed for the one service that holds its key: AES-256-GCM, the key named by
 * `kid` in a Dapr secret (newest key first). Anyone may carry it; only the key holder can
 * open it, and a changed byte fails the tag. Sealing and opening: service-kit `sealing`.
 */
export const sealedValue = z
  .object({
    alg: z.literal('A256GCM'),
    /** Which key of the secret sealed it, so values sealed before a rotation still open. */
    kid: z.string().min(1),
    /** 96-bit nonce, fresh for every value. */
    iv: base64url,
    ciphertext: base64url,
    /** 128-bit GCM authentication tag. */
    tag: base64url,
  })
  .strict();
export type SealedValue = z.infer<typeof sealedValue>;
