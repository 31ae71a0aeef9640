import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INCIDENT_STATES, IncidentAction, INCIDENT_TRANSITIONS, type CreateIncidentRequest, type Incident, type IncidentState } from '@pengcheng/protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { HttpError } from '../http/httpError.js';
import { LiveEvents } from '../live/liveEvents.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { openSqliteRepository } from '../storage/sqliteRepository.js';
import { IncidentService } from './incidentService.js';
import { loadResponsibilities, type Responsibilities } from './responsibilityList.js';

const LIST = fileURLToPath(new URL('../../../../config/responsibility-list.json', import.meta.url));
const operator: Principal = { subject: 'zhang.wei', role: 'operator', kind: 'user' };
const other: Principal = { subject: 'li.na', role: 'operator', kind: 'user' };
const NOW = Date.UTC(2026, 6, 1, 1, 0);

/** A hotline call about water on 云泉路, south of the canal. */
const report: CreateIncidentRequest = {
  category: 'waterlogging',
  source: 'hotline',
  severity: 'medium',
  title: '云泉路近嵩山路积水没过路牙',
  place: { lon: 117.2605827, lat: 34.1933088, height: 0 },
  linkedSensors: [],
  linkedAssets: ['LWP-001'],
  reporter: { name: '王女士', phone: '13805160000' },
};

/** The shortest legal way from `reported` to each state. */
const PATH_TO: Record<IncidentState, IncidentAction[]> = {
  reported: [],
  dispatched: ['dispatch'],
  handling: ['dispatch', 'start'],
  resolved: ['dispatch', 'start', 'resolve'],
  closed: ['close'],
};

let dir: string;
let responsibilities: Responsibilities;
let repository: LiveRepository;
let events: LiveEvents;
let service: IncidentService;
let emitted: Incident[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-incidents-'));
  responsibilities = await loadResponsibilities(LIST);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

beforeEach(async (context) => {
  repository = openSqliteRepository({ file: path.join(dir, `${context.task.id}.sqlite`), now: () => NOW });
  await repository.migrate();
  events = new LiveEvents();
  emitted = [];
  events.on('incident', (incident) => emitted.push(incident));
  service = new IncidentService({ repository, responsibilities, events, now: () => NOW });
});
afterEach(() => repository.close());

async function incidentIn(state: IncidentState): Promise<Incident> {
  let incident = await service.create(report, operator);
  for (const action of PATH_TO[state]) incident = await service.transition(incident.id, { action, version: incident.version }, operator);
  expect(incident.state).toBe(state);
  return incident;
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('creating', () => {
  it('fills in area and department from the responsibility list and audits who created it', async () => {
    const incident = await service.create(report, operator);
    expect(incident).toMatchObject({ id: 'INC-000001', state: 'reported', version: 1, areaId: 'yudai-south', department: '徐州市水务局', reporter: report.reporter });
    expect(incident.audit).toEqual([{ atMs: NOW, actor: 'zhang.wei', action: 'create', to: 'reported', note: 'by hotline' }]);
    expect(await service.get(incident.id)).toEqual(incident);
    expect(emitted).toEqual([incident]);
  });

  it('takes an external alert with its data source as the actor, and refuses a malformed one', async () => {
    const { source: _source, reporter: _reporter, ...alert } = report;
    const incident = await service.createExternal({ ...alert, category: 'gas_leak', title: '燃气泄漏告警' }, 'city-brain');
    expect(incident).toMatchObject({ source: 'external', department: '徐州港华燃气有限公司' });
    expect(incident.audit[0]?.actor).toBe('city-brain');
    const error = await refusal(service.createExternal({ ...alert, place: { lon: 200, lat: 0 } }, 'city-brain'));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect(error.message).toMatch(/place\.lon/);
    expect(await service.list({ limit: 10 })).toHaveLength(1);
  });

  it('opens an alert its sender resends only once, and another sender\'s alert with the same id anew', async () => {
    const { source: _source, reporter: _reporter, ...alert } = report;
    const first = await service.createExternal({ ...alert, externalRef: { source: 'city-brain', id: 'Alert:1' } }, 'city-brain');
    const again = await service.createExternal({ ...alert, externalRef: { source: 'city-brain', id: 'Alert:1' } }, 'city-brain');
    expect(again).toEqual(first);
    const other = await service.createExternal({ ...alert, externalRef: { source: 'weather', id: 'Alert:1' } }, 'weather');
    expect(other.id).not.toBe(first.id);
    expect(await service.list({ limit: 10 })).toHaveLength(2);
  });
});

describe('the state machine, every state × action', () => {
  const cases = INCIDENT_STATES.flatMap((from) => IncidentAction.options.map((action) => ({ from, action, to: INCIDENT_TRANSITIONS[action][from] })));

  it.each(cases.filter((c) => c.to !== undefined))('$from --$action--> $to, audited', async ({ from, action, to }) => {
    const before = await incidentIn(from);
    const after = await service.transition(before.id, { action, version: before.version, note: '现场核实' }, other);
    expect(after.state).toBe(to);
    expect(after.version).toBe(before.version + 1);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    expect(after.audit.at(-1)).toMatchObject({ atMs: NOW, actor: 'li.na', action, from, to });
    expect(after.audit.at(-1)?.note).toMatch(/现场核实$/);
    expect(await service.get(before.id)).toEqual(after);
    expect(emitted.at(-1)).toEqual(after);
  });

  it.each(cases.filter((c) => c.to === undefined))('$from --$action--> refused with 409', async ({ from, action }) => {
    const before = await incidentIn(from);
    const error = await refusal(service.transition(before.id, { action, version: before.version }, other));
    expect(error).toMatchObject({ status: 409, code: 'illegal_transition' });
    expect(error.message).toContain(from);
    expect(error.message).toContain(action);
    expect(await service.get(before.id)).toEqual(before);
  });
});

describe('dispatch', () => {
  it('sends to the responsibility list department unless told another, and says so in the audit', async () => {
    const incident = await service.create({ ...report, category: 'traffic', place: { lon: 117.2784, lat: 34.205, height: 0 } }, operator);
    const listed = await service.transition(incident.id, { action: 'dispatch', version: 1 }, operator);
    expect(listed.department).toBe('徐州市公安局交通警察支队');
    expect(listed.audit.at(-1)?.note).toBe('department 徐州市公安局交通警察支队');
    const redirected = await service.transition(incident.id, { action: 'dispatch', version: 2, department: '徐州市应急管理局', note: '涉及危化品车辆' }, operator);
    expect(redirected).toMatchObject({ state: 'dispatched', department: '徐州市应急管理局' });
    expect(redirected.audit.at(-1)).toMatchObject({ from: 'dispatched', to: 'dispatched', note: 'department 徐州市应急管理局 — 涉及危化品车辆' });
  });
});

describe('versions', () => {
  it('refuses a write from a stale version with 409 and an unknown incident with 404', async () => {
    const incident = await incidentIn('dispatched');
    expect(await refusal(service.transition(incident.id, { action: 'start', version: 1 }, operator))).toMatchObject({ status: 409, code: 'stale_version' });
    expect(await refusal(service.update(incident.id, { version: 1, assignee: '赵师傅' }, operator))).toMatchObject({ status: 409, code: 'stale_version' });
    expect(await refusal(service.transition('INC-000099', { action: 'start', version: 1 }, operator))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await service.get(incident.id)).toEqual(incident);
  });

  it('lets exactly one of two concurrent transitions from the same version win', async () => {
    const incident = await incidentIn('reported');
    const results = await Promise.allSettled([
      service.transition(incident.id, { action: 'dispatch', version: 1 }, operator),
      service.transition(incident.id, { action: 'close', version: 1, note: '重复上报' }, other),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ status: 409, code: 'stale_version' });
    const stored = await service.get(incident.id);
    expect(stored?.version).toBe(2);
    expect(stored?.audit).toHaveLength(2);
  });

  it('lets exactly one of many concurrent writers win, whatever they do', async () => {
    const incident = await incidentIn('dispatched');
    const writers = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0 ? service.update(incident.id, { version: 2, assignee: `班组${i}` }, operator) : service.transition(incident.id, { action: 'start', version: 2 }, other),
    );
    const results = await Promise.allSettled(writers);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await service.get(incident.id))?.version).toBe(3);
  });
});

describe('updating', () => {
  it('changes assignee, severity, title and description, never the state, with an audit entry', async () => {
    const incident = await incidentIn('dispatched');
    const updated = await service.update(incident.id, { version: 2, assignee: '赵师傅', severity: 'high', title: '云泉路积水约30厘米', note: '水位上涨' }, other);
    expect(updated).toMatchObject({ state: 'dispatched', assignee: '赵师傅', severity: 'high', title: '云泉路积水约30厘米', version: 3 });
    expect(updated.audit.at(-1)).toEqual({ atMs: NOW, actor: 'li.na', action: 'update', note: 'assignee 赵师傅, severity high, title — 水位上涨' });
  });

  it('takes a note alone as a comment and refuses an empty change', async () => {
    const incident = await incidentIn('reported');
    const commented = await service.update(incident.id, { version: 1, note: '已电话回访' }, operator);
    expect(commented.audit.at(-1)).toMatchObject({ action: 'comment', note: '已电话回访' });
    expect(await refusal(service.update(incident.id, { version: 2 }, operator))).toMatchObject({ status: 400 });
  });
});

describe('alarm incidents', () => {
  it('finds the open threshold incident of a sensor and links further alarms to it once', async () => {
    const sensor = {
      id: 'SNS-WL-001',
      kind: 'water_level',
      name: { zh: '云泉路积水监测点' },
      position: report.place,
      asset: { kind: 'low_point', id: 'LWP-001' },
      thresholds: [],
      externalIds: [],
      public: true,
    } as const;
    const alarm = { id: 'ALM-000001' } as Parameters<IncidentService['createFromAlarm']>[0]['alarm'];
    const opened = await service.createFromAlarm({ alarm, sensor: { ...sensor, thresholds: [], externalIds: [] }, category: 'waterlogging', severity: 'high', title: '积水' });
    expect(opened).toMatchObject({ source: 'threshold', linkedSensors: ['SNS-WL-001'], linkedAssets: ['LWP-001'], linkedAlarms: ['ALM-000001'], department: '徐州市水务局' });
    expect(opened.audit[0]).toMatchObject({ actor: 'system', action: 'create' });
    expect((await service.findOpenForSensor('SNS-WL-001', 'waterlogging'))?.id).toBe(opened.id);
    expect(await service.findOpenForSensor('SNS-WL-001', 'gas_leak')).toBeUndefined();
    const linked = await service.linkAlarm(opened.id, 'ALM-000002');
    expect(linked.linkedAlarms).toEqual(['ALM-000001', 'ALM-000002']);
    expect(linked.audit.at(-1)).toMatchObject({ actor: 'system', action: 'link_alarm' });
    expect(await service.linkAlarm(opened.id, 'ALM-000002')).toEqual(linked);
    await service.transition(opened.id, { action: 'close', version: linked.version, note: '误报' }, operator);
    expect(await service.findOpenForSensor('SNS-WL-001', 'waterlogging')).toBeUndefined();
  });
});
