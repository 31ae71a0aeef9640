import { encodeVehicleFrame, type VehiclePosition, type VehicleType } from '@pengcheng/protocol';

/** The administrative centre of the Xuzhou district, where the synthetic roads lie. */
const CENTRE = { lon: 117.278, lat: 34.205 };
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((CENTRE.lat * Math.PI) / 180);
/** Types in about the mix the simulator makes: mostly cars. */
const TYPE_WEIGHTS: readonly [VehicleType, number][] = [
  ['car', 0.7],
  ['taxi', 0.12],
  ['bus', 0.06],
  ['truck', 0.1],
  ['emergency', 0.02],
];

/** mulberry32: a small seeded generator, so every run drives the same fleet. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Road {
  /** Start of the line, metres east and north of the centre. */
  readonly x: number;
  readonly y: number;
  /** Bearing of the line, degrees clockwise from north. */
  readonly bearing: number;
  readonly lengthM: number;
}

interface Driver {
  road: Road;
  /** Metres along the road. */
  along: number;
  /** +1 along the bearing, -1 back. */
  direction: 1 | -1;
  readonly speedMs: number;
  readonly vehicle: VehiclePosition;
}

export interface SyntheticFleetOptions {
  readonly count: number;
  readonly seed: number;
  /** Share of vehicles replaced by new ones each frame (they leave, others arrive). */
  readonly churn: number;
}

/**
 * Vehicles driving to and fro along straight roads within 2 km of the centre, one frame per
 * simulated second like the simulator; a small share leaves and is replaced each frame.
 */
export class SyntheticFleet {
  private readonly random: () => number;
  private readonly drivers: Driver[] = [];
  private nextId = 0;
  private timeMs = Date.UTC(2025, 5, 1, 8);

  constructor(private readonly options: SyntheticFleetOptions) {
    this.random = seeded(options.seed);
    for (let i = 0; i < options.count; i++) this.drivers.push(this.newDriver());
  }

  /** The next tick's frame; `moving` false sends the same positions again (a static fleet). */
  frame(moving: boolean): Uint8Array<ArrayBuffer> {
    this.timeMs += 1000;
    if (moving) {
      for (let i = 0; i < this.drivers.length; i++) {
        const driver = this.drivers[i];
        if (!driver) continue;
        if (this.random() < this.options.churn) this.drivers[i] = this.newDriver();
        else this.drive(driver, 1);
      }
    }
    return encodeVehicleFrame(
      this.timeMs,
      this.drivers.map((driver) => driver.vehicle),
    );
  }

  private newDriver(): Driver {
    const r = this.random;
    const radius = 2000 * Math.sqrt(r());
    const angle = 2 * Math.PI * r();
    const road: Road = { x: radius * Math.cos(angle), y: radius * Math.sin(angle), bearing: 360 * r(), lengthM: 300 + 1200 * r() };
    let pick = r();
    const type = TYPE_WEIGHTS.find(([, weight]) => (pick -= weight) < 0)?.[0] ?? 'car';
    const id = `VEH-${(this.nextId++).toString(36).toUpperCase()}`;
    const driver: Driver = {
      road,
      along: road.lengthM * r(),
      direction: r() < 0.5 ? 1 : -1,
      speedMs: 4 + 14 * r(),
      vehicle: { id, type, lon: 0, lat: 0, headingDeg: 0, speedMs: 0 },
    };
    this.drive(driver, 0);
    return driver;
  }

  /** Moves a driver on by `seconds`, turning round at the road's ends. */
  private drive(driver: Driver, seconds: number): void {
    const { road } = driver;
    driver.along += driver.direction * driver.speedMs * seconds;
    if (driver.along > road.lengthM || driver.along < 0) {
      driver.direction = driver.direction === 1 ? -1 : 1;
      driver.along = Math.min(road.lengthM, Math.max(0, driver.along));
    }
    const rad = (road.bearing * Math.PI) / 180;
    const east = road.x + Math.sin(rad) * driver.along;
    const north = road.y + Math.cos(rad) * driver.along;
    const { vehicle } = driver;
    vehicle.lon = CENTRE.lon + east / M_PER_DEG_LON;
    vehicle.lat = CENTRE.lat + north / M_PER_DEG_LAT;
    vehicle.headingDeg = driver.direction === 1 ? road.bearing : (road.bearing + 180) % 360;
    vehicle.speedMs = seconds === 0 ? 0 : driver.speedMs;
  }
}
