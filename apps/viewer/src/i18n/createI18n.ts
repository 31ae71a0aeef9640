import i18next, { type i18n, type Module } from 'i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/** One i18next instance for the app; `plugins` lets the UI layer bind it to React. */
export async function createI18n(language: Language, plugins: readonly Module[] = []): Promise<i18n> {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  await instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
