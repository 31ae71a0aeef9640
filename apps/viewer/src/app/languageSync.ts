import type { i18n } from 'i18next';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import type { ViewerStore } from '../state/viewerStore.js';

/** Applies a language to the document: `lang` for fonts and screen readers, the tab title, the URL. */
function applyToDocument(i18n: i18n, language: Language): void {
  document.documentElement.lang = language;
  document.title = i18n.t('app.documentTitle');
  const url = new URL(window.location.href);
  if (language === DEFAULT_LANGUAGE) url.searchParams.delete('lang');
  else url.searchParams.set('lang', language);
  window.history.replaceState(window.history.state, '', url);
}

/** Keeps i18next and the document in step with the store's language. Returns its undo. */
export function startLanguageSync(store: ViewerStore, i18n: i18n): () => void {
  applyToDocument(i18n, store.getState().language);
  return store.subscribe((state, previous) => {
    if (state.language === previous.language) return;
    void i18n.changeLanguage(state.language).then(() => applyToDocument(i18n, state.language));
  });
}
