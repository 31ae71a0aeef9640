import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, createIncident, HUB_ENV, openClient, sameVersions, serverState, versions, WALL_TOKEN, WEST } from './fixtures/liveHub.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { startTcpForwarder, type TcpForwarder } from './fixtures/tcpForwarder.js';
import { waitFor } from './fixtures/waitFor.js';

// A client away for longer than the hub keeps changes for it (HUB_RESUME_LIMIT) comes back to a
// fresh snapshot instead of the changes: it ends with the server state all the same.
let server: RunningServer;
let forwarder: TcpForwarder;

beforeAll(async () => {
  server = await startServer({ ...HUB_ENV, HUB_RESUME_LIMIT: '5' });
  forwarder = await startTcpForwarder(server.port);
});

afterAll(async () => {
  await forwarder?.close();
  await server?.stop();
});

describe('resume from too far behind', () => {
  it('gets a snapshot and ends with the server state', async () => {
    const { client, events, reconnects } = await openClient(forwarder.url, WALL_TOKEN, { layers: ['incidents'] });
    try {
      const seen = await createIncident(server.url, 'before the outage', centre(WEST));
      await waitFor('the first incident', () => client.view.incidents.has(seen.id));

      forwarder.setOffline(true);
      forwarder.dropAll();
      await waitFor('the client to notice', () => client.state === 'reconnecting');
      const missed: string[] = [];
      for (let i = 0; i < 12; i++) missed.push((await createIncident(server.url, `during the outage ${i}`, centre(WEST))).id);
      forwarder.setOffline(false);

      const truth = await serverState(server.url);
      await waitFor('the client back with the server state', () => client.state === 'live' && sameVersions(versions(client.view.incidents), truth.incidents));
      expect(reconnects()).toBeGreaterThanOrEqual(1);
      // They came in the snapshot (state), not as changes: none is announced as an event.
      const announced = new Set(events.map((event) => event.change.item?.id));
      for (const id of missed) expect(announced.has(id), id).toBe(false);
    } finally {
      client.dispose();
    }
  }, 60_000);
});
