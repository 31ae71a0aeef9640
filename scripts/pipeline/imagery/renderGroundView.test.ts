import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binSceneByTile } from './binSceneByTile.js';
import { fixturePosition, writeDistrictFixture } from './districtFixture.js';
import type { GroundScene, WorldBox } from './groundScene.js';
import { groundStyle } from './groundStyle.js';
import { loadGroundScene } from './loadGroundScene.js';
import { renderGroundView } from './renderGroundView.js';
import { tileRange } from './tileRange.js';
import { webMercator } from './webMercator.js';

let dir: string;
let scene: GroundScene;
let area: WorldBox;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ground-view-'));
  await writeDistrictFixture(dir);
  const nw = webMercator.project(PILOT_AREA_BOUNDS.west, PILOT_AREA_BOUNDS.north);
  const se = webMercator.project(PILOT_AREA_BOUNDS.east, PILOT_AREA_BOUNDS.south);
  area = { minX: nw.x, minY: nw.y, maxX: se.x, maxY: se.y };
  scene = (await loadGroundScene(dir, area, () => undefined)).scene;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

function render(sceneToDraw: GroundScene, zoom: number, originX: number, originY: number, width: number, height: number): Uint8ClampedArray {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  renderGroundView(ctx, sceneToDraw, { zoom, originX, originY, width, height, area });
  return ctx.getImageData(0, 0, width, height).data;
}

const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('renderGroundView', () => {
  it.each([
    ['a junction of the trunk road and a primary road at z17', 17, 1000, 0],
    ['the trunk road with its lane markings at z19', 19, -700, 0],
    ['a bridge over the canal at z18', 18, 1000, -600],
    ['the lake shore at z16', 16, 500, 800],
  ])('draws %s across four tiles exactly as one picture (no seams)', (_, zoom, east, north) => {
    const [lon, lat] = fixturePosition(east, north) as [number, number];
    const point = webMercator.project(lon, lat);
    // The tile corner nearest the feature, so it crosses the tile edges there.
    const cornerX = Math.round(point.x * 2 ** zoom);
    const cornerY = Math.round(point.y * 2 ** zoom);
    const whole = render(scene, zoom, (cornerX - 1) * 256, (cornerY - 1) * 256, 512, 512);
    const sceneAt = binSceneByTile(scene, tileRange(PILOT_AREA_BOUNDS, zoom));

    // Skia rounds the coverage of an anti-aliased edge a few levels differently at another offset
    // in the canvas (invisible, and less than WebP's own loss); a seam or a feature missing from a
    // tile's bin is off by tens of levels.
    let worst = 0;
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const [tx, ty] = [cornerX - 1 + dx, cornerY - 1 + dy];
      const tile = render(sceneAt(tx, ty), zoom, tx * 256, ty * 256, 256, 256);
      for (let y = 0; y < 256; y++) {
        for (let x = 0; x < 256; x++) {
          const a = (y * 256 + x) * 4;
          const b = ((dy * 256 + y) * 512 + dx * 256 + x) * 4;
          for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs((tile[a + c] as number) - (whole[b + c] as number)));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(8);
    // Not a vacuous comparison: the picture is not plain ground.
    const ground = rgb(groundStyle.ground);
    let other = 0;
    for (let i = 0; i < whole.length; i += 4) if (Math.abs((whole[i] as number) - (ground[0] as number)) > 8) other++;
    expect(other).toBeGreaterThan(1000);
  });
});
