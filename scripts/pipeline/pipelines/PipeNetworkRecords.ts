import type { PipeNodeProperties, PipeSegmentProperties, UtilityTunnelProperties } from '@pengcheng/protocol';
import type { LonLatDeg } from '../tiles3d/localMetres.js';

/** A checked pipe segment: its line has at least two distinct points. */
export interface PipeSegmentRecord {
  readonly properties: PipeSegmentProperties;
  readonly line: readonly LonLatDeg[];
}

export interface PipeNodeRecord {
  readonly properties: PipeNodeProperties;
  readonly point: LonLatDeg;
}

/** A checked utility tunnel (综合管廊): its line has at least two distinct points. */
export interface UtilityTunnelRecord {
  readonly properties: UtilityTunnelProperties;
  readonly line: readonly LonLatDeg[];
}

/** The district's underground networks as read from the source files, invalid features left out. */
export interface PipeNetworkRecords {
  readonly segments: readonly PipeSegmentRecord[];
  readonly nodes: readonly PipeNodeRecord[];
  readonly tunnels: readonly UtilityTunnelRecord[];
  /** Features left out, each explained in the log. */
  readonly skipped: number;
}
