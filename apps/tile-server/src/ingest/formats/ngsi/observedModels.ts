import type { SensorKind } from '@pengcheng/protocol';

export interface AttributeMapping {
  readonly quantity: string;
  /** The unit of a value sent without a unitCode, when the data model fixes one other than ours. */
  readonly unitWithoutCode?: string;
  /** A count over the observation period (TrafficFlowObserved `intensity`), stored per hour. */
  readonly perPeriod?: true;
}

export interface ObservedModel {
  /** The sensor kinds an entity of this type may report for. */
  readonly kinds: readonly SensorKind[];
  /** Our quantity of each attribute we store, by the attribute's name in lower case. */
  readonly attributes: Readonly<Record<string, AttributeMapping>>;
}

/**
 * The FIWARE smart data models we take observations from, and which of their attributes become
 * which of our quantities. Names are matched without case: the models' own examples write
 * `CO`/`co` and `NO2`/`no2`. Fractions of one (occupancy, relative humidity) become percent.
 */
export const OBSERVED_MODELS: Readonly<Record<string, ObservedModel>> = {
  AirQualityObserved: {
    kinds: ['air_quality', 'smart_pole_environment'],
    attributes: {
      pm25: { quantity: 'pm25' },
      pm10: { quantity: 'pm10' },
      no2: { quantity: 'no2' },
      o3: { quantity: 'o3' },
      so2: { quantity: 'so2' },
      co: { quantity: 'co' },
      airqualityindex: { quantity: 'aqi' },
      temperature: { quantity: 'temperature' },
      relativehumidity: { quantity: 'humidity', unitWithoutCode: '1' },
    },
  },
  NoiseLevelObserved: {
    kinds: ['noise', 'smart_pole_environment'],
    attributes: { laeq: { quantity: 'laeq' }, lamax: { quantity: 'lamax' } },
  },
  TrafficFlowObserved: {
    kinds: ['traffic_detector'],
    attributes: {
      intensity: { quantity: 'intensity', perPeriod: true },
      occupancy: { quantity: 'occupancy', unitWithoutCode: '1' },
      averagevehiclespeed: { quantity: 'speed' },
    },
  },
  WaterQualityObserved: {
    kinds: ['water_quality'],
    attributes: {
      ph: { quantity: 'ph' },
      turbidity: { quantity: 'turbidity' },
      conductivity: { quantity: 'conductivity' },
      temperature: { quantity: 'temperature' },
    },
  },
};

export function observedModel(type: string): ObservedModel | undefined {
  return Object.hasOwn(OBSERVED_MODELS, type) ? OBSERVED_MODELS[type] : undefined;
}
