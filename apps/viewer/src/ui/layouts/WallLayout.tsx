import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SceneHandle } from '../../engine/recovery/sceneHandle.js';
import { districtStartView } from '../../engine/tour/startView.js';
import { DebugOverlay } from '../DebugOverlay.js';
import { ConnectionBadge } from '../live/ConnectionBadge.js';
import { LoadingOverlay } from '../LoadingOverlay.js';
import { useViewer } from '../storeContext.js';
import { AlarmList } from '../alarms/AlarmList.js';
import { IncidentList } from '../incidents/IncidentList.js';
import { VitalSignsLeft, VitalSignsRight } from '../kpis/VitalSigns.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { DistrictOverviewPanels, LifelinePanels } from '../wall/DistrictPanels.js';
import { WallClock } from '../wall/WallClock.js';
import '../wall/wall.css';
import { ModeScene } from './ModeScene.js';
import type { LayoutServices, ModeSettings } from './modeSettings.js';
import { useDistrictProfile } from './useDistrictProfile.js';

/** The side panels' width as CSS computes it (wall.css), to frame the district between them. */
function sidePanelWidthPx(): number {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
  return Math.min(Math.max(24 * rem, window.innerWidth * 0.22), 34 * rem);
}

/**
 * The command-centre wall (大屏): the district in 3D across the whole screen, the figures of the
 * district on panels down both sides, the time. Nothing on it needs a touch; it looks after
 * itself (ModeScene rebuilds a failed scene).
 */
export function WallLayout({ settings, handle, services }: { settings: ModeSettings; handle: SceneHandle; services: LayoutServices }) {
  const { t } = useTranslation();
  const profile = useDistrictProfile(services);
  const phase = useViewer((s) => s.scene.phase);
  // Without its device token the wall shows the district's own figures; with it, the live picture.
  const live = useViewer((s) => s.live.connection !== 'offline');
  const startView = useMemo(() => {
    const width = window.innerWidth;
    const free = Math.max(0.2, (width - 2 * sidePanelWidthPx()) / width);
    const aspect = width / Math.max(1, window.innerHeight);
    // A wide wall (5760×1080) is limited by its height: a lower pitch spreads the district
    // across more of its width.
    return districtStartView(aspect, { visibleWidthShare: free, ...(aspect > 2.5 ? { pitchDeg: -35 } : {}) });
  }, []);

  return (
    <div className="app wall" data-mode="wall" data-profile={profile.phase}>
      <ModeScene settings={settings} handle={handle} initialView={startView} />
      <header className="wall__header">
        <div className="wall__titles">
          <h1 className="wall__title">{t('app.title')}</h1>
          <p className="wall__subtitle">{t('modes.wall.subtitle')}</p>
        </div>
        <p className={`wall__status wall__status--${phase}`} data-testid="wall-status">
          <span className="wall__status-dot" aria-hidden="true" />
          {t(`modes.wall.scene.${phase}`)}
        </p>
        <ConnectionBadge className="wall__live" />
        <WallClock />
      </header>
      <aside className="wall__side wall__side--left" aria-label={t('modes.wall.overview')}>
        {live ? (
          <>
            <VitalSignsLeft />
            <IncidentList variant="wall" />
          </>
        ) : (
          <DistrictOverviewPanels state={profile} />
        )}
      </aside>
      <aside className="wall__side wall__side--right" aria-label={t('modes.wall.pipelines')}>
        {live ? (
          <>
            <VitalSignsRight />
            <AlarmList variant="wall" />
          </>
        ) : (
          <LifelinePanels state={profile} />
        )}
      </aside>
      <SensorPanel actions={services.live} className="wall__sensor" />
      <LoadingOverlay />
      {settings.debug && <DebugOverlay handle={handle} />}
    </div>
  );
}
