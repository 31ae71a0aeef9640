import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';
/** 1.5 km straight above the administrative centre's main building, north up. */
const ABOVE_CENTRE = '117.2784,34.205,1500,0,-90';
/** ±200 m around the main building, 30 m below the ground to 200 m above it. */
const SECTION = { west: 117.276228, south: 34.203203, east: 117.280572, north: 34.206797, bottomM: -30, topM: 200 };
const AREA = { west: 117.277, south: 34.204, east: 117.2798, north: 34.206 };
const METRES_PER_DEGREE = 111_320;
/*
 * At 1920×1080 looking straight down from 1.5 km, Cesium's 60° horizontal field of view shows
 * 1,732 m across: 0.9 m a pixel, so the 400 m box spans the middle 444 pixels. Regions between
 * the desk's side panels: the middle of the box, and 270–360 m west and east of it, outside.
 */
const INSIDE = { x: 900, y: 480, width: 120, height: 120 };
const OUTSIDE = [
  { x: 560, y: 490, width: 100, height: 100 },
  { x: 1260, y: 490, width: 100, height: 100 },
];

interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}
/** The part of `window.__pengcheng` (apps/viewer/src/app/debugHook.ts) this spec reads. */
interface Hook {
  underground():
    | { clippedTilesets: number; tilesets: number; globeClipped: boolean; groundTranslucent: boolean; translucentArea: Rect | undefined }
    | undefined;
}
type HookedWindow = Window & { __pengcheng?: Hook };

async function report(page: Page) {
  const value = await page.evaluate(() => (window as HookedWindow).__pengcheng?.underground());
  if (!value) throw new Error('the page has no scene (no window.__pengcheng.underground())');
  return value;
}

function param(page: Page, name: string): number[] | undefined {
  const raw = new URL(page.url()).searchParams.get(name);
  return raw ? raw.split(',').map(Number) : undefined;
}

/** Luminance variance of a region: a flat backdrop is near 0, ground and buildings are not. */
async function variance(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number> {
  return pixelStats(await page.screenshot({ clip })).luminanceVariance;
}

async function outsideVariance(page: Page): Promise<number> {
  return Math.max(...(await Promise.all(OUTSIDE.map((clip) => variance(page, clip)))));
}

/** Presses at one screen point, drags to another, releases: drawing an area. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

const near = (a: number, b: number, metres: number): boolean => Math.abs(a - b) * METRES_PER_DEGREE < metres;

test.describe('underground: section box and translucent area', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test.setTimeout(600_000);

  test('a link opens cut to its box with its translucent area; a box and an area drawn on the ground go into the link', async ({ page }) => {
    const section = [SECTION.west, SECTION.south, SECTION.east, SECTION.north, SECTION.bottomM, SECTION.topM].join(',');
    const area = [AREA.west, AREA.south, AREA.east, AREA.north].join(',');
    await page.goto(`/desk?camera=${ABOVE_CENTRE}&section=${section}&underground=${area}`);
    await page.locator(READY).waitFor({ timeout: 300_000 });

    // The link's box cuts every tileset and the ground; its area is the only translucent ground.
    const opened = await report(page);
    expect(opened.tilesets).toBeGreaterThanOrEqual(2);
    expect(opened.clippedTilesets).toBe(opened.tilesets);
    expect(opened.globeClipped).toBe(true);
    expect(opened.groundTranslucent).toBe(true);
    for (const key of ['west', 'south', 'east', 'north'] as const) expect(near(opened.translucentArea?.[key] ?? NaN, AREA[key], 0.5)).toBe(true);
    await expect(page.getByTestId('section-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('section-panel')).toContainText('400 × 400');
    await expect(page.getByTestId('underground-in-area')).toBeChecked();

    // Outside the box only the dark backdrop is left; inside it the district is drawn.
    await expect.poll(() => outsideVariance(page), { timeout: 120_000, intervals: [3_000] }).toBeLessThan(4);
    expect(await variance(page, INSIDE)).toBeGreaterThan(40);
    await page.screenshot({ path: artifactPath('section-box-1920x1080.png') });

    // Taking the box away brings back the ground and buildings around it.
    await page.getByTestId('section-toggle').click();
    await expect.poll(() => new URL(page.url()).searchParams.has('section')).toBe(false);
    expect((await report(page)).clippedTilesets).toBe(0);
    await expect.poll(() => outsideVariance(page), { timeout: 120_000, intervals: [3_000] }).toBeGreaterThan(20);

    // A new box around the view, then drawn anew: 300 × 200 px around the middle ≈ 270 × 180 m.
    await page.getByTestId('section-toggle').click();
    await expect.poll(async () => (await report(page)).globeClipped).toBe(true);
    await page.getByTestId('section-draw').click();
    await expect(page.getByTestId('section-panel')).toHaveAttribute('data-drawing', 'true');
    await drag(page, { x: 810, y: 440 }, { x: 1110, y: 640 });
    await expect(page.getByTestId('section-panel')).toHaveAttribute('data-drawing', 'false');
    const widthM = (box: number[] | undefined): number => (box ? ((box[2] ?? NaN) - (box[0] ?? NaN)) * METRES_PER_DEGREE * Math.cos((34.205 * Math.PI) / 180) : NaN);
    // The box around the view was 1.5 km across: wait for the drawn one in the link.
    await expect.poll(() => widthM(param(page, 'section'))).toBeLessThan(1000);
    const [west = NaN, south = NaN, east = NaN, north = NaN, bottom, top] = param(page, 'section') ?? [];
    const eastM = widthM(param(page, 'section'));
    const northM = (north - south) * METRES_PER_DEGREE;
    expect(eastM).toBeGreaterThan(220);
    expect(eastM).toBeLessThan(330);
    expect(northM).toBeGreaterThan(145);
    expect(northM).toBeLessThan(220);
    expect(near((west + east) / 2, 117.2784, 30) && near((south + north) / 2, 34.205, 30)).toBe(true);
    expect([bottom, top]).toEqual([SECTION.bottomM, SECTION.topM]);
    // The box's top by its slider: the link follows.
    await page.getByTestId('section-top').fill('50');
    await expect.poll(() => param(page, 'section')?.[5]).toBe(50);

    // The translucent ground back to around the view, then drawn as an area again.
    await page.getByTestId('underground-around').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('underground')).toBe('1');
    expect((await report(page)).translucentArea).toBeUndefined();
    await page.getByTestId('underground-in-area').check();
    await expect(page.getByTestId('underground-panel')).toHaveAttribute('data-drawing', 'true');
    await drag(page, { x: 1060, y: 600 }, { x: 860, y: 480 });
    await expect.poll(() => param(page, 'underground')?.length).toBe(4);
    const drawn = (await report(page)).translucentArea;
    const [aw = NaN, as = NaN, ae = NaN, an = NaN] = param(page, 'underground') ?? [];
    expect(drawn && near(drawn.west, aw, 0.5) && near(drawn.south, as, 0.5) && near(drawn.east, ae, 0.5) && near(drawn.north, an, 0.5)).toBe(true);
    expect(aw).toBeLessThan(117.2784);
    expect(ae).toBeGreaterThan(117.2784);
    await page.screenshot({ path: artifactPath('section-drawn-1920x1080.png') });
  });
});
