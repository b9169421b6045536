import jwt from 'jsonwebtoken';

/** Signs an access token the way identity does, with the key from a test secrets file. */
export function mintAccessToken(
  secrets: Record<string, string>,
  userId: string,
  opts: { expiresInSeconds?: number } = {},
): string {
  const [key] = JSON.parse(secrets['identity-jwt-signing-keys']!) as { kid: string; privateKeyPem: string }[];
  return jwt.sign({}, key!.privateKeyPem, {
    algorithm: 'ES256',
    keyid: key!.kid,
    subject: userId,
    issuer: 'daybook-identity',
    audience: 'daybook',
    expiresIn: opts.expiresInSeconds ?? 600,
  });
}
