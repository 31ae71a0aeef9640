import { inBbox, snapBbox } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_ENV, openClient, WALL_TOKEN, WEST } from './fixtures/liveHub.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { waitFor } from './fixtures/waitFor.js';

// The latest-wins layers through the client module with the simulator running: binary vehicle
// frames decoded, link states, sensor readings and KPIs, and a box that narrows the vehicles.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ ...HUB_ENV, SIM: 'on' });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('the latest-wins layers', () => {
  it('fills vehicles, links, sensors and KPIs, and keeps vehicles inside a box once it is set', async () => {
    const { client } = await openClient(server.url, WALL_TOKEN, { layers: ['vehicles', 'links', 'sensors', 'kpis'] });
    try {
      const view = client.view;
      await waitFor('simulated traffic and readings', () => view.vehicles.size > 0 && view.links.size > 0 && view.sensors.size > 0 && view.kpis !== undefined, 30_000);
      const firstFrame = view.vehiclesTimeMs ?? 0;
      await waitFor('a later vehicle frame', () => (view.vehiclesTimeMs ?? 0) > firstFrame);

      await client.setSubscription({ layers: ['vehicles'], bbox: WEST });
      expect(view.links.size).toBe(0);
      expect(view.sensors.size).toBe(0);
      const box = snapBbox(WEST);
      const boxed = view.vehiclesTimeMs ?? 0;
      await waitFor('a frame of the box', () => (view.vehiclesTimeMs ?? 0) > boxed);
      for (const vehicle of view.vehicles.values()) expect(inBbox(box, vehicle.lon, vehicle.lat), vehicle.id).toBe(true);
    } finally {
      client.dispose();
    }
  }, 60_000);
});
