/** A reading placed on the map: lon/lat degrees and the value of the heatmap's quantity. */
export interface FieldPoint {
  readonly lon: number;
  readonly lat: number;
  readonly value: number;
}

export interface FieldOptions {
  /** Beyond this distance from every sensor, metres, nothing is drawn (default 500). */
  readonly radiusM?: number;
  /** Where the fade-out towards `radiusM` starts, as a share of it (default 0.5). */
  readonly fadeFrom?: number;
  /** Inverse-distance power (default 2). */
  readonly power?: number;
}

/** Cell centres of a west–east, north–south raster: row 0 is the northern edge, like a canvas. */
export interface FieldGrid {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  readonly cols: number;
  readonly rows: number;
}

export interface Field {
  readonly grid: FieldGrid;
  /** Interpolated value per cell, row by row; NaN where no sensor is within reach. */
  readonly values: Float32Array;
  /** 0–1 per cell: 1 near a sensor, falling to 0 at `radiusM` from the nearest one. */
  readonly coverage: Float32Array;
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;
/** Nearer than this (metres), a point is the sensor's own spot: its value, not a blend. */
const AT_SENSOR_M = 0.01;

/** 1 up to `from`, 0 from `to`, smooth between: no visible edge where a sensor's reach ends. */
function taper(d: number, from: number, to: number): number {
  if (d <= from) return 1;
  if (d >= to) return 0;
  const t = (d - from) / (to - from);
  return 1 - t * t * (3 - 2 * t);
}

/**
 * Inverse-distance weighting with a fade: each sensor's weight is 1/dᵖ, tapered to 0 at the
 * radius, so the field stays a blend of nearby readings (never outside their range) and fades
 * out instead of extrapolating across the district. Distances are in a local equirectangular
 * frame, accurate to well under a percent over a few kilometres.
 */
export function createFieldSampler(points: readonly FieldPoint[], options: FieldOptions = {}) {
  const radiusM = options.radiusM ?? 500;
  const fadeFromM = radiusM * (options.fadeFrom ?? 0.5);
  const power = options.power ?? 2;
  const usable = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Number.isFinite(p.value));
  const lat0 = usable.length > 0 ? usable.reduce((sum, p) => sum + p.lat, 0) / usable.length : 0;
  const kx = M_PER_DEG_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  const xs = Float64Array.from(usable, (p) => p.lon * kx);
  const ys = Float64Array.from(usable, (p) => p.lat * M_PER_DEG_LAT);
  const vs = Float64Array.from(usable, (p) => p.value);
  const r2 = radiusM * radiusM;

  /** The value and coverage at a place; value undefined where no sensor reaches. */
  return (lon: number, lat: number): { value: number | undefined; coverage: number } => {
    const x = lon * kx;
    const y = lat * M_PER_DEG_LAT;
    let weights = 0;
    let sum = 0;
    let nearest2 = Infinity;
    let atSensor = 0;
    let atSensorSum = 0;
    for (let i = 0; i < vs.length; i++) {
      const dx = (xs[i] ?? 0) - x;
      const dy = (ys[i] ?? 0) - y;
      const d2 = dx * dx + dy * dy;
      if (d2 >= r2) continue;
      if (d2 < nearest2) nearest2 = d2;
      const v = vs[i] ?? 0;
      if (d2 < AT_SENSOR_M * AT_SENSOR_M) {
        atSensor++;
        atSensorSum += v;
        continue;
      }
      const d = Math.sqrt(d2);
      const w = taper(d, fadeFromM, radiusM) / d ** power;
      weights += w;
      sum += w * v;
    }
    if (atSensor > 0) return { value: atSensorSum / atSensor, coverage: 1 };
    if (weights <= 0) return { value: undefined, coverage: 0 };
    return { value: sum / weights, coverage: taper(Math.sqrt(nearest2), fadeFromM, radiusM) };
  };
}

/** The field over every cell of a grid. */
export function computeField(points: readonly FieldPoint[], grid: FieldGrid, options: FieldOptions = {}): Field {
  const sample = createFieldSampler(points, options);
  const values = new Float32Array(grid.cols * grid.rows);
  const coverage = new Float32Array(grid.cols * grid.rows);
  const dLon = (grid.east - grid.west) / grid.cols;
  const dLat = (grid.north - grid.south) / grid.rows;
  for (let row = 0; row < grid.rows; row++) {
    const lat = grid.north - (row + 0.5) * dLat;
    for (let col = 0; col < grid.cols; col++) {
      const { value, coverage: c } = sample(grid.west + (col + 0.5) * dLon, lat);
      const k = row * grid.cols + col;
      values[k] = value ?? Number.NaN;
      coverage[k] = c;
    }
  }
  return { grid, values, coverage };
}

/**
 * The raster for a set of points: their bounding box padded by the radius (the field reaches
 * that far), cut in cells of about `cellM` metres, at most `maxCells` a side.
 */
export function fieldGrid(points: readonly FieldPoint[], radiusM: number, cellM = 15, maxCells = 384): FieldGrid | undefined {
  const usable = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Number.isFinite(p.value));
  if (usable.length === 0) return undefined;
  const lons = usable.map((p) => p.lon);
  const lats = usable.map((p) => p.lat);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const padLat = radiusM / M_PER_DEG_LAT;
  const padLon = radiusM / (M_PER_DEG_LON_EQUATOR * Math.cos((midLat * Math.PI) / 180));
  const west = Math.min(...lons) - padLon;
  const east = Math.max(...lons) + padLon;
  const south = Math.min(...lats) - padLat;
  const north = Math.max(...lats) + padLat;
  const widthM = (east - west) * M_PER_DEG_LON_EQUATOR * Math.cos((midLat * Math.PI) / 180);
  const heightM = (north - south) * M_PER_DEG_LAT;
  const cell = Math.max(cellM, widthM / maxCells, heightM / maxCells);
  return { west, south, east, north, cols: Math.max(2, Math.ceil(widthM / cell)), rows: Math.max(2, Math.ceil(heightM / cell)) };
}
