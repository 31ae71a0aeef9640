import createGraph, { type Graph } from 'ngraph.graph';
import { aStar, type PathFinder } from 'ngraph.path';
import type { RoadEdgeProperties } from '@pengcheng/protocol';
import { distanceM, polyline, type LonLat, type Polyline } from '../polyline.js';
import type { SimDistrict } from '../simDistrict.js';

/** One edge of the road network, with what the traffic model needs of it. */
export interface RoadLink {
  readonly index: number;
  readonly id: string;
  readonly props: RoadEdgeProperties;
  /** Drawn from `props.fromNode` to `props.toNode`. */
  readonly line: Polyline;
  readonly freeFlowKmh: number;
  /** Whether a signal at either end takes a share of its green time. */
  readonly signalized: boolean;
}

/** A link driven in one direction: `forward` from its from-node to its to-node. */
export interface Leg {
  readonly link: RoadLink;
  readonly forward: boolean;
}

interface LinkData {
  readonly leg: Leg;
  /** Seconds at free flow. */
  readonly cost: number;
}

/** Seconds to drive a link as things stand; free-flow time when the caller has nothing better. */
export type TravelTime = (link: RoadLink) => number;

/** The fastest legal speed the heuristic may assume, so A* stays exact. */
const MAX_SPEED_MS = 120 / 3.6;

/**
 * The routable network of `road_edges.geojson`: a directed multigraph (a two-way edge is a link
 * each way, a one-way edge only from its from-node), routed by free-flow travel time with A*.
 */
export class RoadGraph {
  readonly links: readonly RoadLink[];
  readonly nodeIds: readonly string[];
  private readonly graph: Graph<LonLat, LinkData>;
  private readonly finder: PathFinder<LonLat>;
  private readonly linkById: ReadonlyMap<string, RoadLink>;
  private travelTime: TravelTime | undefined;

  constructor(district: Pick<SimDistrict, 'roadNodes' | 'roadEdges'>) {
    this.graph = createGraph<LonLat, LinkData>({ multigraph: true });
    for (const node of district.roadNodes) this.graph.addNode(node.props.id, node.point);
    const signals = new Set(district.roadNodes.filter((n) => n.props.signalized).map((n) => n.props.id));
    this.links = district.roadEdges.map((edge, index) => ({
      index,
      id: edge.props.id,
      props: edge.props,
      line: polyline(edge.line),
      freeFlowKmh: edge.props.speedLimitKmh,
      signalized: signals.has(edge.props.fromNode) || signals.has(edge.props.toNode),
    }));
    for (const link of this.links) {
      const { fromNode, toNode, oneway } = link.props;
      for (const node of [fromNode, toNode]) if (!this.graph.hasNode(node)) throw new Error(`road edge ${link.id} names a node ${node} that road_nodes.geojson lacks`);
      const cost = link.line.lengthM / (link.freeFlowKmh / 3.6);
      this.graph.addLink(fromNode, toNode, { leg: { link, forward: true }, cost });
      if (!oneway) this.graph.addLink(toNode, fromNode, { leg: { link, forward: false }, cost });
    }
    this.nodeIds = district.roadNodes.map((n) => n.props.id);
    this.linkById = new Map(this.links.map((l) => [l.id, l]));
    this.finder = aStar(this.graph, {
      oriented: true,
      distance: (_from, _to, link) => (this.travelTime ? this.travelTime(link.data.leg.link) : link.data.cost),
      heuristic: (from, to) => distanceM(from.data, to.data) / MAX_SPEED_MS,
    });
  }

  link(id: string): RoadLink | undefined {
    return this.linkById.get(id);
  }

  /**
   * The fastest legs from one node to another by `travelTime` (free flow when absent), or
   * undefined when there is no way or they are the same node.
   */
  route(fromNode: string, toNode: string, travelTime?: TravelTime): Leg[] | undefined {
    if (fromNode === toNode) return undefined;
    this.travelTime = travelTime;
    // ngraph.path answers the nodes from the target back to the source.
    const nodes = this.finder.find(fromNode, toNode).reverse();
    this.travelTime = undefined;
    if (nodes.length < 2) return undefined;
    const legs: Leg[] = [];
    for (let i = 1; i < nodes.length; i++) {
      const from = (nodes[i - 1] as (typeof nodes)[number]).id;
      const to = (nodes[i] as (typeof nodes)[number]).id;
      let best: Leg | undefined;
      let bestCost = Infinity;
      for (const link of this.graph.getLinks(from) ?? []) {
        const cost = travelTime ? travelTime(link.data.leg.link) : link.data.cost;
        if (link.fromId === from && link.toId === to && cost < bestCost) {
          best = link.data.leg;
          bestCost = cost;
        }
      }
      if (!best) return undefined;
      legs.push(best);
    }
    return legs;
  }
}

/** The node a leg leaves from and the one it arrives at. */
export function legEnds(leg: Leg): { readonly from: string; readonly to: string } {
  return leg.forward ? { from: leg.link.props.fromNode, to: leg.link.props.toNode } : { from: leg.link.props.toNode, to: leg.link.props.fromNode };
}
