import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { artifactPath } from './support/artifacts.js';

const READY = '[data-testid="scene"][data-ready="true"]';
const KIOSK_TOKEN = 'traffic-spec-kiosk-device-token-0123456789';

interface TrafficHook {
  connection: string;
  scene: { vehicles: number; vehiclesDrawn: number; vehicleFrames: { applied: number; rejected: number }; links: { coloured: number } } | undefined;
}

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ SIM: 'on', DEVICE_TOKENS: `lobby:kiosk:${KIOSK_TOKEN}` });
});
test.afterAll(async () => {
  await server.stop();
});

test('the simulator’s traffic is drawn: vehicle frames indexed off the main thread reach the scene, one after another, and none is refused', async ({ browser }) => {
  test.setTimeout(420_000);
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const traffic = () => page.evaluate(() => (window.__pengcheng as unknown as { live(): TrafficHook }).live());
  await page.goto(`/kiosk#device=${KIOSK_TOKEN}`);
  await page.locator(READY).waitFor({ timeout: 300_000 });
  await expect(page.getByTestId('live-connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expect.poll(async () => (await traffic()).scene?.vehicles ?? 0, { timeout: 90_000 }).toBeGreaterThan(100);
  // Drawn, not only held: the last render's draw call carried them.
  await expect.poll(async () => (await traffic()).scene?.vehiclesDrawn ?? 0, { timeout: 60_000 }).toBeGreaterThan(100);
  const first = (await traffic()).scene?.vehicleFrames.applied ?? 0;
  // The hub sends a frame a second: later frames keep being drawn.
  await expect.poll(async () => (await traffic()).scene?.vehicleFrames.applied ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(first + 3);
  const seen = await traffic();
  expect(seen.scene?.vehicleFrames.rejected).toBe(0);
  expect(seen.scene?.links.coloured ?? 0).toBeGreaterThan(100);
  await page.screenshot({ path: artifactPath('traffic-kiosk-1080x1920.png') });
  await context.close();
});
