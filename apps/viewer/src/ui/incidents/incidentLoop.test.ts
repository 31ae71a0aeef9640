import { INCIDENT_STATES, IncidentAction, nextIncidentState, TransitionIncidentRequest, UpdateIncidentRequest, type Incident, type IncidentState } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, assignRequest, distanceM, errorKey, loopSteps, nearbyCameras, openIncidents, transitionRequest } from './incidentLoop.js';

const state = fc.constantFrom<IncidentState>(...INCIDENT_STATES);
const action = fc.constantFrom(...IncidentAction.options);

describe('the closed loop', () => {
  it('offers exactly the actions the server accepts from each state', () => {
    fc.assert(
      fc.property(state, action, (s, a) => {
        expect(allowedActions(s).includes(a)).toBe(nextIncidentState(s, a) !== undefined);
      }),
    );
  });

  it('offers an operator what the docs table says', () => {
    expect(allowedActions('reported')).toEqual(['dispatch', 'close']);
    expect(allowedActions('dispatched')).toEqual(['dispatch', 'start']);
    expect(allowedActions('handling')).toEqual(['resolve']);
    expect(allowedActions('resolved')).toEqual(['close', 'reopen']);
    expect(allowedActions('closed')).toEqual(['reopen']);
  });

  it('marks the steps before the state done and the state itself current', () => {
    expect(loopSteps('handling').map((s) => s.status)).toEqual(['done', 'done', 'current', 'todo', 'todo']);
    fc.assert(
      fc.property(state, (s) => {
        const steps = loopSteps(s);
        expect(steps.filter((step) => step.status === 'current').map((step) => step.state)).toEqual([s]);
      }),
    );
  });
});

describe('requests', () => {
  it('sends the version shown, leaves blank fields out, and the department only with a dispatch', () => {
    expect(transitionRequest('dispatch', 4, { department: ' 水务集团 ', note: '' })).toEqual({ action: 'dispatch', version: 4, department: '水务集团' });
    expect(transitionRequest('dispatch', 4, { department: '  ', note: '' })).toEqual({ action: 'dispatch', version: 4 });
    expect(transitionRequest('resolve', 7, { department: '水务集团', note: ' 已关阀抢修 ' })).toEqual({ action: 'resolve', version: 7, note: '已关阀抢修' });
  });

  it('always builds requests the server schema accepts', () => {
    fc.assert(
      fc.property(action, fc.integer({ min: 1, max: 1e6 }), fc.string({ maxLength: 64 }), fc.string({ maxLength: 200 }), (a, version, department, note) => {
        expect(TransitionIncidentRequest.safeParse(transitionRequest(a, version, { department, note })).success).toBe(true);
        const assign = assignRequest(version, department, note);
        if (assign) expect(UpdateIncidentRequest.safeParse(assign).success).toBe(true);
        else expect(department.trim()).toBe('');
      }),
    );
  });

  it('names a refusal by its code, and anything unknown generally', () => {
    expect(errorKey('stale_version')).toBe('stale_version');
    expect(errorKey('illegal_transition')).toBe('illegal_transition');
    expect(errorKey('network')).toBe('other');
  });
});

describe('list order', () => {
  const incident = (id: string, createdAtMs: number, s: IncidentState = 'reported') => ({ id, createdAtMs, state: s }) as Incident;
  it('lists open incidents newest first, ties by id, closed ones left off', () => {
    const rows = openIncidents([incident('B', 1), incident('A', 1), incident('C', 5), incident('D', 9, 'closed')]);
    expect(rows.map((i) => i.id)).toEqual(['C', 'A', 'B']);
  });
});

describe('nearby cameras', () => {
  const place = { lon: 117.265, lat: 34.2203 };
  // 0.001° of latitude ≈ 111 m; of longitude at 34.2° ≈ 92 m.
  const cameras = [
    { id: 'CAM-far', name: { zh: '远' }, lon: 117.265, lat: 34.2203 + 0.004 },
    { id: 'CAM-2', name: { zh: '二' }, lon: 117.265 + 0.002, lat: 34.2203 },
    { id: 'CAM-1', name: { zh: '一' }, lon: 117.265, lat: 34.2203 + 0.001 },
  ];

  it('measures like the geodesists do at city scale', () => {
    expect(distanceM(place, { lon: 117.265, lat: 34.2213 })).toBeCloseTo(111.2, 0);
    expect(distanceM(place, place)).toBe(0);
  });

  it('keeps those within 300 m, nearest first, with their distance', () => {
    const near = nearbyCameras(place, cameras);
    expect(near.map((c) => c.id)).toEqual(['CAM-1', 'CAM-2']);
    expect(near[1]?.distanceM).toBeGreaterThan(180);
    expect(near[1]?.distanceM).toBeLessThan(190);
  });

  it('never lists one farther than the radius, and always in increasing distance', () => {
    const camera = fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), name: fc.constant({ zh: '摄像头' }), lon: fc.double({ min: 117.25, max: 117.28, noNaN: true }), lat: fc.double({ min: 34.21, max: 34.23, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(camera, { maxLength: 30 }), fc.integer({ min: 10, max: 1000 }), (list, radius) => {
        const near = nearbyCameras(place, list, radius, 100);
        for (const c of near) expect(c.distanceM).toBeLessThanOrEqual(radius);
        const distances = near.map((c) => c.distanceM);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(near.length).toBe(list.filter((c) => distanceM(place, c) <= radius).length);
      }),
    );
  });
});
