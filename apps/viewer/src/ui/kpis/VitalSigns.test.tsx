import type { Alarm, Kpis, Sensor } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/languages.js';
import type { LiveSlice } from '../../state/liveSlice.js';
import { setUpRenderForTest } from '../testing/renderForTest.js';
import { VitalSignsLeft, VitalSignsRight } from './VitalSigns.js';

const kpis: Kpis = {
  timeMs: Date.UTC(2025, 5, 1, 0, 30),
  incidents: { open: 7, byCategory: { waterlogging: 4, traffic: 2, gas_leak: 1 }, byAge: { underHour: 3, underDay: 3, older: 1 }, averageHandlingMs: 90 * 60_000 },
  alarms: { warning: 2, alarm: 1 },
  traffic: { averageSpeedKmh: 31.4, index: 5.2, links: 120 },
  parkingFreeSpaces: 1234,
  aqi: 86.6,
};

const gasSensor = { id: 'SEN-GAS-0001', kind: 'gas_concentration', name: { zh: '燃气监测点' }, position: { lon: 117.28, lat: 34.2, height: -1 }, asset: { kind: 'pipe_segment', id: 'PIP-000001' }, thresholds: [], externalIds: [], public: false } as Sensor;
const levelSensor = { ...gasSensor, id: 'SEN-WL-0001', kind: 'water_level', asset: { kind: 'low_point', id: 'LOW-000001' } } as Sensor;
const gasAlarm: Alarm = { id: 'ALM-000001', sensorId: gasSensor.id, quantity: 'ch4', level: 'alarm', state: 'raised', threshold: 25, peakValue: 30, lastValue: 28, raisedAtMs: kpis.timeMs, version: 1, audit: [] };

const render = setUpRenderForTest();

/** The text inside the element with a test id, tags stripped. */
function textOf(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start, testId).toBeGreaterThan(-1);
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))?.[1] ?? 'div';
  let depth = 0;
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  pattern.lastIndex = open;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(open, match.index).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  }
  return '';
}

function both(language: Language, live: Partial<LiveSlice>): string {
  return render(
    language,
    <>
      <VitalSignsLeft />
      <VitalSignsRight />
    </>,
    live,
  );
}

describe('the vital signs panels', () => {
  it('show the live figures with their Chinese bands', () => {
    const html = both('zh-CN', { connection: 'live', kpis, sensors: new Map([[gasSensor.id, gasSensor], [levelSensor.id, levelSensor]]), alarms: [gasAlarm] });
    expect(textOf(html, 'kpi-aqi')).toContain('87');
    expect(textOf(html, 'kpi-aqi')).toContain('良');
    expect(textOf(html, 'kpi-traffic-index')).toContain('5.2');
    expect(textOf(html, 'kpi-traffic-index')).toContain('轻度拥堵');
    expect(textOf(html, 'kpi-open-incidents')).toContain('7');
    expect(textOf(html, 'kpi-handling-time')).toBe('1.5 小时 平均处置时长');
    expect(textOf(html, 'kpi-parking-free')).toContain('1,234');
    expect(textOf(html, 'kpi-alarm-warnings')).toBe('2 在办预警');
    expect(textOf(html, 'kpi-alarm-alarms')).toBe('1 在办报警');
    expect(textOf(html, 'kpi-incidents-by-age')).toBe('1 小时内 3 1 天内 3 超过 1 天 1');
    expect(textOf(html, 'kpi-incidents-by-category')).toMatch(/城市内涝 4.*交通事件 2.*燃气泄漏 1/);
    expect(html).toMatch(/data-lifeline="gas" data-status="alarm"/);
    expect(html).toMatch(/data-lifeline="drainage" data-status="normal"/);
    // No bridge or water-supply sensor is registered: no status is claimed for them.
    expect(html).toMatch(/data-lifeline="bridges" data-status="unknown"/);
    expect(html).not.toContain('NaN');
  });

  it('read in English with the same figures', () => {
    const html = both('en', { connection: 'live', kpis });
    expect(textOf(html, 'kpi-aqi')).toContain('Good');
    expect(textOf(html, 'kpi-handling-time')).toContain('1.5 h');
    expect(textOf(html, 'kpi-incidents-by-category')).toContain('Waterlogging');
  });

  it('say plainly that live data is not connected, with dashes and no charts', () => {
    const html = both('zh-CN', { connection: 'offline', kpis: undefined });
    expect(html).toContain('实时数据未接入');
    for (const id of ['kpi-aqi', 'kpi-open-incidents', 'kpi-handling-time', 'kpi-parking-free']) expect(textOf(html, id)).toContain('—');
    expect(html).not.toContain('kpi-traffic-trend');
    expect(html).not.toContain('role="img"');
    expect(html.match(/data-status="unknown"/g)).toHaveLength(4);
    expect(html).not.toContain('NaN');
  });

  it('show a dash for a figure the hub does not have yet', () => {
    const html = both('zh-CN', { connection: 'live', kpis: { ...kpis, aqi: null, traffic: null, incidents: { ...kpis.incidents, averageHandlingMs: null } } });
    expect(textOf(html, 'kpi-aqi')).toContain('—');
    expect(textOf(html, 'kpi-traffic-index')).toContain('—');
    expect(textOf(html, 'kpi-handling-time')).toContain('—');
  });

  it('mark the last figures of a dropped connection as such', () => {
    const html = both('zh-CN', { connection: 'reconnecting', kpis });
    expect(html).toContain('连接中断');
    expect(html).toContain('data-feed="stale"');
    expect(textOf(html, 'kpi-aqi')).toContain('87');
  });
});
