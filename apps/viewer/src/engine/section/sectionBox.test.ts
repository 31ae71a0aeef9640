import { Cartesian3, Matrix4 } from 'cesium';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectAround } from '../drawing/geoRect.js';
import { sectionFrame, sectionPlanes, type SectionBox } from './sectionBox.js';

/** What Cesium's shader does with `unionClippingRegions`: a point is drawn when no plane cuts it. */
function kept(box: SectionBox, longitude: number, latitude: number, heightM: number): boolean {
  const toLocal = Matrix4.inverseTransformation(sectionFrame(box), new Matrix4());
  const local = Matrix4.multiplyByPoint(toLocal, Cartesian3.fromDegrees(longitude, latitude, heightM), new Cartesian3());
  return sectionPlanes(box).every((plane) => Cartesian3.dot(plane.normal, local) + plane.distance >= 0);
}

const METRES_PER_DEGREE = 111_320;

/** Boxes in and around the district: 20 m to 3 km across, heights from the tunnel to the towers. */
const boxes = fc
  .record({
    longitude: fc.double({ min: 117.2, max: 117.35, noNaN: true }),
    latitude: fc.double({ min: 34.15, max: 34.25, noNaN: true }),
    halfEast: fc.double({ min: 10, max: 1500, noNaN: true }),
    halfNorth: fc.double({ min: 10, max: 1500, noNaN: true }),
    bottomM: fc.double({ min: -100, max: 0, noNaN: true }),
    depth: fc.double({ min: 5, max: 500, noNaN: true }),
  })
  .map(({ longitude, latitude, halfEast, halfNorth, bottomM, depth }): SectionBox => {
    const east = rectAround({ longitude, latitude }, halfEast);
    const north = rectAround({ longitude, latitude }, halfNorth);
    return { west: east.west, east: east.east, south: north.south, north: north.north, bottomM, topM: bottomM + depth };
  });
const fraction = fc.double({ min: 0.02, max: 0.98, noNaN: true });

describe('section box planes', () => {
  it('keep every point inside the box', () => {
    fc.assert(
      fc.property(boxes, fraction, fraction, fraction, (box, fx, fy, fz) => {
        const longitude = box.west + fx * (box.east - box.west);
        const latitude = box.south + fy * (box.north - box.south);
        const height = box.bottomM + 0.5 + fz * (box.topM - box.bottomM - 1);
        expect(kept(box, longitude, latitude, height)).toBe(true);
      }),
    );
  });

  it('cut away points a metre or more beyond any face', () => {
    const side = fc.constantFrom('west', 'east', 'south', 'north', 'below', 'above');
    fc.assert(
      fc.property(boxes, fraction, fraction, side, fc.double({ min: 1, max: 200, noNaN: true }), (box, fx, fy, face, beyondM) => {
        let longitude = box.west + fx * (box.east - box.west);
        let latitude = box.south + fy * (box.north - box.south);
        let height = (box.bottomM + box.topM) / 2;
        const dLon = beyondM / (METRES_PER_DEGREE * Math.cos((latitude * Math.PI) / 180));
        const dLat = beyondM / METRES_PER_DEGREE;
        if (face === 'west') longitude = box.west - dLon;
        if (face === 'east') longitude = box.east + dLon;
        if (face === 'south') latitude = box.south - dLat;
        if (face === 'north') latitude = box.north + dLat;
        if (face === 'below') height = box.bottomM - beyondM;
        if (face === 'above') height = box.topM + beyondM;
        expect(kept(box, longitude, latitude, height)).toBe(false);
      }),
    );
  });
});
