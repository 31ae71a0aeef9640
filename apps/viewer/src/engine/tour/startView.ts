import { ADMINISTRATIVE_CENTRE, PILOT_AREA_HALF_SIDE_METRES } from '@pengcheng/protocol';
import { PILOT_AREA_VIEW, type OrbitView } from '../camera/initialView.js';

/** Cesium's default field of view: across the wider of the canvas's two sides. */
const FOV_DEG = 60;
/**
 * Share of the pilot area's half side that must stay in frame across the narrower angle: the
 * tilted square's near and far edges foreshorten, so less than all of it reaches the frame's edge.
 * Chosen so a 16:9 screen gets the desk's own framing (5.2 km).
 */
const FRAMED_SHARE = 0.8;

/**
 * How much further back a camera must stand on a canvas of this aspect to see as much across as
 * on a landscape one: 1 for landscape, 1 ÷ aspect for portrait.
 */
export function portraitRangeScale(aspect: number): number {
  return Number.isFinite(aspect) && aspect > 0 && aspect < 1 ? 1 / aspect : 1;
}

/** The angle across the narrower side of a canvas of this aspect (width ÷ height), in degrees. */
export function narrowFovDeg(aspect: number): number {
  const wide = (FOV_DEG * Math.PI) / 360;
  const ratio = aspect >= 1 ? 1 / aspect : aspect;
  return (360 / Math.PI) * Math.atan(Math.tan(wide) * ratio);
}

export interface StartViewOptions {
  /** [default: the desk's −50°] */
  readonly pitchDeg?: number;
  /** Share of the canvas's width the district may use: side panels cover the rest. [default: 1] */
  readonly visibleWidthShare?: number;
}

/**
 * The start view for a screen of this aspect: the whole pilot area in frame, looking north over
 * the administrative centre. A portrait kiosk and a 5760×1080 wall need the camera further back
 * than a 16:9 desk, or the area's sides (or its near and far edges) fall off the screen; a wall
 * whose side panels cover part of the canvas frames the district in the part between them.
 */
export function districtStartView(aspect: number, options: StartViewOptions = {}): OrbitView {
  const safeAspect = Number.isFinite(aspect) && aspect > 0 ? aspect : 16 / 9;
  const share = Math.min(1, Math.max(0.1, options.visibleWidthShare ?? 1));
  const tanWide = Math.tan((FOV_DEG * Math.PI) / 360);
  const tanAcross = (safeAspect >= 1 ? tanWide : tanWide * safeAspect) * share;
  const tanUp = safeAspect >= 1 ? tanWide / safeAspect : tanWide;
  const halfAngle = Math.atan(Math.min(tanAcross, tanUp));
  const pitchDeg = options.pitchDeg ?? PILOT_AREA_VIEW.pitchDegrees;
  // When the frame's height is what limits, the area's depth is what must fit, and it shows
  // foreshortened by the sine of the pitch: a lower pitch may stand closer than the desk's.
  const depthFactor = tanUp < tanAcross ? Math.sin((Math.abs(pitchDeg) * Math.PI) / 180) / Math.sin((Math.abs(PILOT_AREA_VIEW.pitchDegrees) * Math.PI) / 180) : 1;
  const rangeMetres = Math.round(((PILOT_AREA_HALF_SIDE_METRES * FRAMED_SHARE) / Math.sin(halfAngle)) * depthFactor);
  return {
    longitude: ADMINISTRATIVE_CENTRE.longitude,
    latitude: ADMINISTRATIVE_CENTRE.latitude,
    height: 0,
    headingDegrees: 0,
    pitchDegrees: pitchDeg,
    rangeMetres,
  };
}
