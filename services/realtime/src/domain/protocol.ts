import { z } from 'zod';

/** Close codes of the /ws protocol (docs/api.md, "Realtime"). */
export const CLOSE = {
  badFrame: 4000,
  notAuthenticated: 4001,
  tokenExpired: 4002,
  slowConsumer: 4008,
  tooManyConnections: 4029,
  frameTooBig: 1009,
  restarting: 1012,
} as const;

/** Frames from the client are at most this big (larger ones are refused with 1009). */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const cursor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const token = z.string().min(1).max(8_192);

/** What a client may send. */
export const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token, cursor: cursor.nullable() }).strict(),
  z.object({ type: z.literal('token'), token }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; message: string };

/** Parses one text frame; a problem is named with where it is ("cursor: …"). */
export function parseClientFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'frame is not JSON' };
  }
  const parsed = clientFrame.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'frame'}: ${i.message}`);
  return { ok: false, message: problems.join('; ') };
}

/** One change as it is pushed (and served by GET /api/realtime/changes). */
export interface ChangeView {
  seq: number;
  event: { id: string; type: string; time: string; data: unknown };
}

export type ServerFrame =
  | ({ type: 'change' } & ChangeView)
  | { type: 'ready'; cursor: number }
  | { type: 'resync'; cursor: number }
  | { type: 'token-accepted'; expiresAt: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };
