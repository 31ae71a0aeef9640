import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SceneHandle } from '../../engine/recovery/sceneHandle.js';
import type { SceneEngine } from '../../engine/sceneEngine.js';
import { createAttractTour, type AttractTour, type TourProgress } from '../../engine/tour/attractTour.js';
import { districtStartView, portraitRangeScale } from '../../engine/tour/startView.js';
import { planTour, type TourStop } from '../../engine/tour/tourStops.js';
import { AttributePanel } from '../AttributePanel.js';
import { createAttractController, type AttractController, type KioskPhase } from '../kiosk/attractController.js';
import { KioskDock } from '../kiosk/KioskDock.js';
import '../kiosk/kiosk.css';
import { ConnectionBadge } from '../live/ConnectionBadge.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { LoadingOverlay } from '../LoadingOverlay.js';
import { useViewer } from '../storeContext.js';
import { DebugOverlay } from '../DebugOverlay.js';
import { ModeScene } from './ModeScene.js';
import type { LayoutServices, ModeSettings } from './modeSettings.js';
import { useDistrictProfile } from './useDistrictProfile.js';

/** What counts as a visitor: touches, clicks, keys, the wheel. Not mere pointer movement. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;
/** Seconds of the flight back to the start view. */
const HOME_FLIGHT_S = 3;

/**
 * The public kiosk (展厅): big touch controls, the district's places to fly to, and, when nobody
 * is there, the attract tour; the idle time after the last touch it resets and flies home. No
 * operator actions (no layers, sharing, screenshots) and nothing personal.
 */
export function KioskLayout({ settings, handle, services }: { settings: ModeSettings; handle: SceneHandle; services: LayoutServices }) {
  const { t, i18n } = useTranslation();
  const profile = useDistrictProfile(services);
  const setSelection = useViewer((s) => s.setSelection);
  const setUnderground = useViewer((s) => s.setUnderground);
  const setLanguage = useViewer((s) => s.setLanguage);
  const language = useViewer((s) => s.language);
  // The kiosk's rhythm starts once the district has loaded: a tour over a scene still loading
  // would keep it from ever finishing.
  const sceneReady = useViewer((s) => s.scene.phase === 'ready');
  const [started, setStarted] = useState(false);
  if (sceneReady && !started) setStarted(true);
  const startLanguage = useRef(language);
  const [phase, setPhase] = useState<KioskPhase>('home');
  const [progress, setProgress] = useState<TourProgress | undefined>(undefined);
  const tour = useRef<AttractTour | undefined>(undefined);
  const controller = useRef<AttractController | undefined>(undefined);

  const aspect = useMemo(() => window.innerWidth / Math.max(1, window.innerHeight), []);
  // Portrait: look down more steeply, so the district fills the tall screen instead of the sky.
  const homeView = useMemo(() => districtStartView(aspect, aspect < 1 ? { pitchDeg: -62 } : {}), [aspect]);
  const stops = useMemo<TourStop[]>(() => (profile.phase === 'ready' ? planTour(profile.profile.places, 10, portraitRangeScale(aspect)) : []), [profile, aspect]);
  const stopsRef = useRef(stops);
  stopsRef.current = stops;

  const onEngine = useCallback((engine: SceneEngine) => {
    tour.current = engine.attach((context) => createAttractTour(context, { onProgress: setProgress }));
    return () => {
      tour.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (!started) return undefined;
    const created = createAttractController({
      idleMs: settings.idleMs,
      goHome: async () => {
        // What the last visitor changed goes, so the next one finds the kiosk as it starts.
        setSelection(undefined);
        setUnderground(false);
        setLanguage(startLanguage.current);
        return tour.current?.flyTo(homeView, HOME_FLIGHT_S) ?? false;
      },
      startTour: () => tour.current?.start(stopsRef.current),
      stopTour: () => tour.current?.stop(),
      onPhase: setPhase,
    });
    controller.current = created;
    const onInput = (): void => created.input();
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      created.dispose();
      controller.current = undefined;
    };
  }, [started, settings.idleMs, homeView, setSelection, setUnderground, setLanguage]);

  const stopName = progress ? (i18n.language === 'en' ? (progress.stop.name.en ?? progress.stop.name.zh) : progress.stop.name.zh) : undefined;

  return (
    <div className="app kiosk" data-mode="kiosk" data-kiosk-phase={phase} data-tour-stop={progress?.stop.id} data-tour-phase={progress?.phase}>
      <ModeScene settings={settings} handle={handle} initialView={homeView} onEngine={onEngine} />
      <header className="kiosk__header">
        <h1 className="kiosk__title">{t('app.title')}</h1>
        <p className="kiosk__subtitle">{t('app.subtitle')}</p>
        <ConnectionBadge className="kiosk__live" />
      </header>
      {phase === 'touring' && (
        <div className="kiosk__attract" role="status" aria-live="polite">
          {stopName && <p className="kiosk__stop">{stopName}</p>}
          <p className="kiosk__hint">{t('modes.kiosk.touchToExplore')}</p>
        </div>
      )}
      <div className="kiosk__sheet">
        <SensorPanel actions={services.live} />
        <AttributePanel />
      </div>
      <KioskDock
        stops={stops}
        language={language}
        onHome={() => void tour.current?.flyTo(homeView, HOME_FLIGHT_S)}
        onTour={() => controller.current?.tour()}
        onPlace={(stop) => void tour.current?.flyTo(stop.view, HOME_FLIGHT_S)}
        onLanguage={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
      />
      <LoadingOverlay />
      {settings.debug && <DebugOverlay handle={handle} />}
    </div>
  );
}
