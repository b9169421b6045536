import { createServer } from 'node:net';

/**
 * Test ports come from 20000–29999: below the kernel's ephemeral range (32768–60999), where
 * outgoing connections take their local ports, so a port handed out cannot be taken by a
 * connection before its server binds it; and clear of `npm start`'s fixed ports (30xx, 35xx,
 * 61xx, 62xx, 91xx).
 */
const FIRST = 20_000;
const LAST = 29_999;

const handedOut = new Set<number>();

/** Whether a server can listen on `port` on every interface right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** A TCP port free right now (never the same one twice in a process). */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free TCP port in ${FIRST}–${LAST} after 500 tries`);
}
