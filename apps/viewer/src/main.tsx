import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { fetchDistrictProfile } from './api/districtProfileClient.js';
import { installDebugHook } from './app/debugHook.js';
import { startLanguageSync } from './app/languageSync.js';
import { loadCatalog } from './app/loadCatalog.js';
import { modeSettings } from './app/mode.js';
import { startSearchSync } from './app/searchSync.js';
import { decodeShareState } from './app/urlState.js';
import { startUrlStateSync } from './app/urlStateSync.js';
import { startLayerSync } from './app/layerSync.js';
import { startLiveController } from './app/live/liveController.js';
import { startLiveSceneSync } from './app/live/liveSceneSync.js';
import { startCameraLoad } from './app/live/loadCameras.js';
import { parseTilesetParams } from './app/tilesetParam.js';
import { createSceneHandle } from './engine/recovery/sceneHandle.js';
import { createI18n } from './i18n/createI18n.js';
import { languageFromSearch } from './i18n/languages.js';
import { createViewerStore } from './state/viewerStore.js';
import { App } from './ui/App.js';
import { StoreProvider } from './ui/storeContext.js';
import './ui/theme.css';

async function boot(): Promise<void> {
  const language = languageFromSearch(window.location.search);
  // A shared link's view: the camera is where the scene starts, the rest goes into the store.
  const shared = decodeShareState(window.location.search);
  const store = createViewerStore({
    language,
    ...(shared.camera ? { camera: shared.camera } : {}),
    addedLayers: parseTilesetParams(window.location.search, window.location.href),
  });
  const i18n = await createI18n(language, [initReactI18next]);
  startLanguageSync(store, i18n);
  void loadCatalog(store);
  startUrlStateSync(store, shared);
  startLayerSync(store);
  startSearchSync(store);
  const settings = modeSettings(window.location);
  // Before the first render: each mode's type scale keys off this, and layouts measure with it.
  document.documentElement.dataset.mode = settings.mode;
  const handle = createSceneHandle();
  const live = startLiveController(store, settings.mode);
  const liveScene = startLiveSceneSync(store, live, settings.mode);
  startCameraLoad(store);
  installDebugHook({ mode: settings.mode, store, handle, liveScene: liveScene.report });
  const services = { districtProfile: fetchDistrictProfile, live: live.actions, replay: live.replay };

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <App settings={settings} handle={handle} services={services} />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
