import { rectAround } from '../../engine/drawing/geoRect.js';
import { DEFAULT_SECTION_HEIGHTS, type SectionBox } from '../../engine/section/sectionBox.js';
import type { DrawingPurpose, ViewerStore } from '../../state/viewerStore.js';

/** A new box covers about this share of the camera's height either side of the view's centre. */
const BOX_SHARE_OF_HEIGHT = 0.5;
const BOX_HALF_SIZE_M = { min: 40, max: 800 } as const;

/**
 * Lets the user draw an area on the ground for `purpose`; the store says a drawing is under way
 * meanwhile. The area becomes the translucent ground (underground mode on) or the section box's
 * footprint (heights kept). Cancelled, nothing changes.
 */
export async function drawOnGround(store: ViewerStore, purpose: DrawingPurpose): Promise<void> {
  const { engine, setDrawing } = store.getState();
  if (!engine) return;
  setDrawing(purpose);
  const area = await engine.drawArea();
  const state = store.getState();
  // Another drawing took over: it owns the store's `drawing` now.
  if (state.drawing === purpose) setDrawing(undefined);
  if (!area) return;
  if (purpose === 'underground-area') {
    state.setUndergroundArea(area);
    if (!state.underground) state.setUnderground(true);
  } else {
    const heights = state.section ?? DEFAULT_SECTION_HEIGHTS;
    state.setSection({ ...area, bottomM: heights.bottomM, topM: heights.topM });
  }
}

/** A section box around where the camera looks, sized to the view; undefined when it looks at the sky. */
export function sectionAroundView(store: ViewerStore, heights: Pick<SectionBox, 'bottomM' | 'topM'> = DEFAULT_SECTION_HEIGHTS): SectionBox | undefined {
  const { view } = store.getState();
  if (!view) return undefined;
  const half = Math.min(BOX_HALF_SIZE_M.max, Math.max(BOX_HALF_SIZE_M.min, view.cameraHeightMetres * BOX_SHARE_OF_HEIGHT));
  return { ...rectAround(view, half), bottomM: heights.bottomM, topM: heights.topM };
}
