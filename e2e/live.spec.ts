import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { artifactPath } from './support/artifacts.js';

const READY = '[data-testid="scene"][data-ready="true"]';
const WALL_TOKEN = 'live-spec-wall-device-token-0123456789';
const KIOSK_TOKEN = 'live-spec-kiosk-device-token-0123456789';
const INGEST_KEY = 'live-spec-ingest-key-0123456789';
const ENV = {
  SIM: 'off',
  DEVICE_TOKENS: `wall:viewer:${WALL_TOKEN},lobby:kiosk:${KIOSK_TOKEN}`,
  INGEST_API_KEYS: `spec:${INGEST_KEY}`,
};
/** A lifeline sensor: a flooded dip alarms at 50 cm and opens an incident. */
const SENSOR = 'SNS-WL-001';
const CALLER = { name: '测试来电人', phone: '13800001234' };

interface LiveHook {
  connection: string;
  replayTimeMs: number | undefined;
  sensors: number;
  alarms: { id: string; sensorId: string; level: string; state: string; raisedAtMs: number }[];
  incidents: { id: string; state: string; version: number }[];
  sensorStates: Record<string, string>;
}

const live = (page: Page): Promise<LiveHook> => page.evaluate(() => (window.__pengcheng as unknown as { live(): LiveHook }).live());

/** The first start printed one password per role; the operator's is the one the desk types. */
function operatorPassword(server: RunningServer): string {
  const line = server.output().split('\n').find((l) => /^\s+operator\s+operator\s+\S+/.test(l));
  const password = line?.trim().split(/\s+/)[2];
  if (!password) throw new Error(`no operator password in the server's output:\n${server.output()}`);
  return password;
}

async function post(server: RunningServer, path: string, token: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, server.url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function open(browser: Browser, server: RunningServer, path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(path);
  await page.locator(READY).waitFor({ timeout: 300_000 });
  return page;
}

test('live data on every screen: an alarm reaches the wall, the desk acknowledges it and dispatches its incident, replay shows it at its time, a restart brings every screen back, the kiosk shows nothing personal', async ({ browser }) => {
  test.setTimeout(900_000);
  // The data outlives the first server: the second one starts on it.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-live-'));
  let server = await startServer(ENV, { dataDir });
  const { port } = server;
  const password = operatorPassword(server);
  try {
    // The kiosk first, while nothing else draws; a long idle time keeps its attract tour (and its drawing) off meanwhile.
    const kiosk = await open(browser, server, `/kiosk?idle=3600#device=${KIOSK_TOKEN}`, { width: 1080, height: 1920 });
    const wall = await open(browser, server, `/wall#device=${WALL_TOKEN}`, { width: 1920, height: 1080 });
    // The token leaves the address bar once kept.
    expect(wall.url()).not.toContain(WALL_TOKEN);
    await expect(wall.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect.poll(async () => (await live(wall)).sensors, { timeout: 60_000 }).toBeGreaterThan(500);
    expect((await live(wall)).sensorStates[SENSOR]).not.toBe('alarm');

    // A reading past the alarm level, posted to the ingest API, turns the sensor red on the wall and lists the alarm.
    const posted = await post(server, '/api/v1/observations', INGEST_KEY, { observations: [{ sensorId: SENSOR, time: new Date().toISOString(), values: [{ quantity: 'depth', value: 62, unit: 'cm' }] }] });
    expect(posted.status).toBe(200);
    await expect.poll(async () => (await live(wall)).sensorStates[SENSOR], { timeout: 60_000 }).toBe('alarm');
    await expect.poll(async () => (await live(wall)).alarms.find((a) => a.sensorId === SENSOR)?.level, { timeout: 60_000 }).toBe('alarm');
    const alarmId = (await live(wall)).alarms.find((a) => a.sensorId === SENSOR)?.id ?? '';
    const wallRow = wall.locator(`[data-testid="alarm-row"][data-alarm-id="${alarmId}"]`);
    await expect(wallRow).toBeVisible();
    await expect(wallRow).toHaveAttribute('data-level', 'alarm');
    await expect(wallRow.getByRole('button')).toHaveCount(0);

    // An operator at a desk in another browser logs in and acknowledges it; the wall sees it at once.
    const desk = await open(browser, server, '/desk', { width: 1920, height: 1080 });
    await expect(desk.getByTestId('live-connection')).toHaveAttribute('data-state', 'offline');
    await desk.getByTestId('login-button').click();
    await desk.getByTestId('login-username').fill('operator');
    await desk.getByTestId('login-password').fill('wrong password');
    await desk.getByTestId('login-submit').click();
    await expect(desk.getByTestId('login-error')).toBeVisible();
    await desk.getByTestId('login-password').fill(password);
    await desk.getByTestId('login-submit').click();
    await expect(desk.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    const deskRow = desk.locator(`[data-testid="alarm-row"][data-alarm-id="${alarmId}"]`);
    await expect(deskRow).toBeVisible({ timeout: 60_000 });
    await deskRow.getByRole('button').click();
    await expect(wallRow).toHaveAttribute('data-state', 'acknowledged', { timeout: 60_000 });
    await expect(deskRow).toHaveAttribute('data-state', 'acknowledged');

    // The alarm opened an incident (a lifeline sensor); the operator dispatches it and the wall shows it dispatched.
    await expect.poll(async () => (await live(desk)).incidents.length, { timeout: 60_000 }).toBe(1);
    const incidentId = (await live(desk)).incidents[0]?.id ?? '';
    await desk.getByTestId('live-tab-incidents').click();
    await desk.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`).click();
    const panel = desk.getByTestId('incident-panel');
    await expect(panel).toHaveAttribute('data-state', 'reported');
    await desk.getByTestId('incident-note').fill('派排水抢险队');
    await desk.getByTestId('incident-action-dispatch').click();
    await expect(panel).toHaveAttribute('data-state', 'dispatched', { timeout: 60_000 });
    await expect(wall.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`)).toHaveAttribute('data-state', 'dispatched', { timeout: 60_000 });
    await expect(desk.getByTestId('incident-action-start')).toBeEnabled({ timeout: 30_000 });
    await expect(desk.getByTestId('incident-action-dispatch')).toBeVisible();
    await desk.screenshot({ path: artifactPath('live-desk-incident-1920x1080.png') });

    // Replay from an hour ago: the alarm is not there yet; played forward it appears at its recorded time; one control goes back to live.
    const raisedAtMs = (await live(desk)).alarms.find((a) => a.id === alarmId)?.raisedAtMs ?? 0;
    await desk.getByTestId('replay-open').click();
    await expect(desk.getByTestId('replay-bar')).toBeVisible();
    await expect.poll(async () => (await live(desk)).connection).toBe('replay');
    await expect(desk.getByTestId('live-connection')).toHaveAttribute('data-state', 'replay');
    expect((await live(desk)).alarms.map((a) => a.id)).not.toContain(alarmId);
    await desk.getByTestId('replay-speed-300').click();
    await desk.getByTestId('replay-play').click();
    await expect.poll(async () => (await live(desk)).alarms.map((a) => a.id), { timeout: 120_000 }).toContain(alarmId);
    expect((await live(desk)).replayTimeMs ?? 0).toBeGreaterThanOrEqual(raisedAtMs - 1_000);
    await desk.screenshot({ path: artifactPath('live-desk-replay-1920x1080.png') });
    await desk.getByTestId('replay-live').click();
    await expect(desk.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(desk.getByTestId('replay-bar')).toHaveCount(0);
    await wall.screenshot({ path: artifactPath('live-wall-1920x1080.png') });

    // A hotline report with the caller's name and number: the kiosk, live all along, shows neither, nor any alarm or action.
    const deviceOperator = await fetch(new URL('/api/v1/auth/login', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password }),
    });
    const { token } = (await deviceOperator.json()) as { token: string };
    const reported = await post(server, '/api/v1/incidents', token, {
      category: 'public_facility',
      source: 'hotline',
      severity: 'medium',
      title: '路面破损',
      place: { lon: 117.262, lat: 34.195, height: 0 },
      reporter: CALLER,
    });
    expect(reported.status).toBe(201);
    const kioskShowsNothingPersonal = async () => {
      await expect(kiosk.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 120_000 });
      await expect.poll(async () => (await live(kiosk)).sensors, { timeout: 60_000 }).toBeGreaterThan(0);
      const seen = await live(kiosk);
      expect(seen.alarms).toEqual([]);
      expect(seen.incidents).toEqual([]);
      await expect(kiosk.getByTestId('alarm-panel')).toHaveCount(0);
      const text = await kiosk.locator('body').innerText();
      expect(text).not.toContain(CALLER.name);
      expect(text).not.toContain(CALLER.phone);
      for (const button of await kiosk.getByRole('button').all()) await expect(button).toHaveAttribute('data-kiosk-control', /^(home|tour|language|place)$/);
    };
    await kioskShowsNothingPersonal();
    await kiosk.screenshot({ path: artifactPath('live-kiosk-1080x1920.png') });
    await expect.poll(async () => (await live(desk)).incidents.length, { timeout: 60_000 }).toBe(2);

    // The server goes away and comes back on the same port: every screen says so, then is live again with what it had.
    await server.stop();
    for (const screen of [wall, desk, kiosk]) await expect(screen.getByTestId('live-connection')).toHaveAttribute('data-state', /reconnecting|connecting/, { timeout: 60_000 });
    server = await startServer(ENV, { port, dataDir });
    await expect(wall.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 120_000 });
    await expect(wallRow).toHaveAttribute('data-state', 'acknowledged', { timeout: 60_000 });
    await expect(wall.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`)).toHaveAttribute('data-state', 'dispatched', { timeout: 60_000 });
    expect((await live(wall)).sensorStates[SENSOR]).toBe('alarm');
    // The desk is still logged in (its token outlives the restart), its incident still dispatched and still the operator's to move on.
    await expect(desk.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 120_000 });
    await expect.poll(async () => (await live(desk)).incidents.map((i) => i.state).sort(), { timeout: 60_000 }).toEqual(['dispatched', 'reported']);
    await expect(panel).toHaveAttribute('data-state', 'dispatched');
    await expect(desk.getByTestId('incident-action-start')).toBeEnabled({ timeout: 60_000 });
    expect((await live(desk)).alarms.find((a) => a.id === alarmId)?.state).toBe('acknowledged');
    await kioskShowsNothingPersonal();
    for (const screen of [wall, desk, kiosk]) await screen.context().close();
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
