import type { Incident } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/languages.js';
import en from '../../i18n/locales/en.incidents.json';
import zhCN from '../../i18n/locales/zh-CN.incidents.json';
import type { LiveSlice } from '../../state/liveSlice.js';
import { GAS_SENSOR as sensor } from '../testing/liveFixtures.js';
import { setUpRenderForTest } from '../testing/renderForTest.js';
import { IncidentList } from './IncidentList.js';
import { IncidentPanel, type IncidentWriteActions } from './IncidentPanel.js';
import { IncidentRow } from './IncidentRow.js';

const incident: Incident = {
  id: 'INC-000042',
  category: 'gas_leak',
  source: 'hotline',
  severity: 'critical',
  state: 'reported',
  title: '汉源大道燃气泄漏',
  place: { lon: 117.2851, lat: 34.2046, height: 0 },
  address: '汉源大道与紫金路交叉口',
  linkedSensors: [sensor.id],
  linkedAssets: ['PIP-000123'],
  linkedAlarms: ['ALM-000001'],
  department: '港华燃气',
  reporter: { name: '王女士', phone: '138 0000 0000' },
  createdAtMs: 1_700_000_000_000,
  updatedAtMs: 1_700_000_060_000,
  version: 3,
  audit: [
    { atMs: 1_700_000_000_000, actor: 'hotline', action: 'create', to: 'reported', note: '闻到燃气味' },
    { atMs: 1_700_000_060_000, actor: 'zhang.wei', action: 'update', note: '已电话回访' },
  ],
};

const actions: IncidentWriteActions = { transitionIncident: () => Promise.resolve(incident), updateIncident: () => Promise.resolve(incident) };

// The incidents' strings are not in createI18n's resources yet: the test loads them itself.
const render = setUpRenderForTest({ 'zh-CN': zhCN, en });

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const operator = { subject: 'zhang.wei', role: 'operator', kind: 'user' } as const;
const wallDevice = { subject: 'wall-1', role: 'viewer', kind: 'device' } as const;
const selected = (patch: Partial<Incident> = {}, live: Partial<LiveSlice> = {}): Partial<LiveSlice> => ({
  connection: 'live',
  incidents: [{ ...incident, ...patch }],
  selectedIncidentId: incident.id,
  sensors: new Map([[sensor.id, sensor]]),
  principal: operator,
  ...live,
});
const buttons = (html: string) => [...html.matchAll(/data-testid="incident-action-([a-z]+)"/g)].map((m) => m[1]);

describe('the incident panel', () => {
  it('renders nothing without a selected open incident', () => {
    expect(render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, { incidents: [incident] })).toBe('');
    expect(render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, { incidents: [], selectedIncidentId: 'INC-000042' })).toBe('');
  });

  it('heads with title, category, severity and state, and marks the current step of the loop, in Chinese by default', () => {
    const html = render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, selected({ state: 'handling' }));
    const t = text(html);
    for (const word of ['汉源大道燃气泄漏', '燃气泄漏', '特别重大', '处置中', '上报', '派遣', '处置', '办结', '关闭', '港华燃气']) expect(t).toContain(word);
    expect(html).toContain('data-incident-id="INC-000042"');
    expect(html).toContain('data-state="handling"');
    expect(html).toContain('data-version="3"');
    expect(html).toMatch(/data-step="handling" data-status="current" aria-current="step"/);
    expect(html).toMatch(/data-step="dispatched" data-status="done"/);
  });

  it('offers an operator exactly the loop\u2019s next actions, and assigning', () => {
    const at = (state: Incident['state']) => buttons(render('en', <IncidentPanel variant="desk" actions={actions} />, selected({ state })));
    expect(at('reported')).toEqual(['dispatch', 'close', 'assign']);
    expect(at('dispatched')).toEqual(['dispatch', 'start', 'assign']);
    expect(at('handling')).toEqual(['resolve', 'assign']);
    expect(at('resolved')).toEqual(['close', 'reopen', 'assign']);
    const html = render('en', <IncidentPanel variant="desk" actions={actions} />, selected({ state: 'reported' }));
    expect(text(html)).toContain('Close (false or duplicate)');
    expect(html).toContain('data-testid="incident-department"');
  });

  it('waits for a note before resolving', () => {
    const html = render('en', <IncidentPanel variant="desk" actions={actions} />, selected({ state: 'handling' }));
    expect(html).toMatch(/<button[^>]*data-testid="incident-action-resolve"[^>]*disabled=""/);
  });

  it('offers no action on the wall, to a planner, or without actions', () => {
    expect(buttons(render('zh-CN', <IncidentPanel variant="wall" actions={actions} />, selected()))).toEqual([]);
    expect(buttons(render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, selected({}, { principal: { subject: 'li', role: 'planner', kind: 'user' } })))).toEqual([]);
    expect(buttons(render('zh-CN', <IncidentPanel variant="desk" />, selected()))).toEqual([]);
    expect(render('zh-CN', <IncidentPanel variant="wall" />, selected())).not.toContain('panel__close');
  });

  it('shows the caller only to roles that may see personal data', () => {
    expect(text(render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, selected()))).toContain('王女士');
    expect(text(render('zh-CN', <IncidentPanel variant="desk" actions={actions} />, selected()))).toContain('138 0000 0000');
    // A wall's device token may not read personal data, even if a report carried it.
    const wall = render('zh-CN', <IncidentPanel variant="wall" />, selected({}, { principal: wallDevice }));
    expect(wall).not.toContain('王女士');
    expect(wall).not.toContain('incident-caller');
  });

  it('lists the timeline oldest first with who, what and when, relative and absolute', () => {
    const t = text(render('en', <IncidentPanel variant="desk" actions={actions} />, selected()));
    const reported = t.indexOf('Reported');
    const updated = t.indexOf('Updated');
    expect(reported).toBeGreaterThan(-1);
    expect(updated).toBeGreaterThan(reported);
    expect(t).toContain('Awaiting dispatch');
    expect(t).toContain('zhang.wei');
    expect(t).toContain('已电话回访');
    expect(t).toMatch(/ago \(\d{1,2}\/\d{1,2}\/\d{2},/);
  });

  it('names linked sensors from the registry with their state, and unknown alarms as closed', () => {
    const t = text(render('en', <IncidentPanel variant="desk" actions={actions} />, selected()));
    expect(t).toContain('Gas monitor, civic centre east');
    expect(t).toContain('ALM-000001 (closed)');
    expect(t).toContain('PIP-000123');
  });

  it('lists cameras within 300 m, nearest first, with their distance in the UI language', () => {
    const cameras = [
      { id: 'CAM-far', name: { zh: '远处', en: 'Far' }, lon: 117.2851, lat: 34.2046 + 0.01 },
      { id: 'CAM-2', name: { zh: '二号', en: 'Two' }, lon: 117.2851, lat: 34.2046 + 0.002 },
      { id: 'CAM-1', name: { zh: '一号', en: 'One' }, lon: 117.2851, lat: 34.2046 + 0.001 },
    ];
    const html = render('zh-CN', <IncidentPanel variant="desk" actions={actions} cameras={cameras} />, selected());
    const ids = [...html.matchAll(/data-camera-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['CAM-1', 'CAM-2']);
    expect(text(html)).toContain('111 米');
    expect(text(render('en', <IncidentPanel variant="desk" cameras={[]} />, selected()))).toContain('No camera within 300 m');
  });
});

describe('the incident list', () => {
  it('says it is offline or refused instead of showing an empty list', () => {
    expect(text(render('zh-CN', <IncidentList variant="desk" />, { connection: 'offline' }))).toContain('未连接实时数据');
    expect(text(render('en', <IncidentList variant="wall" />, { connection: 'refused' }))).toContain('Live data refused this screen');
  });

  it('says there are none, and counts the open ones', () => {
    expect(text(render('zh-CN', <IncidentList variant="wall" />, { connection: 'live' }))).toContain('当前没有未关闭的事件');
    const html = render('en', <IncidentList variant="desk" />, { connection: 'live', incidents: [incident, { ...incident, id: 'INC-2', state: 'handling', severity: 'low' }] });
    expect(html).toContain('data-testid="incident-count" data-count="2"');
    expect(text(html)).toContain('2 open');
  });

  it('rows say severity, category, title, address, state with its step, who, and age', () => {
    const row = (language: Language, patch: Partial<Incident> = {}) =>
      render(language, <IncidentRow incident={{ ...incident, ...patch }} age="3分钟前" index={0} setSize={1} top={0} height={80} selected={false} onSelect={() => undefined} />);
    const zh = row('zh-CN', { state: 'dispatched', assignee: '李师傅' });
    for (const word of ['特别重大', '燃气泄漏', '汉源大道燃气泄漏', '汉源大道与紫金路交叉口', '已派遣', '港华燃气 · 李师傅', '3分钟前']) expect(text(zh)).toContain(word);
    expect(zh).toContain('data-testid="incident-row" data-incident-id="INC-000042" data-state="dispatched" data-severity="critical"');
    expect(zh).toMatch(/data-step="dispatched" data-status="current"/);
    expect(text(row('en', { department: undefined }))).toContain('awaiting dispatch');
  });
});
