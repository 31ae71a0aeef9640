import { z } from 'zod';
import { AssetId, LocalizedName } from '../district/common.js';

/** What a sensor measures; each kind has a fixed set of quantities (see {@link SENSOR_QUANTITIES}). */
export const SENSOR_KINDS = [
  'air_quality',
  'noise',
  'water_level',
  'manhole_cover',
  'gas_concentration',
  'pipe_pressure',
  'pipe_flow',
  'water_quality',
  'bridge_strain',
  'bridge_tilt',
  'parking_occupancy',
  'smart_pole_environment',
  'traffic_detector',
] as const;
export const SensorKind = z.enum(SENSOR_KINDS);
export type SensorKind = z.infer<typeof SensorKind>;

/**
 * Units as UCUM codes (the ones SensorThings uses), so a value's unit can be checked against
 * the quantity's and converted from NGSI-LD's UN/CEFACT codes at the edge.
 */
export const UNITS = ['ug/m3', 'mg/m3', '1', 'dB(A)', 'cm', 'deg', '%LEL', 'MPa', 'm3/h', 'Cel', '%', 'uS/cm', '[pH]', 'NTU', 'mg/L', 'ustrain', '{vehicle}', '{vehicle}/h', 'km/h'] as const;
export const Unit = z.enum(UNITS);
export type Unit = z.infer<typeof Unit>;

/** A quantity's name within its sensor kind: lower camel case, safe as an object key and a column. */
export const QuantityName = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, { message: 'quantity names look like pm25 or laeq' });
export type QuantityName = z.infer<typeof QuantityName>;

export interface QuantitySpec {
  readonly unit: Unit;
  readonly name: LocalizedName;
  /** Physically possible range: a value outside is a faulty reading, not an alarm. */
  readonly min: number;
  readonly max: number;
}

const q = (unit: Unit, zh: string, en: string, min: number, max: number): QuantitySpec => ({ unit, name: { zh, en }, min, max });

/** The quantities each kind reports, with their units and plausible ranges. */
export const SENSOR_QUANTITIES: Record<SensorKind, Readonly<Record<string, QuantitySpec>>> = {
  air_quality: {
    pm25: q('ug/m3', 'PM2.5', 'PM2.5', 0, 2000),
    pm10: q('ug/m3', 'PM10', 'PM10', 0, 5000),
    no2: q('ug/m3', '二氧化氮', 'NO₂', 0, 5000),
    o3: q('ug/m3', '臭氧', 'O₃', 0, 2000),
    so2: q('ug/m3', '二氧化硫', 'SO₂', 0, 5000),
    co: q('mg/m3', '一氧化碳', 'CO', 0, 1000),
    aqi: q('1', '空气质量指数', 'AQI', 0, 500),
  },
  noise: { laeq: q('dB(A)', '等效声级', 'LAeq', 0, 160), lamax: q('dB(A)', '最大声级', 'LAmax', 0, 180) },
  water_level: { depth: q('cm', '积水深度', 'water depth', 0, 1000) },
  manhole_cover: { tilt: q('deg', '井盖倾角', 'cover tilt', 0, 180), gas: q('%LEL', '井内可燃气体', 'combustible gas in the well', 0, 100) },
  gas_concentration: { ch4: q('%LEL', '甲烷浓度', 'methane', 0, 100) },
  pipe_pressure: { pressure: q('MPa', '管道压力', 'pressure', 0, 10) },
  pipe_flow: { flow: q('m3/h', '瞬时流量', 'flow', 0, 100_000) },
  water_quality: {
    ph: q('[pH]', 'pH值', 'pH', 0, 14),
    turbidity: q('NTU', '浊度', 'turbidity', 0, 4000),
    chlorine: q('mg/L', '余氯', 'residual chlorine', 0, 100),
    conductivity: q('uS/cm', '电导率', 'conductivity', 0, 100_000),
    temperature: q('Cel', '水温', 'water temperature', -5, 60),
  },
  bridge_strain: { strain: q('ustrain', '应变', 'strain', -5000, 5000) },
  bridge_tilt: { tilt: q('deg', '倾角', 'tilt', -90, 90) },
  parking_occupancy: { occupied: q('{vehicle}', '已占车位', 'occupied spaces', 0, 100_000), free: q('{vehicle}', '空余车位', 'free spaces', 0, 100_000) },
  smart_pole_environment: {
    temperature: q('Cel', '气温', 'air temperature', -50, 70),
    humidity: q('%', '相对湿度', 'relative humidity', 0, 100),
    pm25: q('ug/m3', 'PM2.5', 'PM2.5', 0, 2000),
    laeq: q('dB(A)', '等效声级', 'LAeq', 0, 160),
  },
  traffic_detector: {
    intensity: q('{vehicle}/h', '车流量', 'flow', 0, 20_000),
    occupancy: q('%', '占有率', 'occupancy', 0, 100),
    speed: q('km/h', '平均车速', 'average speed', 0, 250),
  },
};

/** The district asset a sensor watches (its 挂载对象). */
export const WATCHED_ASSET_KINDS = ['pipe_segment', 'pipe_node', 'bridge', 'building', 'road_link', 'parking_lot', 'smart_pole', 'low_point', 'utility_tunnel'] as const;
export const WatchedAssetKind = z.enum(WATCHED_ASSET_KINDS);
export type WatchedAssetKind = z.infer<typeof WatchedAssetKind>;

/**
 * Alarm thresholds of one quantity. `above`: a value at or over `warning`/`alarm` breaches;
 * `below`: at or under. A breach clears only once the value is back past the threshold by
 * `hysteresis` (in the quantity's unit), so a value hovering at a threshold does not flap.
 */
export const Threshold = z
  .object({
    quantity: QuantityName,
    direction: z.enum(['above', 'below']),
    warning: z.number().finite().optional(),
    alarm: z.number().finite().optional(),
    hysteresis: z.number().finite().nonnegative(),
  })
  .refine((t) => t.warning !== undefined || t.alarm !== undefined, { message: 'a threshold needs a warning or an alarm level' })
  .refine(
    (t) => t.warning === undefined || t.alarm === undefined || (t.direction === 'above' ? t.warning < t.alarm : t.warning > t.alarm),
    { message: 'the alarm level must lie beyond the warning level' },
  );
export type Threshold = z.infer<typeof Threshold>;

/** WGS84 position; height in metres above the ground (negative below it). */
export const Position = z.object({
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  height: z.number().finite().min(-200).max(2000).default(0),
});
export type Position = z.infer<typeof Position>;

/**
 * A registered sensor. `id` is its 数字身份证; `externalIds` are the ids other systems know it by
 * (an NGSI-LD entity id, `Datastreams(8)` of a SensorThings service), resolved at ingest.
 */
export const Sensor = z.object({
  id: AssetId,
  kind: SensorKind,
  name: LocalizedName,
  position: Position,
  asset: z.object({ kind: WatchedAssetKind, id: AssetId }),
  thresholds: z.array(Threshold),
  externalIds: z.array(z.string().min(1).max(256)).default([]),
  /** Only public sensors (air, noise, parking, water level) are shown on kiosks. */
  public: z.boolean(),
});
export type Sensor = z.infer<typeof Sensor>;

export const SensorListResponse = z.object({ sensors: z.array(Sensor) });
export type SensorListResponse = z.infer<typeof SensorListResponse>;

/** The unit a quantity of a kind is stored in, or undefined if the kind has no such quantity. */
export function quantitySpec(kind: SensorKind, quantity: string): QuantitySpec | undefined {
  const specs = SENSOR_QUANTITIES[kind];
  return Object.hasOwn(specs, quantity) ? specs[quantity] : undefined;
}
