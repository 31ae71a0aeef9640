/**
 * The baseline: a raw `ws` broadcast server, as the `ws` README broadcasts: each message is
 * serialised once and the same bytes are written to every open client, with the payload the hub
 * sends (`{ observations: [reading] }`).
 *   tsx wsTarget.ts   (a child of scripts/bench/live.ts: prints nothing, talks over IPC)
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { reading, runSource, type RunRequest } from './observationSource.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const clients = new Set<WebSocket>();
server.on('connection', (socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

process.on('message', (message: RunRequest | { type: 'cpu' }) => {
  if (message.type === 'cpu') {
    const cpu = process.cpuUsage();
    process.send?.({ type: 'cpu', ms: (cpu.user + cpu.system) / 1000 });
    return;
  }
  void runSource(message, (n, dueMs) => {
    const data = Buffer.from(JSON.stringify({ observations: [reading(message.sensors, n, dueMs)] }));
    for (const client of clients) client.send(data, { binary: false });
  }).then((run) => process.send?.({ type: 'done', ...run }));
});
process.send?.({ type: 'listening', url: `ws://127.0.0.1:${port}` });
