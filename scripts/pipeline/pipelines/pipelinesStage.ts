import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineStage, StageContext, StageResult } from '../stage.js';
import { createEnuFrame } from '../tiles3d/createEnuFrame.js';
import { createTilesetJson } from '../tiles3d/createTilesetJson.js';
import { padRegion } from '../tiles3d/padRegion.js';
import type { TileNode } from '../tiles3d/TileNode.js';
import { unionRegions } from '../tiles3d/unionRegions.js';
import { buildPipeTiles, DEFAULT_PIPE_TILING, type PipeTilingOptions } from './buildPipeTiles.js';
import { createPipeContentGlb } from './createPipeContentGlb.js';
import { nodeConnections } from './nodeConnections.js';
import { nodeFeature } from './nodeFeature.js';
import type { PipeFeature } from './PipeFeature.js';
import { type PipeNetworkFiles, readPipeNetwork } from './readPipeNetwork.js';
import { segmentFeature } from './segmentFeature.js';
import { tunnelFeature } from './tunnelFeature.js';
import { SYNTHETIC_DISTRICT_ATTRIBUTION } from '../syntheticAttribution.js';

export interface PipelinesStageOptions {
  readonly tiling?: Partial<PipeTilingOptions>;
}

const FILES: PipeNetworkFiles = { segments: 'pipe_segments.geojson', nodes: 'pipe_nodes.geojson', tunnel: 'utility_tunnel.geojson' };
const TUNNEL_URI = 'tunnel.glb';
/** Padding of the tunnel tile's region, as the pipe tiles': quantization steps stay inside. */
const PAD_M = 0.5;

const widest = (features: readonly PipeFeature[]): number => features.reduce((max, f) => Math.max(max, f.thicknessM), 0);

/**
 * The underground pipelines stage: pipe segments, pipe nodes and the utility tunnel → a 3D Tiles
 * 1.1 tileset at true depth below the ellipsoid. The root tile holds the tunnel (always shown,
 * refine ADD); below it a quadtree (refine REPLACE) whose tiles have up to two contents, pipe
 * segments and pipe nodes, each GLB with one property table of its class.
 */
export function pipelinesStage(options: PipelinesStageOptions = {}): PipelineStage {
  const tiling: PipeTilingOptions = { ...DEFAULT_PIPE_TILING, ...options.tiling };
  return {
    id: 'district-pipelines',
    kind: 'pipelines',
    name: { zh: '地下管线', en: 'Underground pipelines' },
    attribution: SYNTHETIC_DISTRICT_ATTRIBUTION,
    inputs: [FILES.segments, FILES.nodes, FILES.tunnel],

    async run(context: StageContext): Promise<StageResult> {
      const records = await readPipeNetwork(context.sourceDir, FILES, (message) => context.log(message));
      if (records.segments.length === 0) throw new Error(`${FILES.segments}: no usable pipe segments`);
      const connections = nodeConnections(records.segments);
      const pipes = [...records.segments.map(segmentFeature), ...records.nodes.map((n) => nodeFeature(n, connections.get(n.properties.id) ?? []))];
      const tunnels = records.tunnels.map(tunnelFeature);

      const write = async (uri: string, bytes: Uint8Array): Promise<void> => {
        const file = path.join(context.outDir, uri);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, bytes);
      };
      const tiles = await buildPipeTiles(pipes, tiling, write, (done, total) => context.onProgress(done, total));

      let root: TileNode = tiles.root;
      let [contentFiles, totalBytes, largestBytes] = [tiles.contentFiles, tiles.totalBytes, tiles.largestBytes];
      if (tunnels.length) {
        const region = padRegion(unionRegions(tunnels.map((t) => t.region)), PAD_M);
        const glb = await createPipeContentGlb(createEnuFrame((region.west + region.east) / 2, (region.south + region.north) / 2), 'utility_tunnel', tunnels);
        await write(TUNNEL_URI, glb);
        [contentFiles, totalBytes, largestBytes] = [contentFiles + 1, totalBytes + glb.byteLength, Math.max(largestBytes, glb.byteLength)];
        // ADD: the tunnel stays while the pipes refine below it. Shown alone, it leaves out every pipe and node.
        const error = widest(pipes);
        root = {
          region: unionRegions([region, tiles.root.region]),
          geometricError: error > tiles.root.geometricError ? error : tiles.root.geometricError + 0.01,
          contentUris: [TUNNEL_URI],
          refine: 'ADD',
          children: [{ ...tiles.root, refine: 'REPLACE' }],
        };
      }
      const tileset = createTilesetJson(root, {
        geometricError: Math.max(root.geometricError, widest(pipes), widest(tunnels)),
        generator: 'Pengcheng Twin asset pipeline (pipelines)',
      });
      await write('tileset.json', new TextEncoder().encode(`${JSON.stringify(tileset)}\n`));

      const features = pipes.length + tunnels.length;
      context.log(
        `${contentFiles} content files over ${tiles.levels} levels, ${(totalBytes / 1024).toFixed(0)} KiB in all, largest ${(largestBytes / 1024).toFixed(0)} KiB; ` +
          `${records.segments.length} segments, ${records.nodes.length} nodes, ${tunnels.length} tunnels, ${records.skipped} features skipped`,
      );
      const extent = unionRegions([...pipes, ...tunnels].map((f) => f.region));
      return {
        entry: 'tileset.json',
        bounds: extent,
        features,
        skipped: records.skipped,
        tiles: contentFiles,
      };
    },
  };
}
