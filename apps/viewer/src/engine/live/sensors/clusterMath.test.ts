import fc from 'fast-check';
import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import { clusterPropsOf, clusterState, clusterZoom, expansionHeight, heightForZoom, mergeClusterProps, worstState, zoomForHeight, type ClusterProps } from './clusterMath.js';
import { SENSOR_STATES, type SensorState } from './sensorState.js';

const FRAME = { fovyRad: Math.PI / 3, viewportPx: 1080, latDeg: 34.27 };
const POLICY = { nearHeightM: 800, maxZoom: 16 };

describe('zoom from camera height', () => {
  it('is the inverse of heightForZoom', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 22, noNaN: true }), (zoom) => {
        expect(zoomForHeight(heightForZoom(zoom, FRAME), FRAME)).toBeCloseTo(zoom, 9);
      }),
    );
  });

  it('zooms in as the camera comes down, one step per halving of the height', () => {
    fc.assert(
      fc.property(fc.double({ min: 10, max: 1e7, noNaN: true }), (height) => {
        expect(zoomForHeight(height / 2, FRAME) - zoomForHeight(height, FRAME)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('puts the district (a camera at 3 km) at a street-block zoom, and shows single sensors below the near height', () => {
    expect(clusterZoom(3000, FRAME, POLICY)).toBe(14);
    expect(clusterZoom(799, FRAME, POLICY)).toBe(POLICY.maxZoom + 1);
    expect(clusterZoom(5e7, FRAME, POLICY)).toBe(0);
  });

  it('flies low enough for a clicked cluster to split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (zoom) => {
        expect(clusterZoom(expansionHeight(zoom, FRAME, POLICY), FRAME, POLICY)).toBeGreaterThanOrEqual(Math.min(zoom, POLICY.maxZoom + 1));
      }),
    );
  });
});

describe('cluster state', () => {
  const stateArb = fc.constantFrom<SensorState>(...SENSOR_STATES);

  it('a cluster badge shows the worst state of the sensors in it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lon: fc.double({ min: 117.25, max: 117.27, noNaN: true }), lat: fc.double({ min: 34.25, max: 34.27, noNaN: true }), state: stateArb }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 8, max: 15 }),
        (points, zoom) => {
          const index = new Supercluster<{ state: SensorState }, ClusterProps>({ maxZoom: 16, map: (p) => clusterPropsOf(p.state), reduce: mergeClusterProps });
          index.load(points.map((p) => ({ type: 'Feature', properties: { state: p.state }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })));
          for (const feature of index.getClusters([-180, -90, 180, 90], zoom)) {
            if (!('cluster' in feature.properties)) continue;
            const leaves = index.getLeaves(feature.properties.cluster_id, Infinity);
            expect(clusterState(feature.properties)).toBe(worstState(leaves.map((leaf) => leaf.properties.state)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ranks alarm over warning over offline over normal', () => {
    expect(worstState(['normal', 'offline'])).toBe('offline');
    expect(worstState(['offline', 'warning', 'normal'])).toBe('warning');
    expect(worstState(['warning', 'alarm', 'offline'])).toBe('alarm');
    expect(worstState([])).toBe('normal');
  });
});
