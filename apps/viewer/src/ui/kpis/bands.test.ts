import { describe, expect, it } from 'vitest';
import { AQI_MAX, aqiBand, aqiGaugeStops, trafficBand } from './bands.js';

describe('aqiBand', () => {
  it('reads AQI in the six HJ 633 categories with their colours, boundaries in the better one', () => {
    expect(aqiBand(0)).toMatchObject({ band: 'excellent', colour: '#00e400' });
    expect(aqiBand(50)).toMatchObject({ band: 'excellent', colour: '#00e400' });
    expect(aqiBand(51)).toMatchObject({ band: 'good', colour: '#ffff00' });
    expect(aqiBand(100).band).toBe('good');
    expect(aqiBand(101).band).toBe('lightlyPolluted');
    expect(aqiBand(175).band).toBe('moderatelyPolluted');
    expect(aqiBand(250)).toMatchObject({ band: 'heavilyPolluted', colour: '#99004c' });
    expect(aqiBand(301).band).toBe('severelyPolluted');
    expect(aqiBand(800).band).toBe('severelyPolluted');
  });

  it('follows the whole number shown, not the mean behind it', () => {
    expect(aqiBand(50.4).band).toBe('excellent');
    expect(aqiBand(50.5).band).toBe('good');
  });

  it('writes the category dark on the bright bands and white on the dark ones', () => {
    expect(aqiBand(80).ink).toBe('#04101f');
    expect(aqiBand(250).ink).toBe('#ffffff');
  });

  it('colours the gauge up to the top of the scale', () => {
    const stops = aqiGaugeStops();
    expect(stops).toHaveLength(6);
    expect(stops[0]).toEqual([50 / AQI_MAX, '#00e400']);
    expect(stops.at(-1)?.[0]).toBe(1);
  });
});

describe('trafficBand', () => {
  it('reads the 0–10 index in five bands from 畅通 to 严重拥堵', () => {
    expect(trafficBand(0).band).toBe('smooth');
    expect(trafficBand(2).band).toBe('smooth');
    expect(trafficBand(2.01).band).toBe('basicallySmooth');
    expect(trafficBand(5).band).toBe('lightCongestion');
    expect(trafficBand(7.9).band).toBe('moderateCongestion');
    expect(trafficBand(8.1).band).toBe('severeCongestion');
    expect(trafficBand(10).band).toBe('severeCongestion');
  });

  it('goes from green to red as congestion grows', () => {
    expect(trafficBand(1).colour).toBe('#3ddc84');
    expect(trafficBand(9).colour).toBe('#ff4d4f');
  });
});
