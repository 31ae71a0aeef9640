import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, createIncident, inBox, dispatchIncident, EAST, HUB_ENV, openClient, sameVersions, serverState, versions, WALL_TOKEN, WEST, type TestClient } from './fixtures/liveHub.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { startTcpForwarder, type TcpForwarder } from './fixtures/tcpForwarder.js';
import { waitFor } from './fixtures/waitFor.js';

// A client whose connection is cut while incidents keep coming gets, once back, exactly what it
// missed: every change once, none twice, through the hub's resume (not Socket.IO's recovery).
let server: RunningServer;
let forwarder: TcpForwarder;

beforeAll(async () => {
  server = await startServer(HUB_ENV);
  forwarder = await startTcpForwarder(server.port);
});

afterAll(async () => {
  await forwarder?.close();
  await server?.stop();
});

/** The incident versions a client announced, per incident. */
function announced(client: TestClient): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const event of client.events) {
    const item = event.change.item;
    if (event.stream !== 'incidents' || item === undefined) continue;
    seen.set(item.id, [...(seen.get(item.id) ?? []), item.version]);
  }
  return seen;
}

describe('resume after a forced disconnect', () => {
  it('delivers every incident change in the box exactly once and ends with the server state', async () => {
    const whole = await openClient(forwarder.url, WALL_TOKEN, { layers: ['incidents', 'alarms'] });
    const west = await openClient(forwarder.url, WALL_TOKEN, { layers: ['incidents'], bbox: WEST });
    try {
      const created: string[] = [];
      for (let i = 0; i < 60; i++) {
        const place = centre(i % 2 === 0 ? WEST : EAST);
        const incident = await createIncident(server.url, `resume test ${i}`, place);
        created.push(incident.id);
        await dispatchIncident(server.url, incident);
        // Cut the network twice while the writes go on, without waiting for the clients.
        if (i === 15 || i === 40) forwarder.dropAll();
      }

      const truth = await serverState(server.url);
      const inWest = inBox(truth.incidents, truth.places, WEST);
      expect(inWest.size).toBeGreaterThan(0);
      expect(inWest.size).toBeLessThan(truth.incidents.size);

      await waitFor('the whole-district client to match the server', () => sameVersions(versions(whole.client.view.incidents), truth.incidents));
      await waitFor('the west client to match the server in its box', () => sameVersions(versions(west.client.view.incidents), inWest));
      expect(whole.client.state).toBe('live');
      expect(whole.reconnects()).toBeGreaterThanOrEqual(2);
      expect(west.reconnects()).toBeGreaterThanOrEqual(2);

      // Every incident was created after the snapshot: each shows up as version 1 then 2, once each.
      const wholeSeen = announced(whole);
      for (const id of created) expect(wholeSeen.get(id), id).toEqual([1, 2]);
      const westSeen = announced(west);
      expect([...westSeen.keys()].sort()).toEqual([...inWest.keys()].sort());
      for (const id of inWest.keys()) expect(westSeen.get(id), id).toEqual([1, 2]);
      for (const client of [whole, west]) {
        const seqs = client.events.map((event) => event.change.seq);
        expect(new Set(seqs).size).toBe(seqs.length);
      }
    } finally {
      whole.client.dispose();
      west.client.dispose();
    }
  }, 60_000);
});
