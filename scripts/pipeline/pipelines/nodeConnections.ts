import { elementAt } from '../tiles3d/elementAt.js';
import type { LonLatDeg } from '../tiles3d/localMetres.js';
import { pipeDimensions } from './pipeDimensions.js';
import type { PipeSegmentRecord } from './PipeNetworkRecords.js';

/** A pipe as seen from a node it starts or ends at. */
export interface NodeConnection {
  readonly depthM: number;
  /** Drawn radius. */
  readonly radiusM: number;
  /** The pipe's next point away from the node: which way it leaves. */
  readonly toward: LonLatDeg;
}

/** The pipes meeting at each node id, from the segments' `fromNode` and `toNode`. */
export function nodeConnections(segments: readonly PipeSegmentRecord[]): Map<string, NodeConnection[]> {
  const byNode = new Map<string, NodeConnection[]>();
  const add = (nodeId: string, connection: NodeConnection): void => {
    const list = byNode.get(nodeId);
    if (list) list.push(connection);
    else byNode.set(nodeId, [connection]);
  };
  for (const { properties, line } of segments) {
    const radiusM = pipeDimensions.radiusM(properties.diameterMm, properties.depthM);
    add(properties.fromNode, { depthM: properties.depthM, radiusM, toward: elementAt(line, 1) });
    add(properties.toNode, { depthM: properties.depthM, radiusM, toward: elementAt(line, line.length - 2) });
  }
  return byNode;
}
