import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, createIncident, dispatchIncident, HUB_ENV, openClient, sameVersions, serverState, versions, WALL_TOKEN, WEST } from './fixtures/liveHub.js';
import { startServer } from './fixtures/serverProcess.js';
import { startTcpForwarder, type TcpForwarder } from './fixtures/tcpForwarder.js';
import { waitFor } from './fixtures/waitFor.js';

// SIGTERM while clients are connected: the node tells them to come back later and lets them go;
// they reconnect through the proxy to the node that takes over and resume where they were.
let dataDir: string;
let forwarder: TcpForwarder | undefined;
const env = { ...HUB_ENV, HUB_RECONNECT_SPREAD_MS: '300', SHUTDOWN_TIMEOUT_MS: '5000' };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-hub-shutdown-'));
});

afterAll(async () => {
  await forwarder?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a node shutting down', () => {
  it('sends its clients elsewhere, and they resume there with nothing missed or repeated', async () => {
    const first = await startServer(env, { dataDir });
    forwarder = await startTcpForwarder(first.port);
    const clients = await Promise.all([0, 1, 2].map(() => openClient(forwarder?.url ?? '', WALL_TOKEN, { layers: ['incidents'] })));
    try {
      const before = await createIncident(first.url, 'before the shutdown', centre(WEST));
      await waitFor('the incident on every client', () => clients.every(({ client }) => client.view.incidents.has(before.id)));

      const states: string[][] = clients.map(() => []);
      clients.forEach(({ client }, i) => client.onState((state) => states[i]?.push(state)));
      expect(await first.stop()).toBe(0);
      expect(states.every((seen) => seen.includes('reconnecting'))).toBe(true);

      const second = await startServer(env, { dataDir });
      forwarder.retarget(second.port);
      try {
        await dispatchIncident(second.url, before);
        const after = await createIncident(second.url, 'after the shutdown', centre(WEST));
        const truth = await serverState(second.url);
        expect(truth.incidents.has(after.id)).toBe(true);
        for (const { client } of clients) {
          await waitFor('the client back with the new node state', () => client.state === 'live' && sameVersions(versions(client.view.incidents), truth.incidents));
        }
        for (const { events } of clients) {
          const seen = events.filter((event) => event.change.item !== undefined).map((event) => `${event.change.item?.id}@${event.change.item?.version}`);
          expect(seen).toEqual([`${before.id}@1`, `${before.id}@2`, `${after.id}@1`]);
        }
      } finally {
        await second.stop();
      }
    } finally {
      for (const { client } of clients) client.dispose();
    }
  }, 60_000);
});
