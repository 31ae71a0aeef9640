import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogEntry } from '@pengcheng/protocol';
import { createTilesetJson } from '../tiles3d/createTilesetJson.js';
import type { PipelineStage, StageContext, StageResult } from '../stage.js';
import type { NormalizedBuildings } from './BuildingRecord.js';
import { buildBuildingTiles, DEFAULT_TILING, type TilingOptions } from './buildBuildingTiles.js';
import { normalizeDistrictBuildings } from './normalizeDistrictBuildings.js';
import { normalizeOsmBuildings } from './normalizeOsmBuildings.js';
import { SYNTHETIC_DISTRICT_ATTRIBUTION } from '../syntheticAttribution.js';

/** `district`: our BuildingProperties GeoJSON. `osm-tilezen`: OpenStreetMap buildings as served in Tilezen vector tiles. */
export type BuildingsFormat = 'district' | 'osm-tilezen';

export interface BuildingsStageOptions {
  readonly format?: BuildingsFormat;
  /** Source file relative to the stage's sourceDir. */
  readonly input?: string;
  readonly id?: CatalogEntry['id'];
  readonly name?: CatalogEntry['name'];
  /** Defaults to the data's licence notice for `osm-tilezen`. */
  readonly attribution?: CatalogEntry['attribution'];
  readonly tiling?: Partial<TilingOptions>;
}

const ATTRIBUTION: Readonly<Record<BuildingsFormat, CatalogEntry['attribution']>> = {
  district: SYNTHETIC_DISTRICT_ATTRIBUTION,
  'osm-tilezen': { zh: '© OpenStreetMap 贡献者（ODbL）', en: '© OpenStreetMap contributors (ODbL)' },
};

const NORMALIZERS: Readonly<Record<BuildingsFormat, (geojson: unknown, log: (message: string) => void) => NormalizedBuildings>> = {
  district: normalizeDistrictBuildings,
  'osm-tilezen': normalizeOsmBuildings,
};

/**
 * The buildings stage: a GeoJSON file of building footprints → a 3D Tiles 1.1 tileset
 * (tileset.json and tiles/<level>/<x>/<y>.glb) with one feature and its metadata per building.
 */
export function buildingsStage(options: BuildingsStageOptions = {}): PipelineStage {
  const format = options.format ?? 'district';
  const input = options.input ?? 'buildings.geojson';
  const tiling: TilingOptions = { ...DEFAULT_TILING, ...options.tiling };

  return {
    id: options.id ?? 'district-buildings',
    kind: 'buildings',
    name: options.name ?? { zh: '政务区建筑', en: 'District buildings' },
    attribution: options.attribution ?? ATTRIBUTION[format],
    inputs: [input],

    async run(context: StageContext): Promise<StageResult> {
      const source = path.join(context.sourceDir, input);
      const geojson: unknown = JSON.parse(await readFile(source, 'utf8'));
      const normalized = NORMALIZERS[format](geojson, (message) => context.log(message));
      if (normalized.buildings.length === 0) throw new Error(`${input}: no usable buildings (${normalized.read} features read)`);

      const tiles = await buildBuildingTiles(
        normalized.buildings,
        tiling,
        async (uri, bytes) => {
          const file = path.join(context.outDir, uri);
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, bytes);
        },
        (done, total) => context.onProgress(done, total),
      );
      const tallest = normalized.buildings.reduce((max, b) => Math.max(max, b.heightM), 0);
      const tileset = createTilesetJson(tiles.root, {
        geometricError: Math.max(tallest, 2 * tiles.root.geometricError),
        generator: 'Pengcheng Twin asset pipeline (buildings)',
      });
      await writeFile(path.join(context.outDir, 'tileset.json'), `${JSON.stringify(tileset)}\n`);
      context.log(
        `${tiles.contentFiles} tiles, ${(tiles.totalBytes / 1024).toFixed(0)} KiB in all, largest ${(tiles.largestBytes / 1024).toFixed(0)} KiB; ` +
          `${normalized.buildings.length} buildings, ${normalized.skipped} features skipped, ${normalized.repaired} repaired`,
      );

      return {
        entry: 'tileset.json',
        bounds: tiles.extent,
        features: normalized.buildings.length,
        skipped: normalized.skipped,
        tiles: tiles.contentFiles,
      };
    },
  };
}
