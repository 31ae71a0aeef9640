import i18next, { type i18n, type Module } from 'i18next';
import en from './locales/en.json';
import enAlarms from './locales/en.alarms.json';
import enIncidents from './locales/en.incidents.json';
import enKpis from './locales/en.kpis.json';
import enLive from './locales/en.live.json';
import enReplay from './locales/en.replay.json';
import enSensors from './locales/en.sensors.json';
import enTraffic from './locales/en.traffic.json';
import zhCN from './locales/zh-CN.json';
import zhCNAlarms from './locales/zh-CN.alarms.json';
import zhCNIncidents from './locales/zh-CN.incidents.json';
import zhCNKpis from './locales/zh-CN.kpis.json';
import zhCNLive from './locales/zh-CN.live.json';
import zhCNReplay from './locales/zh-CN.replay.json';
import zhCNSensors from './locales/zh-CN.sensors.json';
import zhCNTraffic from './locales/zh-CN.traffic.json';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';

// The live layers' strings are in files of their own (each under its own top-level key), so
// the folders that own them do not edit one shared file.
export const resources = {
  'zh-CN': { translation: { ...zhCN, ...zhCNLive, ...zhCNSensors, ...zhCNAlarms, ...zhCNIncidents, ...zhCNKpis, ...zhCNTraffic, ...zhCNReplay } },
  en: { translation: { ...en, ...enLive, ...enSensors, ...enAlarms, ...enIncidents, ...enKpis, ...enTraffic, ...enReplay } },
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
