import type { Alarm } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import type { SceneEngine } from '../../engine/sceneEngine.js';
import type { Language } from '../../i18n/languages.js';
import { createViewerStore } from '../../state/viewerStore.js';
import { GAS_SENSOR as sensor } from '../testing/liveFixtures.js';
import { setUpRenderForTest } from '../testing/renderForTest.js';
import { AlarmList } from './AlarmList.js';
import { AlarmRow, type AlarmRowProps } from './AlarmRow.js';
import { focusAlarm, SENSOR_RADIUS_M } from './focusAlarm.js';

const raised: Alarm = {
  id: 'ALM-000001',
  sensorId: sensor.id,
  quantity: 'ch4',
  level: 'alarm',
  state: 'raised',
  threshold: 25,
  peakValue: 31.24,
  lastValue: 28,
  raisedAtMs: 1_700_000_000_000,
  version: 1,
  audit: [],
};

const render = setUpRenderForTest();

function row(language: Language, props: Partial<AlarmRowProps> = {}): string {
  const defaults: AlarmRowProps = {
    alarm: raised,
    sensor,
    age: '3 minutes ago',
    index: 0,
    setSize: 1,
    top: 0,
    height: 70,
    acknowledgeable: false,
    pending: false,
    failure: undefined,
    fresh: false,
    selected: false,
    onSelect: () => undefined,
    onAcknowledge: () => undefined,
  };
  return render(language, <AlarmRow {...defaults} {...props} />);
}

/** The markup's text, tags dropped, for what a reader sees. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('an alarm row', () => {
  it('says level, place, quantity, readings against the threshold, and state, in Chinese by default', () => {
    const html = row('zh-CN');
    expect(text(html)).toContain('报警');
    expect(text(html)).toContain('市行政中心东侧燃气监测点');
    expect(text(html)).toContain('燃气浓度');
    expect(text(html)).toContain('甲烷浓度');
    expect(text(html)).toContain('当前 28 %LEL · 峰值 31.2 %LEL');
    expect(text(html)).toContain('阈值 ≥ 25 %LEL');
    expect(text(html)).toContain('未确认');
    expect(html).toContain('data-alarm-id="ALM-000001"');
    expect(html).toContain('data-level="alarm"');
    expect(html).toContain('data-state="raised"');
  });

  it('reads in English with the English sensor name', () => {
    const t = text(row('en'));
    expect(t).toContain('Gas monitor, civic centre east');
    expect(t).toContain('methane');
    expect(t).toContain('Now 28 %LEL · peak 31.2 %LEL');
    expect(t).toContain('limit ≥ 25 %LEL');
  });

  it('names who acknowledged, and asks again for a cleared alarm nobody acknowledged', () => {
    expect(text(row('en', { alarm: { ...raised, state: 'acknowledged', acknowledgedAtMs: 1, acknowledgedBy: 'zhang.wei' } }))).toContain('Acknowledged by zhang.wei');
    const cleared = row('zh-CN', { alarm: { ...raised, state: 'cleared', clearedAtMs: 1 }, acknowledgeable: true });
    expect(text(cleared)).toContain('已恢复，待确认');
    expect(text(cleared)).toContain('确认');
    expect(cleared).toContain('data-awaiting-ack="true"');
  });

  it('offers 确认 only to those who may acknowledge, and only while unacknowledged', () => {
    expect(row('zh-CN', { acknowledgeable: true })).toContain('class="alarm-row__acknowledge"');
    expect(row('zh-CN', { acknowledgeable: false })).not.toContain('<button');
    expect(row('zh-CN', { acknowledgeable: true, alarm: { ...raised, state: 'acknowledged', acknowledgedAtMs: 1 } })).not.toContain('<button');
  });

  it('disables the button while the acknowledgement is on its way, and shows the server reason when refused', () => {
    const pending = row('en', { acknowledgeable: true, pending: true });
    expect(pending).toMatch(/<button[^>]*disabled=""/);
    expect(text(pending)).toContain('Acknowledging…');
    const refused = row('en', { acknowledgeable: true, failure: 'version 3 is stale: the alarm is at version 4' });
    expect(text(refused)).toContain('Not acknowledged: version 3 is stale: the alarm is at version 4');
    expect(refused).toMatch(/<button(?![^>]*disabled)/);
  });

  it('still shows an alarm whose sensor is not in the registry, by the sensor id', () => {
    expect(text(row('en', { sensor: undefined }))).toContain('SEN-GAS-0001');
  });
});

describe('the alarm list', () => {
  it('says it is offline instead of showing an empty list', () => {
    const html = render('zh-CN', <AlarmList variant="desk" />, { connection: 'offline' });
    expect(text(html)).toContain('未连接实时数据');
    expect(html).not.toContain('data-testid="alarm-list"');
    expect(text(render('en', <AlarmList variant="wall" />, { connection: 'refused' }))).toContain('Live data refused this screen');
  });

  it('says there are no open alarms when the hub has none', () => {
    expect(text(render('zh-CN', <AlarmList variant="wall" />, { connection: 'live' }))).toContain('当前没有未关闭的告警');
    expect(text(render('en', <AlarmList variant="desk" />, { connection: 'connecting' }))).toContain('Connecting to live data…');
  });

  it('counts open alarms by level, with filters on the desk only', () => {
    const alarms = [raised, { ...raised, id: 'ALM-000002', level: 'warning' as const }, { ...raised, id: 'ALM-000003', level: 'warning' as const, state: 'acknowledged' as const, acknowledgedAtMs: 1 }];
    const live = { connection: 'live' as const, alarms, sensors: new Map([[sensor.id, sensor]]) };
    const desk = render('en', <AlarmList variant="desk" actions={{ acknowledgeAlarm: () => Promise.resolve() }} />, live);
    expect(desk).toContain('data-count="3"');
    expect(text(desk)).toMatch(/Alarm 1 Warning 2 Unacknowledged 2/);
    expect(text(desk)).toContain('Alarms only');
    expect(text(render('en', <AlarmList variant="wall" />, live))).not.toContain('Alarms only');
  });
});

describe('choosing an alarm', () => {
  function fakeEngine() {
    const calls = { flyTo: [] as unknown[], selectFeature: [] as unknown[] };
    const engine = {
      flyTo: (target: unknown) => {
        calls.flyTo.push(target);
        return Promise.resolve(true);
      },
      selectFeature: (id: unknown) => void calls.selectFeature.push(id),
    } as unknown as SceneEngine;
    return { engine, calls };
  }

  it('opens the sensor, flies to it and lights the pipe it watches', () => {
    const store = createViewerStore();
    const { engine, calls } = fakeEngine();
    store.getState().setEngine(engine);
    store.getState().setLive({ sensors: new Map([[sensor.id, sensor]]) });
    focusAlarm(store.getState(), raised);
    expect(store.getState().live.selectedSensorId).toBe(sensor.id);
    expect(calls.flyTo).toEqual([{ longitude: 117.2851, latitude: 34.2046, heightM: -1.5, radiusM: SENSOR_RADIUS_M }]);
    expect(calls.selectFeature).toEqual(['PIP-000123']);
  });

  it('opens the sensor panel but leaves the camera alone for a sensor it cannot place', () => {
    const store = createViewerStore();
    const { engine, calls } = fakeEngine();
    store.getState().setEngine(engine);
    focusAlarm(store.getState(), raised);
    expect(store.getState().live.selectedSensorId).toBe(sensor.id);
    expect(calls.flyTo).toEqual([]);
    expect(calls.selectFeature).toEqual([]);
  });
});
