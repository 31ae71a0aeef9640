import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';
/** The administrative centre's main building (BLD-000001): the middle of its footprint, half its height. */
const MAIN_BUILDING = { longitude: 117.2784, latitude: 34.205, heightM: 50 };
const METRES_PER_DEGREE = 111_320;

interface Pose {
  longitude: number;
  latitude: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
}

/** The part of `window.__pengcheng` (apps/viewer/src/app/debugHook.ts) this spec reads. */
interface Hook {
  cameraPose(): Pose | undefined;
  shownTilesets(): number;
}
type HookedWindow = Window & { __pengcheng?: Hook };

const shownTilesets = (page: Page): Promise<number | undefined> => page.evaluate(() => (window as HookedWindow).__pengcheng?.shownTilesets());

async function cameraPose(page: Page): Promise<Pose> {
  const pose = await page.evaluate(() => (window as HookedWindow).__pengcheng?.cameraPose());
  if (!pose) throw new Error('the page has no camera (no window.__pengcheng or no scene)');
  return pose;
}

/** Straight-line metres between two points given in degrees and metres (flat earth: small distances). */
function metresApart(a: Omit<Pose, 'headingDeg' | 'pitchDeg'>, b: Omit<Pose, 'headingDeg' | 'pitchDeg'>): number {
  const east = (a.longitude - b.longitude) * METRES_PER_DEGREE * Math.cos((a.latitude * Math.PI) / 180);
  const north = (a.latitude - b.latitude) * METRES_PER_DEGREE;
  return Math.hypot(east, north, a.heightM - b.heightM);
}

function cameraOf(url: string): Pose {
  const [longitude, latitude, heightM, headingDeg, pitchDeg] = (new URL(url).searchParams.get('camera') ?? '').split(',').map(Number);
  if ([longitude, latitude, heightM, headingDeg, pitchDeg].some((n) => n === undefined || !Number.isFinite(n))) throw new Error(`no camera in ${url}`);
  return { longitude, latitude, heightM, headingDeg, pitchDeg } as Pose;
}

test.describe('the planner desk', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test.setTimeout(600_000);

  test('pick, search and fly, share the view and open it elsewhere, take a screenshot', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/desk');
    await page.locator(READY).waitFor({ timeout: 300_000 });

    // A bookmark of the start view, to come back to from another page (same browser).
    await expect.poll(() => page.url()).toContain('camera=');
    const start = await cameraPose(page);
    await page.getByTestId('bookmarks-button').click();
    await page.getByTestId('bookmark-name').fill('全景');
    await page.getByTestId('bookmark-add').click();
    await expect(page.getByTestId('bookmark')).toHaveCount(1);
    await page.getByTestId('bookmarks-button').click();

    // Picking: the default view centres on the main building.
    const canvas = page.locator('[data-testid="scene"] canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.getByTestId('attribute-panel');
    await expect(panel).toHaveAttribute('data-feature-id', 'BLD-000001');
    await expect(panel).toHaveAttribute('data-in-scene', 'true');
    await expect(panel).toContainText('徐州市行政中心主楼');
    await expect(panel).toContainText('政府机关');
    await panel.getByRole('button').click();
    await expect(panel).toBeHidden();

    // Search by a fragment of the name: the main building first, then fly there.
    const before = await cameraPose(page);
    expect(metresApart(before, MAIN_BUILDING)).toBeGreaterThan(2000);
    const input = page.getByTestId('search-input');
    await input.fill('行政中心');
    const first = page.getByTestId('search-result').first();
    await expect(first).toHaveAttribute('data-id', 'BLD-000001');
    await expect(page.getByTestId('search-results')).toContainText('徐州市行政中心西楼');
    await page.screenshot({ path: artifactPath('desk-search-results-1920x1080.png') });
    await input.press('Enter');
    await expect(page.getByTestId('search')).toHaveAttribute('data-flown-to', 'BLD-000001');
    const arrived = await cameraPose(page);
    expect(metresApart(arrived, MAIN_BUILDING)).toBeLessThan(600);
    await expect(panel).toHaveAttribute('data-feature-id', 'BLD-000001');
    await expect(panel).toHaveAttribute('data-in-scene', 'true');
    await expect(panel).toContainText('昆仑大道1号');

    // Change what a link has to carry: buildings coloured by use at 70 % opacity, and the
    // underground view (the pipelines shown too).
    await page.getByTestId('style-select-district-buildings').selectOption('use');
    await page.locator('[data-testid="layer-row"][data-layer-id="district-buildings"] [data-testid="layer-opacity"]').fill('70');
    await page.getByTestId('underground-toggle').click();
    await expect.poll(() => shownTilesets(page)).toBe(2);
    // The address bar follows the view.
    await expect.poll(() => page.url()).toContain('underground=1');
    expect(page.url()).toContain('style=district-buildings:use');
    const sharer = await cameraPose(page);
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-status')).toHaveAttribute('data-state', 'copied');
    const link = await page.getByTestId('share-url').inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link).toContain('select=BLD-000001');
    expect(link).toContain('style=district-buildings:use');
    expect(link).toContain('layers=district-buildings:0.7');
    expect(metresApart(cameraOf(link), sharer)).toBeLessThan(1);

    // Opened in another page: the same camera within a metre, the same layers and style, the
    // selection highlighted with its attributes. The sharer is closed first (its bookmark stays
    // in the browser): two scenes drawn in software would halve each other's frame rate.
    await page.close();
    const other = await context.newPage();
    await other.goto(link);
    await other.locator(READY).waitFor({ timeout: 300_000 });
    const otherPanel = other.getByTestId('attribute-panel');
    await expect(otherPanel).toHaveAttribute('data-feature-id', 'BLD-000001');
    await expect(otherPanel).toHaveAttribute('data-in-scene', 'true');
    await expect(otherPanel).toContainText('徐州市行政中心主楼');
    expect(metresApart(await cameraPose(other), sharer)).toBeLessThan(1);
    expect(await shownTilesets(other)).toBe(2);
    await expect(other.getByTestId('underground-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(other.getByTestId('style-select-district-buildings')).toHaveValue('use');
    await expect(other.locator('[data-testid="layer-row"][data-layer-id="district-buildings"] [data-testid="layer-opacity"]')).toHaveValue('70');
    await other.screenshot({ path: artifactPath('desk-shared-view-1920x1080.png') });

    // Screenshot: a PNG at the canvas's full resolution.
    const size = await other.locator('[data-testid="scene"] canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
    const downloading = other.waitForEvent('download');
    await other.getByTestId('screenshot-button').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const file = artifactPath('desk-capture-1920x1080.png');
    await download.saveAs(file);
    const png = await readFile(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(size);
    expect(size).toEqual({ width: 1920, height: 1080 });
    expect(pixelStats(png).distinctColours, 'the scene, not a blank canvas').toBeGreaterThan(1000);

    // The bookmark saved in the first page: back to the start view, without the selection and
    // the underground view it did not have.
    await other.getByTestId('bookmarks-button').click();
    await other.getByRole('button', { name: '前往“全景”' }).click();
    await expect.poll(async () => metresApart(await cameraPose(other), start), { timeout: 60_000 }).toBeLessThan(1);
    await expect(otherPanel).toBeHidden();
    await expect(other.getByTestId('underground-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(other.getByTestId('style-select-district-buildings')).toHaveValue('');
    await other.close();
  });
});
