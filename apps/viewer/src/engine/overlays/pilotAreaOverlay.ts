import {
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Material,
  PointPrimitiveCollection,
  PolylineCollection,
  VerticalOrigin,
  type Label,
  type Scene,
} from 'cesium';
import { ADMINISTRATIVE_CENTRE, PILOT_AREA_BOUNDS } from '@pengcheng/protocol';

export interface PilotAreaLabels {
  readonly pilotArea: string;
  readonly administrativeCentre: string;
}

export interface PilotAreaOverlay {
  setLabels(labels: PilotAreaLabels): void;
  dispose(): void;
}

const ACCENT = Color.fromCssColorString('#37b6ff');
const FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';
// Lines and labels sit slightly above the ellipsoid so the globe surface does not hide them.
const LIFT_METRES = 30;

/**
 * The outline of the 4 × 4 km pilot area and a marker on the administrative centre, so the
 * place reads at a glance even before the district's own tiles are in.
 */
export function createPilotAreaOverlay(scene: Scene, labels: PilotAreaLabels): PilotAreaOverlay {
  const { west, south, east, north } = PILOT_AREA_BOUNDS;
  // Follow the page's type scale, so labels read from three metres on a wall as the UI does.
  const rem = Number.parseFloat(getComputedStyle(scene.canvas).fontSize) || 16;
  const lines = new PolylineCollection();
  lines.add({
    positions: Cartesian3.fromDegreesArrayHeights([
      west, south, LIFT_METRES,
      east, south, LIFT_METRES,
      east, north, LIFT_METRES,
      west, north, LIFT_METRES,
      west, south, LIFT_METRES,
    ]),
    width: Math.max(2, Math.round(rem / 6)),
    material: Material.fromType('Color', { color: ACCENT }),
  });

  const centre = Cartesian3.fromDegrees(ADMINISTRATIVE_CENTRE.longitude, ADMINISTRATIVE_CENTRE.latitude, LIFT_METRES);
  const points = new PointPrimitiveCollection();
  points.add({ position: centre, pixelSize: Math.round(rem * 0.9), color: ACCENT, outlineColor: Color.WHITE, outlineWidth: 2 });

  const texts = new LabelCollection({ scene });
  const labelStyle = {
    font: `600 ${Math.round(rem * 1.3)}px ${FONT_FAMILY}`,
    fillColor: Color.WHITE,
    outlineColor: Color.fromCssColorString('#060b14'),
    outlineWidth: Math.max(3, Math.round(rem / 5)),
    style: LabelStyle.FILL_AND_OUTLINE,
    distanceDisplayCondition: new DistanceDisplayCondition(0, 200_000),
  } as const;
  const centreLabel: Label = texts.add({
    ...labelStyle,
    position: centre,
    text: labels.administrativeCentre,
    pixelOffset: new Cartesian2(0, -rem),
    verticalOrigin: VerticalOrigin.BOTTOM,
    horizontalOrigin: HorizontalOrigin.CENTER,
  });
  const areaLabel: Label = texts.add({
    ...labelStyle,
    position: Cartesian3.fromDegrees(west, north, LIFT_METRES),
    text: labels.pilotArea,
    pixelOffset: new Cartesian2(rem / 3, -rem / 3),
    verticalOrigin: VerticalOrigin.BOTTOM,
    horizontalOrigin: HorizontalOrigin.LEFT,
    fillColor: ACCENT,
  });

  scene.primitives.add(lines);
  scene.primitives.add(points);
  scene.primitives.add(texts);

  return {
    setLabels(next) {
      centreLabel.text = next.administrativeCentre;
      areaLabel.text = next.pilotArea;
      scene.requestRender();
    },
    dispose() {
      // The scene destroys what it removes: remove exactly the three collections we added.
      for (const collection of [texts, points, lines]) {
        if (!scene.isDestroyed()) scene.primitives.remove(collection);
      }
    },
  };
}
