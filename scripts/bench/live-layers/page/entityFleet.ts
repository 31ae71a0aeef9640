/// <reference lib="dom" />
import { VehicleType } from '@pengcheng/protocol';
import { VehicleIndex } from '../../../../apps/viewer/src/engine/live/traffic/vehicleIndex.js';
import { VehicleTable } from '../../../../apps/viewer/src/engine/live/traffic/vehicleTable.js';
import { VEHICLE_COLOURS } from '../../../../apps/viewer/src/engine/live/traffic/vehiclePalette.js';
import { drawVehicleSymbol } from '../../../../apps/viewer/src/engine/live/traffic/vehicleSymbol.js';
import { CallbackPositionProperty, Cartesian3, Color, ConstantProperty, type CesiumWidget, type Entity } from 'cesium';

const COLOURS = VehicleType.options.map((type) => Color.fromCssColorString(VEHICLE_COLOURS[type]));

/**
 * The baseline: the same vehicles as one Cesium Entity each, the usual way to draw moving things
 * in Cesium. It shares the layer's frame index and interpolation (VehicleIndex, VehicleTable), run
 * here on the main thread as an Entity app would, so the two differ in where a frame is indexed
 * and in how the vehicles reach the screen: each entity's position is a callback evaluated every
 * frame, and the data source display copies it and the billboard's properties into its own
 * billboard each frame.
 */
export function createEntityFleet(widget: CesiumWidget) {
  const index = new VehicleIndex({ heightM: 2, maxVehicles: 200_000 });
  const table = new VehicleTable({ segment: { minMs: 100, maxMs: 2000 }, maxGapMs: 5000, maxStepM: 250 });
  // A data URL: Cesium keys its texture atlas by it, so every entity shares one image.
  const image = drawVehicleSymbol(18).toDataURL();
  const entities: (Entity | undefined)[] = [];
  let t = 1;
  widget.clock.onTick.addEventListener(() => {
    t = table.progress(performance.now());
  });

  const entityFor = (slot: number): Entity =>
    widget.entities.add({
      position: new CallbackPositionProperty((_time, result) => {
        const out = result ?? new Cartesian3();
        table.positionAt(slot, t, out);
        return out;
      }, false),
      billboard: {
        image,
        color: COLOURS[table.type[slot] ?? 0] ?? Color.WHITE,
        rotation: new ConstantProperty(0),
      },
    });

  return {
    applyFrame(bytes: Uint8Array) {
      const outcome = index.index(bytes);
      if (outcome.kind === 'stale') return;
      const update = table.apply(outcome.frame, performance.now());
      widget.entities.suspendEvents();
      for (const slot of update.removed) {
        const entity = entities[slot];
        if (entity) widget.entities.remove(entity);
        entities[slot] = undefined;
      }
      for (const slot of update.added) entities[slot] = entityFor(slot);
      for (let slot = 0; slot < table.highWater; slot++) {
        const billboard = entities[slot]?.billboard;
        if (!billboard) continue;
        // Screen-up is north in the benchmark's north-up view: the rotation is minus the heading.
        (billboard.rotation as ConstantProperty).setValue((-table.headingAt(slot, 1) * Math.PI) / 180);
        if (update.retyped.includes(slot)) billboard.color = new ConstantProperty(COLOURS[table.type[slot] ?? 0]);
      }
      widget.entities.resumeEvents();
    },
    get vehicles() {
      return table.count;
    },
  };
}
