import type { DistrictProfile } from '@pengcheng/protocol';
import type { LiveActions } from '../live/liveActions.js';
import type { ReplayControls } from '../replay/replayControls.js';

/** The app's three faces: the command-centre wall, the planner's desk, the public kiosk. */
export const MODES = ['wall', 'desk', 'kiosk'] as const;
export type Mode = (typeof MODES)[number];

/** What a layout is told about the page it runs in (parsed from the URL by app/mode.ts). */
export interface ModeSettings {
  readonly mode: Mode;
  /** `?debug`: the overlay with the quality controller's choices, frame time and memory. */
  readonly debug: boolean;
  /** Kiosk: time without a touch before it goes back to the start (then as long again before the tour). */
  readonly idleMs: number;
  /**
   * Whether resolution and detail adapt to hold the frame time (`?quality=auto`) or stay at full
   * quality (`?quality=full`). By default the wall and the kiosk adapt: they run unattended on
   * whatever screen they are given; the desk stays sharp.
   */
  readonly adaptiveQuality: boolean;
}

/** What the app gives the layouts to fetch with (ui/ does not talk HTTP itself). */
export interface LayoutServices {
  /** The district in figures and its places: the wall's panels, the kiosk's tour. */
  districtProfile(signal?: AbortSignal): Promise<DistrictProfile>;
  /** Login, acknowledgements, sensor history: with the screen's token. */
  readonly live: LiveActions;
  /** The time slider over the last 24 hours (the desk's). */
  readonly replay: ReplayControls;
}
