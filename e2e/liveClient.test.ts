import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, createIncident, EAST, HUB_ENV, KIOSK_TOKEN, openClient, testClient, WALL_TOKEN, WEST } from './fixtures/liveHub.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { waitFor } from './fixtures/waitFor.js';

// The client module's own lifecycle against the real hub: changing the box, refusals it must
// not retry, and dispose releasing the connection.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(HUB_ENV);
});

afterAll(async () => {
  await server?.stop();
});

async function connectedSockets(role: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', server.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`hub_connected_sockets{role="${role}"}`));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

describe('the live client', () => {
  it('forgets the old box and holds the new one when the box changes', async () => {
    const west = await createIncident(server.url, 'west', centre(WEST));
    const east = await createIncident(server.url, 'east', centre(EAST));
    const { client } = await openClient(server.url, WALL_TOKEN, { layers: ['incidents'], bbox: WEST });
    try {
      expect(client.view.incidents.has(west.id)).toBe(true);
      expect(client.view.incidents.has(east.id)).toBe(false);
      await client.setSubscription({ layers: ['incidents'], bbox: EAST });
      expect(client.view.incidents.has(west.id)).toBe(false);
      expect(client.view.incidents.has(east.id)).toBe(true);
      const later = await createIncident(server.url, 'east again', centre(EAST));
      await waitFor('the new incident in the new box', () => client.view.incidents.has(later.id));
    } finally {
      client.dispose();
    }
  });

  it('stops at a refused token and says why, without retrying', async () => {
    const client = testClient(server.url, 'not-a-token-of-this-server-000000', { layers: ['incidents'] });
    const states: string[] = [];
    client.onState((state) => states.push(state));
    client.connect();
    try {
      await waitFor('the refusal', () => client.state === 'refused');
      expect(client.lastError?.code).toBe('unauthorized');
      expect(states).toEqual(['connecting', 'refused']);
    } finally {
      client.dispose();
    }
  });

  it('is refused alarms on a kiosk, and gets the public layers', async () => {
    const refused = testClient(server.url, KIOSK_TOKEN, { layers: ['alarms'] });
    refused.connect();
    try {
      await waitFor('the refusal', () => refused.state === 'refused');
      expect(refused.lastError?.code).toBe('forbidden_layer');
    } finally {
      refused.dispose();
    }
    const { client } = await openClient(server.url, KIOSK_TOKEN, { layers: ['sensors', 'kpis'] });
    try {
      expect(client.view.kpis).toBeDefined();
    } finally {
      client.dispose();
    }
  });

  it('releases its connection and listeners on dispose', async () => {
    const { client } = await openClient(server.url, WALL_TOKEN, { layers: ['incidents', 'kpis'] });
    await waitFor('the socket counted', async () => (await connectedSockets('viewer')) >= 1);
    let calls = 0;
    client.onChange(() => calls++);
    client.onEvent(() => calls++);
    client.dispose();
    expect(client.state).toBe('disposed');
    await waitFor('the socket gone', async () => (await connectedSockets('viewer')) === 0);
    await createIncident(server.url, 'after dispose', centre(WEST));
    expect(calls).toBe(0);
  });
});
