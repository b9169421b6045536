import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * Serves the public half of a test secrets file's signing key as a JWKS, standing in for
 * identity's /.well-known/jwks.json when a test boots services without identity.
 */
export async function startJwksServer(
  secrets: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const keys = (JSON.parse(secrets['identity-jwt-signing-keys']!) as { kid: string; privateKeyPem: string }[]).map(
    (k) => ({
      ...(createPublicKey(createPrivateKey(k.privateKeyPem)).export({ format: 'jwk' }) as object),
      kid: k.kid,
      alg: 'ES256',
      use: 'sig',
    }),
  );
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
