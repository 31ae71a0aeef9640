import path from 'node:path';
import { PipeNodeProperties, PipeSegmentProperties, UtilityTunnelProperties } from '@pengcheng/protocol';
import { parseLineString } from './parseLineString.js';
import { parsePoint } from './parsePoint.js';
import type { PipeNetworkRecords } from './PipeNetworkRecords.js';
import { readValidFeatures } from './readValidFeatures.js';

/** Source files, relative to the source folder. */
export interface PipeNetworkFiles {
  readonly segments: string;
  readonly nodes: string;
  readonly tunnel: string;
}

/**
 * Reads and checks the pipe segments (required), the pipe nodes and the utility tunnel (optional:
 * the networks are drawn without them), skipping and logging every invalid feature.
 */
export async function readPipeNetwork(sourceDir: string, files: PipeNetworkFiles, log: (message: string) => void): Promise<PipeNetworkRecords> {
  const at = (file: string): string => path.join(sourceDir, file);
  const segments = await readValidFeatures(at(files.segments), PipeSegmentProperties, parseLineString, { required: true, log });
  const nodes = await readValidFeatures(at(files.nodes), PipeNodeProperties, parsePoint, { required: false, log });
  const tunnels = await readValidFeatures(at(files.tunnel), UtilityTunnelProperties, parseLineString, { required: false, log });
  return {
    segments: segments.features.map((f) => ({ properties: f.properties, line: f.geometry })),
    nodes: nodes.features.map((f) => ({ properties: f.properties, point: f.geometry })),
    tunnels: tunnels.features.map((f) => ({ properties: f.properties, line: f.geometry })),
    skipped: segments.skipped + nodes.skipped + tunnels.skipped,
  };
}
