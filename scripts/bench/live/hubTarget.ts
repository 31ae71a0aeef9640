/**
 * The hub under test: the real server (built: apps/tile-server/dist) assembled in this process
 * as index.ts does, on a free port, with the readings put on its live event bus, the place
 * ingest puts them after storing. So the hub's whole send path (interest management, Socket.IO
 * encoding, per-socket writes) is measured, and not the database.
 *   tsx hubTarget.ts <token> <data dir>   (a child of scripts/bench/live.ts, which removes the
 *   data dir: talks over IPC)
 */
import type { AddressInfo } from 'node:net';
import { SENSOR_QUANTITIES } from '@pengcheng/protocol';
import { loadConfig } from '../../../apps/tile-server/dist/config/config.js';
import { createLogger } from '../../../apps/tile-server/dist/logging/logger.js';
import { assembleServer } from '../../../apps/tile-server/dist/server/assembleServer.js';
import { reading, runSource, type RunRequest } from './observationSource.js';

const [token, dataDir] = process.argv.slice(2);
if (token === undefined || dataDir === undefined) throw new Error('usage: hubTarget.ts <device token> <data dir>');

const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SIM: 'off', DEVICE_TOKENS: `bench:viewer:${token}`, PORT: '0', HOST: '127.0.0.1' });
const logger = createLogger(config.logLevel);
const assembled = await assembleServer(config, logger, 'bench');
await new Promise<void>((resolve) => assembled.server.listen(0, '127.0.0.1', resolve));
await assembled.live.start();
assembled.lifecycle.markReady();
const { port } = assembled.server.address() as AddressInfo;

// Real sensors of the district, so interest management places them in their grid cells.
const sensors = assembled.live.sensors.list().slice(0, 50).map((sensor) => ({ id: sensor.id, quantity: Object.keys(SENSOR_QUANTITIES[sensor.kind])[0] ?? 'value' }));

process.on('message', (message: RunRequest | { type: 'close' } | { type: 'cpu' }) => {
  if (message.type === 'cpu') {
    const cpu = process.cpuUsage();
    process.send?.({ type: 'cpu', ms: (cpu.user + cpu.system) / 1000 });
    return;
  }
  if (message.type === 'close') {
    assembled.connections.closeAll();
    void assembled.release().finally(() => process.exit(0));
    return;
  }
  void runSource(message, (n, dueMs) => {
    assembled.live.events.emit('readings', [reading(message.sensors, n, dueMs)]);
  }).then((run) => process.send?.({ type: 'done', ...run }));
});
process.send?.({ type: 'listening', url: `http://127.0.0.1:${port}`, sensors });
