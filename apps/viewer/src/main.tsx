import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { parseCameraParam } from './app/cameraParam.js';
import { startLanguageSync } from './app/languageSync.js';
import { loadCatalog } from './app/loadCatalog.js';
import { createI18n } from './i18n/createI18n.js';
import { languageFromSearch } from './i18n/languages.js';
import { createViewerStore } from './state/viewerStore.js';
import { App } from './ui/App.js';
import { StoreProvider } from './ui/storeContext.js';
import './ui/theme.css';

async function boot(): Promise<void> {
  const language = languageFromSearch(window.location.search);
  const store = createViewerStore({ language, camera: parseCameraParam(window.location.search) });
  const i18n = await createI18n(language, [initReactI18next]);
  startLanguageSync(store, i18n);
  void loadCatalog(store);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
