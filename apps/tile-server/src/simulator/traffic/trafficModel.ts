import { congestionLevel, type LinkState, type VehicleState, type VehicleType } from '@pengcheng/protocol';
import { trafficDemand } from '../dailyRhythms.js';
import { localTime } from '../localTime.js';
import { pointAt } from '../polyline.js';
import type { SimRandom } from '../simRandom.js';
import { bprSpeedKmh, laneCapacityVehH } from './linkCongestion.js';
import { legEnds, type Leg, type RoadGraph, type RoadLink } from './roadGraph.js';

/** One traffic tick: every vehicle's state and the links whose state changed. */
export interface TrafficTick {
  readonly timeMs: number;
  readonly vehicles: readonly VehicleState[];
  readonly links: readonly LinkState[];
}

/** What slows a link beyond its own congestion (rain, a flooded dip, works): a factor on its free-flow speed. */
export type LinkSpeedFactor = (link: RoadLink) => number;

export interface TrafficModelOptions {
  readonly graph: RoadGraph;
  readonly random: SimRandom;
  /** Vehicles on the roads at the weekday rush hours; the daily rhythm scales it down to a few hundred at night. */
  readonly vehiclesPeak: number;
  /**
   * Real vehicles each simulated one stands for in the links' volumes: a few thousand simulated
   * vehicles load the district's main roads as its real traffic would.
   */
  readonly vehicleScale?: number;
}

interface Vehicle {
  readonly id: string;
  readonly type: VehicleType;
  /** Its own pace against the link's speed. */
  readonly pace: number;
  legs: Leg[];
  leg: number;
  /** Metres along the current leg, in the direction of travel. */
  s: number;
}

/** Seconds over which a link's flow is smoothed, so one car more does not jolt its speed. */
const SMOOTHING_S = 60;
/** Vehicles move at most this much simulated time per tick: at high speed they lag the clock rather than leap across the district. */
const MAX_MOVE_MS = 5_000;
/** The share of green a signalised link gets: its capacity is that much of the lanes'. */
const GREEN_SHARE = 0.5;
const PACE: Readonly<Record<VehicleType, readonly [number, number]>> = { car: [0.9, 1.1], taxi: [0.95, 1.12], bus: [0.7, 0.85], truck: [0.8, 0.92], emergency: [1.15, 1.3] };

/**
 * Vehicles driven on the road network: trips between random nodes along the fastest route,
 * at the speed congestion (BPR, from lanes and speed limits) leaves on each link, as many
 * vehicles as the hour's demand asks for.
 */
export class TrafficModel {
  private readonly graph: RoadGraph;
  private readonly random: SimRandom;
  private readonly peak: number;
  private readonly scale: number;
  private vehicles: Vehicle[] = [];
  private nextId = 1;
  /** Vehicles that entered each link since the last tick, and the smoothed flow they make. */
  private readonly entries: Float64Array;
  private readonly volume: Float64Array;
  private readonly speedKmh: Float64Array;
  private readonly states: (LinkState | undefined)[];
  private readonly sent: (LinkState | undefined)[];
  private started = false;
  /** Vehicles more than the hour asks for: that many leave the roads as their trips end. */
  private excess = 0;

  /** Trips are planned on the links' current speeds, so traffic spreads off the jammed ones. */
  private readonly travelTime = (link: RoadLink): number => link.line.lengthM / ((this.speedKmh[link.index] ?? link.freeFlowKmh) / 3.6);

  constructor(options: TrafficModelOptions) {
    this.graph = options.graph;
    this.random = options.random;
    this.peak = options.vehiclesPeak;
    this.scale = options.vehicleScale ?? 3;
    const n = this.graph.links.length;
    this.entries = new Float64Array(n);
    this.volume = new Float64Array(n);
    this.speedKmh = Float64Array.from(this.graph.links, (l) => l.freeFlowKmh);
    this.states = new Array<LinkState | undefined>(n).fill(undefined);
    this.sent = new Array<LinkState | undefined>(n).fill(undefined);
  }

  get vehicleCount(): number {
    return this.vehicles.length;
  }

  /** The link's state as of the last tick. */
  linkState(linkId: string): LinkState | undefined {
    const link = this.graph.link(linkId);
    return link ? this.states[link.index] : undefined;
  }

  /** Advances to `timeMs`, `dtMs` after the previous tick. */
  step(timeMs: number, dtMs: number, speedFactor: LinkSpeedFactor): TrafficTick {
    const { hour, weekend } = localTime(timeMs);
    const target = Math.round(this.peak * trafficDemand(hour, weekend));
    if (!this.started) {
      this.started = true;
      while (this.vehicles.length < target) if (!this.spawn(hour, true)) break;
    }
    this.updateLinks(timeMs, dtMs, speedFactor);
    const moveS = Math.min(dtMs, MAX_MOVE_MS) / 1000;
    this.excess = this.vehicles.length - target;
    this.vehicles = this.vehicles.filter((v) => this.move(v, moveS));
    const spawnable = Math.max(1, Math.ceil((this.peak * dtMs) / 120_000));
    for (let i = 0; i < spawnable && this.vehicles.length < target; i++) if (!this.spawn(hour, false)) break;
    return { timeMs, vehicles: this.vehicles.map((v) => this.stateOf(v)), links: this.changedLinks() };
  }

  private updateLinks(timeMs: number, dtMs: number, speedFactor: LinkSpeedFactor): void {
    // Vehicles moved for at most MAX_MOVE_MS of this tick: their flow is over that time.
    const movedMs = Math.max(Math.min(dtMs, MAX_MOVE_MS), 1);
    const blend = Math.min(1, movedMs / 1000 / SMOOTHING_S);
    const perHour = 3_600_000 / movedMs;
    for (const link of this.graph.links) {
      const i = link.index;
      // The volume is the flow entering the link (smoothed), scaled to the real traffic it stands for.
      const volume = (this.volume[i] = (this.volume[i] ?? 0) + ((this.entries[i] ?? 0) * perHour * this.scale - (this.volume[i] ?? 0)) * blend);
      this.entries[i] = 0;
      const capacity = link.props.lanes * laneCapacityVehH(link.props.speedLimitKmh) * (link.signalized ? GREEN_SHARE : 1);
      const speed = bprSpeedKmh(link.freeFlowKmh * speedFactor(link), volume / capacity);
      this.speedKmh[i] = speed;
      this.states[i] = {
        linkId: link.id,
        speedKmh: Math.round(Math.min(speed, 250) * 10) / 10,
        flowVehH: Math.round(Math.min(volume, 50_000)),
        congestion: congestionLevel(speed, link.freeFlowKmh),
        timeMs,
      };
    }
  }

  /** Moves a vehicle on; false when its trip is over and it leaves the roads. */
  private move(v: Vehicle, seconds: number): boolean {
    let left = seconds;
    while (left > 0) {
      const leg = v.legs[v.leg] as Leg;
      const speed = ((this.speedKmh[leg.link.index] ?? 1) / 3.6) * v.pace;
      const remaining = leg.link.line.lengthM - v.s;
      if (speed * left < remaining) {
        v.s += speed * left;
        return true;
      }
      left -= remaining / speed;
      v.leg++;
      v.s = 0;
      if (v.leg < v.legs.length) this.enter(v.legs[v.leg] as Leg);
      else {
        if (this.excess > 0) {
          this.excess--;
          return false;
        }
        const next = this.trip(legEnds(leg).to);
        if (!next) return false;
        v.legs = next;
        v.leg = 0;
        this.enter(next[0] as Leg);
      }
    }
    return true;
  }

  private enter(leg: Leg): void {
    const i = leg.link.index;
    this.entries[i] = (this.entries[i] ?? 0) + 1;
  }

  private trip(from: string): Leg[] | undefined {
    for (let attempt = 0; attempt < 4; attempt++) {
      const legs = this.graph.route(from, this.random.pick(this.graph.nodeIds), this.travelTime);
      if (legs && legs.length > 0) return legs;
    }
    return undefined;
  }

  /** A new vehicle at a random node or, when filling the roads at the start, anywhere along a trip. */
  private spawn(hour: number, anywhere: boolean): boolean {
    const legs = this.trip(this.random.pick(this.graph.nodeIds));
    if (!legs) return false;
    const night = hour < 5 || hour >= 23;
    const type = this.vehicleType(night);
    const [slow, fast] = PACE[type];
    const leg = anywhere ? this.random.int(0, legs.length - 1) : 0;
    const s = anywhere ? this.random.range(0, (legs[leg] as Leg).link.line.lengthM) : 0;
    // Vehicles placed along their trips at the start were already on the roads: they enter nothing.
    if (!anywhere) this.enter(legs[leg] as Leg);
    this.vehicles.push({ id: `VEH-${String(this.nextId++).padStart(6, '0')}`, type, pace: this.random.range(slow, fast), legs, leg, s });
    return true;
  }

  private vehicleType(night: boolean): VehicleType {
    const r = this.random.next();
    const truck = night ? 0.2 : 0.06;
    if (r < truck) return 'truck';
    if (r < truck + 0.1) return 'taxi';
    if (r < truck + 0.14) return 'bus';
    if (r < truck + 0.155) return 'emergency';
    return 'car';
  }

  private stateOf(v: Vehicle): VehicleState {
    const leg = v.legs[v.leg] as Leg;
    const line = leg.link.line;
    const at = pointAt(line, leg.forward ? v.s : line.lengthM - v.s);
    const heading = leg.forward ? at.bearingDeg : (at.bearingDeg + 180) % 360;
    return {
      id: v.id,
      type: v.type,
      lon: Math.round(at.lon * 1e7) / 1e7,
      lat: Math.round(at.lat * 1e7) / 1e7,
      headingDeg: Math.round(heading * 10) / 10 % 360,
      speedMs: Math.round(Math.min(((this.speedKmh[leg.link.index] ?? 0) / 3.6) * v.pace, 100) * 100) / 100,
      linkId: leg.link.id,
    };
  }

  /** Links whose congestion level changed, or whose speed or flow moved noticeably, since they were last sent. */
  private changedLinks(): LinkState[] {
    const changed: LinkState[] = [];
    this.states.forEach((state, i) => {
      if (!state) return;
      const last = this.sent[i];
      if (last && last.congestion === state.congestion && Math.abs(last.speedKmh - state.speedKmh) < 2 && Math.abs(last.flowVehH - state.flowVehH) < Math.max(100, last.flowVehH * 0.1)) return;
      this.sent[i] = state;
      changed.push(state);
    });
    return changed;
  }
}
