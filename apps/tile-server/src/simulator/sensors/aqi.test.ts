import { describe, expect, it } from 'vitest';
import { airQualityIndex, individualAqi } from './aqi.js';

describe('the air quality index (HJ 633-2012)', () => {
  it('puts each breakpoint at its index and interpolates between them', () => {
    expect(individualAqi('pm25', 35)).toBe(50);
    expect(individualAqi('pm25', 75)).toBe(100);
    expect(individualAqi('pm25', 150)).toBe(200);
    expect(individualAqi('pm25', 55)).toBe(75);
    expect(individualAqi('no2', 200)).toBe(100);
    expect(individualAqi('o3', 300)).toBe(150);
    expect(individualAqi('co', 0)).toBe(0);
    expect(individualAqi('pm10', 10_000)).toBe(500);
  });

  it('is the worst pollutant’s index', () => {
    expect(airQualityIndex({ pm25: 40, pm10: 60, no2: 30, o3: 250, so2: 5, co: 0.5 })).toBe(individualAqi('o3', 250));
    expect(airQualityIndex({ pm25: 10 })).toBe(15);
  });
});
