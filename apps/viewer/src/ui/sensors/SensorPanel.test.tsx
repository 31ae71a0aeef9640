import type { Alarm, ObservationHistoryResponse, Sensor } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/languages.js';
import { setUpRenderForTest } from '../testing/renderForTest.js';
import { SensorPanel } from './SensorPanel.js';

const NOW = Date.now();
const SENSOR: Sensor = {
  id: 'wl-dl-003',
  kind: 'water_level',
  name: { zh: '大龙湖路下穿通道积水监测', en: 'Dalong Lake Road underpass water level' },
  position: { lon: 117.262, lat: 34.261, height: -4 },
  asset: { kind: 'low_point', id: 'lp-007' },
  thresholds: [{ quantity: 'depth', direction: 'above', warning: 15, alarm: 30, hysteresis: 2 }],
  externalIds: [],
  public: true,
};
const ALARM: Alarm = {
  id: 'al-1', sensorId: SENSOR.id, quantity: 'depth', level: 'alarm', state: 'raised', threshold: 30, peakValue: 31.5, lastValue: 31.5,
  raisedAtMs: NOW - 120_000, version: 1, audit: [],
};
const never: { sensorHistory(): Promise<ObservationHistoryResponse> } = { sensorHistory: () => new Promise(() => undefined) };

const renderForTest = setUpRenderForTest();

function render(language: Language, selected: string | undefined) {
  return renderForTest(language, <SensorPanel actions={never} />, {
    sensors: new Map([[SENSOR.id, SENSOR]]),
    readings: new Map([[SENSOR.id, { sensorId: SENSOR.id, timeMs: NOW - 30_000, values: { depth: 31.5 }, quality: 'good', source: 'simulator', receivedAtMs: NOW }]]),
    alarms: [ALARM],
    selectedSensorId: selected,
  });
}

describe('SensorPanel', () => {
  it('renders nothing without a selected sensor, or for one not in the registry', () => {
    expect(render('zh-CN', undefined)).toBe('');
    expect(render('zh-CN', 'gone')).toBe('');
  });

  it('shows the sensor in Chinese: name, kind, state as text, the watched asset, the value with its unit', () => {
    const html = render('zh-CN', SENSOR.id);
    expect(html).toContain('大龙湖路下穿通道积水监测');
    expect(html).toContain('积水监测');
    expect(html).toMatch(/data-testid="sensor-state"[^>]*>报警</);
    expect(html).toContain('易涝点 lp-007');
    expect(html).toContain('31.5 厘米');
    expect(html).toContain('正在加载历史数据');
  });

  it('shows the sensor in English, with the open alarm and the reading\u2019s time', () => {
    const html = render('en', SENSOR.id);
    expect(html).toContain('Dalong Lake Road underpass water level');
    expect(html).toMatch(/data-testid="sensor-state"[^>]*>Alarm</);
    expect(html).toContain('Flood-prone low point lp-007');
    expect(html).toContain('Alarm: water depth 31.5 cm, since');
    expect(html).toContain('30 seconds ago');
    expect(html).toContain('aria-pressed="true">24 h<');
  });
});
