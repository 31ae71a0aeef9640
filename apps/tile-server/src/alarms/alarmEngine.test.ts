import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Alarm, Incident, Sensor, StoredObservation } from '@pengcheng/protocol';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { IncidentService } from '../incidents/incidentService.js';
import { loadResponsibilities, type Responsibilities } from '../incidents/responsibilityList.js';
import { LiveEvents } from '../live/liveEvents.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { openSqliteRepository } from '../storage/sqliteRepository.js';
import { DuplicateActiveAlarmError } from '../storage/storageErrors.js';
import { AlarmEngine } from './alarmEngine.js';

const LIST = fileURLToPath(new URL('../../../../config/responsibility-list.json', import.meta.url));
const NOW = Date.UTC(2026, 6, 1, 1, 0);
const operator: Principal = { subject: 'zhang.wei', role: 'operator', kind: 'user' };

/** 云泉路 low point south of the canal: the water bureau answers for waterlogging there. */
const waterLevel: Sensor = {
  id: 'SNS-WL-001',
  kind: 'water_level',
  name: { zh: '云泉路积水监测点' },
  position: { lon: 117.2605827, lat: 34.1933088, height: 0 },
  asset: { kind: 'low_point', id: 'LWP-001' },
  thresholds: [{ quantity: 'depth', direction: 'above', warning: 15, alarm: 30, hysteresis: 3 }],
  externalIds: [],
  public: true,
};
const gas: Sensor = {
  id: 'SNS-GS-001',
  kind: 'gas_concentration',
  name: { zh: '市民广场燃气监测点' },
  position: { lon: 117.2784, lat: 34.2035, height: -1.2 },
  asset: { kind: 'pipe_segment', id: 'PIPE-GS-000010' },
  thresholds: [{ quantity: 'ch4', direction: 'above', alarm: 20, hysteresis: 2 }],
  externalIds: [],
  public: false,
};
const air: Sensor = {
  id: 'SNS-AQ-001',
  kind: 'air_quality',
  name: { zh: '昆仑大道空气质量站' },
  position: { lon: 117.27, lat: 34.2023, height: 3 },
  asset: { kind: 'smart_pole', id: 'POLE-000001' },
  thresholds: [{ quantity: 'pm25', direction: 'above', warning: 75, alarm: 150, hysteresis: 10 }],
  externalIds: [],
  public: true,
};

let dir: string;
let responsibilities: Responsibilities;
let repository: LiveRepository;
let events: LiveEvents;
let incidents: IncidentService;
let engine: AlarmEngine;
let alarmEvents: Alarm[];
let incidentEvents: Incident[];
let clock: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-alarms-'));
  responsibilities = await loadResponsibilities(LIST);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function newEngine(repo: LiveRepository, logger = pino({ level: 'silent' })): AlarmEngine {
  return new AlarmEngine({ repository: repo, sensors: new SensorDirectory([waterLevel, gas, air]), incidents, events, logger, now: () => NOW });
}

beforeEach(async (context) => {
  repository = openSqliteRepository({ file: path.join(dir, `${context.task.id}.sqlite`), now: () => NOW });
  await repository.migrate();
  events = new LiveEvents();
  alarmEvents = [];
  incidentEvents = [];
  events.on('alarm', (alarm) => alarmEvents.push(alarm));
  events.on('incident', (incident) => incidentEvents.push(incident));
  incidents = new IncidentService({ repository, responsibilities, events, now: () => NOW });
  engine = newEngine(repository);
  clock = NOW;
});
afterEach(() => repository.close());

function reading(sensor: Sensor, value: number, quality: StoredObservation['quality'] = 'good'): StoredObservation {
  clock += 60_000;
  const quantity = sensor.thresholds[0]?.quantity ?? 'x';
  return { sensorId: sensor.id, timeMs: clock, values: { [quantity]: value }, quality, source: 'simulator', receivedAtMs: clock };
}

async function feed(sensor: Sensor, values: readonly number[]): Promise<void> {
  for (const value of values) await engine.onStored([reading(sensor, value)]);
}

async function alarms(sensorId = waterLevel.id): Promise<Alarm[]> {
  return repository.listAlarms({ sensorId, limit: 100 });
}

describe('a water level rising, hovering, falling', () => {
  it('raises, holds without flapping, escalates, opens one incident, de-escalates and clears', async () => {
    await feed(waterLevel, [10]);
    expect(await alarms()).toEqual([]);

    await feed(waterLevel, [16, 14, 15.5, 13, 16]);
    let [alarm] = await alarms();
    expect(alarm).toMatchObject({ id: 'ALM-000001', level: 'warning', state: 'raised', threshold: 15, peakValue: 16, raisedAtMs: NOW + 2 * 60_000 });
    expect(alarm?.audit.map((a) => a.action)).toEqual(['raise']);

    await feed(waterLevel, [31, 29, 30.5, 28.5, 35, 26, 31]);
    [alarm] = await alarms();
    expect(alarm).toMatchObject({ level: 'alarm', threshold: 30, peakValue: 35, incidentId: 'INC-000001' });
    const [incident, ...more] = await incidents.list({ limit: 10 });
    expect(more).toEqual([]);
    expect(incident).toMatchObject({
      category: 'waterlogging',
      source: 'threshold',
      severity: 'high',
      state: 'reported',
      department: '徐州市水务局',
      areaId: 'yudai-south',
      linkedSensors: ['SNS-WL-001'],
      linkedAssets: ['LWP-001'],
      linkedAlarms: ['ALM-000001'],
      title: '云泉路积水监测点：积水深度31cm，超过报警值30cm',
    });

    await feed(waterLevel, [12.5, 11.9]);
    [alarm] = await alarms();
    expect(alarm).toMatchObject({ state: 'cleared', clearedAtMs: clock, lastValue: 11.9, peakValue: 35 });
    expect(alarm?.acknowledgedAtMs).toBeUndefined();
    expect(alarm?.audit.map((a) => [a.action, a.from, a.to])).toEqual([
      ['raise', undefined, 'warning'],
      ['escalate', 'warning', 'alarm'],
      ['open_incident', undefined, 'INC-000001'],
      ['peak', undefined, undefined],
      ['de-escalate', 'alarm', 'warning'],
      ['escalate', 'warning', 'alarm'],
      ['de-escalate', 'alarm', 'warning'],
      ['clear', 'raised', 'cleared'],
    ]);
    expect(alarmEvents.map((a) => a.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(alarmEvents.at(-1)).toEqual(alarm);
    expect(incidentEvents).toHaveLength(1);
  });

  it('joins the open incident when the water comes back, and opens a new one once it is closed', async () => {
    await feed(waterLevel, [32, 5, 33]);
    const [second, first] = await alarms();
    expect(first).toMatchObject({ id: 'ALM-000001', state: 'cleared', incidentId: 'INC-000001' });
    expect(second).toMatchObject({ id: 'ALM-000002', state: 'raised', incidentId: 'INC-000001' });
    expect(second?.audit.at(-1)).toMatchObject({ action: 'join_incident', to: 'INC-000001' });
    const open = await incidents.get('INC-000001');
    expect(open?.linkedAlarms).toEqual(['ALM-000001', 'ALM-000002']);
    expect(await incidents.list({ limit: 10 })).toHaveLength(1);

    await incidents.transition('INC-000001', { action: 'close', version: open?.version ?? 0, note: '积水已排除' }, operator);
    await feed(waterLevel, [5, 34]);
    const [third] = await alarms();
    expect(third).toMatchObject({ id: 'ALM-000003', incidentId: 'INC-000002' });
    expect((await incidents.get('INC-000002'))?.linkedAlarms).toEqual(['ALM-000003']);
  });
});

describe('other sensors', () => {
  it('sends a gas alarm to the gas company as a critical incident', async () => {
    await feed(gas, [3, 25]);
    const [alarm] = await alarms(gas.id);
    expect(alarm).toMatchObject({ level: 'alarm', state: 'raised', threshold: 20, incidentId: 'INC-000001' });
    expect(await incidents.get('INC-000001')).toMatchObject({ category: 'gas_leak', severity: 'critical', department: '徐州港华燃气有限公司', areaId: 'admin-centre' });
    await feed(gas, [18.5, 17.9]);
    expect((await alarms(gas.id))[0]?.state).toBe('cleared');
  });

  it('keeps an air-quality alarm an alarm: no incident', async () => {
    await feed(air, [80, 160]);
    const [alarm] = await alarms(air.id);
    expect(alarm).toMatchObject({ level: 'alarm' });
    expect(alarm?.incidentId).toBeUndefined();
    expect(await incidents.list({ limit: 10 })).toEqual([]);
  });

  it('ignores faulty readings, unknown sensors and values older than the last evaluated', async () => {
    await engine.onStored([reading(waterLevel, 80, 'bad'), { ...reading(waterLevel, 50), sensorId: 'SNS-XX-404' }]);
    expect(await alarms()).toEqual([]);
    const late = reading(waterLevel, 40);
    await feed(waterLevel, [5]);
    await engine.onStored([late]);
    expect(await alarms()).toEqual([]);
  });
});

describe('acknowledging', () => {
  it('acknowledges a raised alarm once, and an escalation must be acknowledged again', async () => {
    await feed(waterLevel, [20]);
    const acked = await engine.acknowledge('ALM-000001', operator, '已通知巡查');
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedAtMs: NOW, acknowledgedBy: 'zhang.wei' });
    expect(acked.audit.at(-1)).toEqual({ atMs: NOW, actor: 'zhang.wei', action: 'acknowledge', from: 'raised', to: 'acknowledged', note: '已通知巡查' });
    await expect(engine.acknowledge('ALM-000001', operator)).rejects.toMatchObject({ status: 409, code: 'already_acknowledged' });

    await feed(waterLevel, [31]);
    const escalated = (await alarms())[0];
    expect(escalated).toMatchObject({ state: 'raised', level: 'alarm' });
    expect(escalated?.acknowledgedAtMs).toBeUndefined();
    expect((await engine.acknowledge('ALM-000001', operator)).state).toBe('acknowledged');

    await feed(waterLevel, [2]);
    const cleared = (await alarms())[0];
    expect(cleared).toMatchObject({ state: 'cleared', acknowledgedBy: 'zhang.wei' });
    await expect(engine.acknowledge('ALM-000001', operator)).rejects.toMatchObject({ status: 409, code: 'already_acknowledged' });
  });

  it('acknowledges a cleared alarm nobody saw, and answers 404 for an unknown one', async () => {
    await feed(waterLevel, [20, 3]);
    const acked = await engine.acknowledge('ALM-000001', operator);
    expect(acked).toMatchObject({ state: 'cleared', acknowledgedBy: 'zhang.wei' });
    expect(acked.audit.at(-1)).toMatchObject({ from: 'cleared', to: 'cleared' });
    expect(await repository.listAlarms({ open: true, limit: 10 })).toEqual([]);
    await expect(engine.acknowledge('ALM-000404', operator)).rejects.toMatchObject({ status: 404 });
  });
});

describe('concurrency', () => {
  it('evaluates concurrent batches of one sensor one after another', async () => {
    const batches = [16, 18, 31, 33, 36, 29].map((value) => engine.onStored([reading(waterLevel, value)]));
    await Promise.all(batches);
    const [alarm, ...more] = await alarms();
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ level: 'alarm', peakValue: 36, incidentId: 'INC-000001' });
    expect(await incidents.list({ limit: 10 })).toHaveLength(1);
  });

  it('survives another node raising the same alarm first: one alarm, one incident', async () => {
    let duplicates = 0;
    const counting = new Proxy(repository, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property === 'createAlarm') {
          return (...args: Parameters<LiveRepository['createAlarm']>) =>
            target.createAlarm(...args).catch((error: unknown) => {
              if (error instanceof DuplicateActiveAlarmError) duplicates++;
              throw error;
            });
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const nodeA = newEngine(counting);
    const nodeB = newEngine(counting);
    const observation = reading(waterLevel, 34);
    await Promise.all([nodeA.onStored([observation]), nodeB.onStored([observation])]);
    expect(duplicates).toBe(1);
    expect(await alarms()).toHaveLength(1);
    expect(await incidents.list({ limit: 10 })).toHaveLength(1);
    expect((await alarms())[0]?.incidentId).toBe('INC-000001');
  });

  it('logs a failed evaluation instead of failing the ingest that called it', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const broken = newEngine(repository, pino({ level: 'error' }, sink));
    await repository.close();
    await expect(broken.onStored([reading(waterLevel, 40)])).resolves.toBeUndefined();
    expect(lines.join('')).toContain('alarm evaluation failed');
  });
});
