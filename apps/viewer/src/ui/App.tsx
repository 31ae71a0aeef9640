import type { SceneHandle } from '../engine/recovery/sceneHandle.js';
import { DeskLayout } from './layouts/DeskLayout.js';
import { KioskLayout } from './layouts/KioskLayout.js';
import type { LayoutServices, ModeSettings } from './layouts/modeSettings.js';
import { WallLayout } from './layouts/WallLayout.js';

export interface AppProps {
  readonly settings: ModeSettings;
  /** The page's scene across rebuilds, for the debug overlay and the test hook. */
  readonly handle: SceneHandle;
  readonly services: LayoutServices;
}

/** One app, three faces: the layout of the mode the URL names. */
export function App({ settings, handle, services }: AppProps) {
  switch (settings.mode) {
    case 'wall':
      return <WallLayout settings={settings} handle={handle} services={services} />;
    case 'kiosk':
      return <KioskLayout settings={settings} handle={handle} services={services} />;
    case 'desk':
      return <DeskLayout settings={settings} handle={handle} services={services} />;
  }
}
