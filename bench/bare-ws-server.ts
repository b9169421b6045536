// The floor of bench/realtime-fanout.ts: a bare `ws` server (permessage-deflate off, as
// realtime) in its own process. A socket says which user it is in its first frame; a POST
// /broadcast?user=<id> sends the request's body to that user's sockets at once. Prints its
// port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const byUser = new Map<string, Set<WebSocket>>();
const server = createServer((req, res) => {
  const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    for (const ws of byUser.get(user) ?? []) ws.send(body);
    res.end();
  });
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.once('message', (data) => {
    const { user } = JSON.parse(data.toString()) as { user: string };
    const sockets = byUser.get(user) ?? new Set<WebSocket>();
    sockets.add(ws);
    byUser.set(user, sockets);
    ws.on('close', () => sockets.delete(ws));
    ws.send('{"type":"ready"}');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
