import type { SceneHandle } from '../../engine/recovery/sceneHandle.js';
import { AttributePanel } from '../AttributePanel.js';
import { BookmarksButton } from '../bookmarks/BookmarksButton.js';
import { ScreenshotButton } from '../capture/ScreenshotButton.js';
import { DebugOverlay } from '../DebugOverlay.js';
import { DrillButton } from '../drills/DrillButton.js';
import { Legend } from '../layers/Legend.js';
import { LayerTree } from '../layers/LayerTree.js';
import { StylePanel } from '../layers/StylePanel.js';
import { IncidentPanel } from '../incidents/IncidentPanel.js';
import { ConnectionBadge } from '../live/ConnectionBadge.js';
import { LiveLists } from '../live/LiveLists.js';
import { LoginButton } from '../live/LoginButton.js';
import { LoadingOverlay } from '../LoadingOverlay.js';
import { SearchBox } from '../search/SearchBox.js';
import { ShareButton } from '../share/ShareButton.js';
import { TopBar } from '../TopBar.js';
import { ReplayBar, ReplayButton } from '../replay/ReplayBar.js';
import { SectionPanel } from '../section/SectionPanel.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { useViewer } from '../storeContext.js';
import { CongestionLegend } from '../traffic/CongestionLegend.js';
import { HeatmapControl } from '../traffic/HeatmapControl.js';
import { SectionToggle } from '../section/SectionToggle.js';
import { UndergroundPanel } from '../underground/UndergroundPanel.js';
import { UndergroundToggle } from '../underground/UndergroundToggle.js';
import { ModeScene } from './ModeScene.js';
import type { LayoutServices, ModeSettings } from './modeSettings.js';
import './desk.css';

/**
 * The planner's desk (PC端). Regions, each a column its components stack in (one element line
 * per component): `desk__search` at the top centre (the search box), `desk__left` (the layer
 * tree, the style panel, the legend), `toolbar` at the top right (tools and the share,
 * bookmark and screenshot buttons), `desk__right` (the underground and section box panels
 * while they are on, the attribute panel).
 */
export function DeskLayout({ settings, handle, services }: { settings: ModeSettings; handle: SceneHandle; services: LayoutServices }) {
  const live = useViewer((s) => s.live.connection !== 'offline');
  // What a replay shows is the past: nothing in it can be acted on.
  const replaying = useViewer((s) => s.live.connection === 'replay');
  const heatmap = useViewer((s) => s.heatmap);
  const setHeatmap = useViewer((s) => s.setHeatmap);
  const cameras = useViewer((s) => s.cameras);
  return (
    <div className="app desk" data-mode="desk">
      <ModeScene settings={settings} handle={handle} />
      <TopBar />
      <div className="desk__search">
        <SearchBox />
      </div>
      <div className="desk__left">
        <LayerTree />
        <StylePanel />
        <Legend />
        {live && <HeatmapControl value={heatmap ?? 'none'} onChange={(choice) => setHeatmap(choice === 'none' ? undefined : choice)} />}
        {live && <CongestionLegend />}
      </div>
      <nav className="toolbar desk__tools">
        <ConnectionBadge />
        <UndergroundToggle />
        <SectionToggle />
        <BookmarksButton />
        <ShareButton />
        <ScreenshotButton />
        {live && <ReplayButton controls={services.replay} />}
        <DrillButton actions={services.live} />
        <LoginButton actions={services.live} />
      </nav>
      <div className="desk__right">
        <UndergroundPanel />
        <SectionPanel />
        <IncidentPanel variant="desk" {...(replaying ? {} : { actions: services.live })} cameras={cameras} />
        <SensorPanel actions={services.live} />
        <AttributePanel />
        {live && <LiveLists actions={replaying ? undefined : services.live} />}
      </div>
      <ReplayBar controls={services.replay} />
      <LoadingOverlay />
      {settings.debug && <DebugOverlay handle={handle} />}
    </div>
  );
}
