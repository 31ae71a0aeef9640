import { ROLES, type Incident } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { redactIncident } from './redactIncident.js';

const incident: Incident = {
  id: 'INC-000001',
  category: 'waterlogging',
  source: 'hotline',
  severity: 'medium',
  state: 'reported',
  title: '云泉路积水',
  place: { lon: 117.26, lat: 34.19, height: 0 },
  linkedSensors: [],
  linkedAssets: [],
  linkedAlarms: [],
  reporter: { name: '王女士', phone: '138 0516 0000' },
  createdAtMs: 1,
  updatedAtMs: 1,
  version: 1,
  audit: [],
};

describe('redactIncident', () => {
  it.each(ROLES.map((role) => [role, role === 'operator' || role === 'planner'] as const))('%s sees the reporter: %s', (role, sees) => {
    const seen = redactIncident(incident, { subject: 'x', role, kind: 'user' });
    expect(seen.reporter !== undefined).toBe(sees);
    expect(JSON.stringify(seen).includes('138 0516')).toBe(sees);
  });

  it('shows nobody without a principal the reporter, and leaves the rest', () => {
    const seen = redactIncident(incident);
    expect(seen).not.toHaveProperty('reporter');
    expect({ ...seen, reporter: incident.reporter }).toEqual(incident);
  });
});
