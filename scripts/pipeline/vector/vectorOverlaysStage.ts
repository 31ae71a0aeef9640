import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BridgeProperties,
  CameraProperties,
  GreenProperties,
  LowPointProperties,
  ParkingLotProperties,
  PILOT_AREA_BOUNDS,
  PipeNodeProperties,
  RoadEdgeProperties,
  RoadNodeProperties,
  SmartPoleProperties,
  SquareProperties,
  UtilityTunnelProperties,
  WaterProperties,
} from '@pengcheng/protocol';
import type { Feature, FeatureCollection } from 'geojson';
import type { ZodType } from 'zod';
import type { PipelineStage, StageContext, StageResult } from '../stage.js';
import { SYNTHETIC_DISTRICT_ATTRIBUTION } from '../syntheticAttribution.js';

/** The source layers published as GeoJSON for overlays (roads, furniture) and simulation (the road graph). */
export const VECTOR_LAYERS: ReadonlyArray<{ readonly file: string; readonly schema: ZodType; readonly zh: string; readonly en: string }> = [
  { file: 'road_nodes.geojson', schema: RoadNodeProperties, zh: '道路节点', en: 'Road nodes' },
  { file: 'road_edges.geojson', schema: RoadEdgeProperties, zh: '道路', en: 'Roads' },
  { file: 'bridges.geojson', schema: BridgeProperties, zh: '桥梁', en: 'Bridges' },
  { file: 'water.geojson', schema: WaterProperties, zh: '水系', en: 'Water' },
  { file: 'green.geojson', schema: GreenProperties, zh: '绿地', en: 'Green space' },
  { file: 'squares.geojson', schema: SquareProperties, zh: '广场', en: 'Squares' },
  { file: 'smart_poles.geojson', schema: SmartPoleProperties, zh: '多功能信息杆柱', en: 'Smart poles' },
  { file: 'cameras.geojson', schema: CameraProperties, zh: '视频监控', en: 'CCTV cameras' },
  { file: 'parking_lots.geojson', schema: ParkingLotProperties, zh: '停车场', en: 'Parking lots' },
  { file: 'low_points.geojson', schema: LowPointProperties, zh: '内涝点', en: 'Flood-prone low points' },
  { file: 'pipe_nodes.geojson', schema: PipeNodeProperties, zh: '管线节点', en: 'Pipeline nodes' },
  { file: 'utility_tunnel.geojson', schema: UtilityTunnelProperties, zh: '综合管廊', en: 'Utility tunnel' },
];

export interface VectorLayerIndexEntry {
  readonly id: string;
  readonly file: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly features: number;
}

/**
 * Publishes the district's vector layers as checked GeoJSON plus an index (`layers.json`).
 * A feature whose properties break its schema is dropped and logged, never passed on.
 */
export function vectorOverlaysStage(): PipelineStage {
  return {
    id: 'district-overlays',
    kind: 'vector',
    name: { zh: '政务区矢量图层', en: 'District vector layers' },
    attribution: SYNTHETIC_DISTRICT_ATTRIBUTION,
    inputs: VECTOR_LAYERS.map((layer) => layer.file),
    async run(context: StageContext): Promise<StageResult> {
      const index: VectorLayerIndexEntry[] = [];
      let features = 0;
      let skipped = 0;
      let done = 0;
      for (const layer of VECTOR_LAYERS) {
        context.onProgress(done++, VECTOR_LAYERS.length);
        const source = path.join(context.sourceDir, layer.file);
        if (!existsSync(source)) {
          context.log(`${layer.file}: not in the source folder, layer left out`);
          continue;
        }
        const collection = JSON.parse(await readFile(source, 'utf8')) as FeatureCollection;
        const kept: Feature[] = [];
        for (const feature of collection.features ?? []) {
          const check = layer.schema.safeParse(feature.properties);
          if (check.success) kept.push(feature);
          else {
            skipped++;
            context.log(`${layer.file}: feature ${String(feature.properties?.id ?? feature.id ?? '?')} skipped: ${check.error.issues[0]?.message ?? 'invalid'}`);
          }
        }
        await writeFile(path.join(context.outDir, layer.file), JSON.stringify({ type: 'FeatureCollection', features: kept }));
        index.push({ id: layer.file.replace(/\.geojson$/, ''), file: layer.file, name: { zh: layer.zh, en: layer.en }, features: kept.length });
        features += kept.length;
      }
      context.onProgress(VECTOR_LAYERS.length, VECTOR_LAYERS.length);
      await writeFile(path.join(context.outDir, 'layers.json'), `${JSON.stringify({ layers: index }, null, 2)}\n`);
      return { entry: 'layers.json', bounds: { ...PILOT_AREA_BOUNDS }, features, skipped, tiles: index.length };
    },
  };
}
