import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, beforeAll, vi } from 'vitest';
import { createI18n } from '../../i18n/createI18n.js';
import type { Language } from '../../i18n/languages.js';
import type { LiveSlice } from '../../state/liveSlice.js';
import { createViewerStore } from '../../state/viewerStore.js';
import { StoreProvider } from '../storeContext.js';

const LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Language[];

/** Strings a test adds to every instance, by language: ones createI18n does not load yet. */
export type ExtraStrings = Partial<Record<Language, Record<string, unknown>>>;

/**
 * Sets a test file up to render components on the server (call it at the file's top level): an
 * i18n instance per language, made once, and a document that answers the root font size, which
 * lists and charts size themselves from and a server render does not have. Returns the render:
 * `node` as static markup in `language`, over a store whose live slice is `live`.
 */
export function setUpRenderForTest(extra: ExtraStrings = {}): (language: Language, node: ReactNode, live?: Partial<LiveSlice>) => string {
  const instances = new Map<Language, i18n>();
  beforeAll(async () => {
    for (const language of LANGUAGES) {
      const instance = await createI18n(language, [initReactI18next]);
      for (const [lng, strings] of Object.entries(extra)) instance.addResourceBundle(lng, 'translation', strings, true, true);
      instances.set(language, instance);
    }
    vi.stubGlobal('document', { documentElement: {} });
    vi.stubGlobal('getComputedStyle', () => ({ fontSize: '16px' }));
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  return (language, node, live = {}) => {
    const store = createViewerStore({ language });
    store.getState().setLive(live);
    // A server render reads the store's initial state; make that the state under test.
    store.getInitialState = store.getState;
    return renderToStaticMarkup(
      <I18nextProvider i18n={instances.get(language) as i18n}>
        <StoreProvider store={store}>{node}</StoreProvider>
      </I18nextProvider>,
    );
  };
}
