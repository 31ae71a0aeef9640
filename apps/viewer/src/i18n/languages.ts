/** The UI languages. zh-CN is the default: the district's own staff read Chinese. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `?lang=en` picks English; anything else, or nothing, is the default. */
export function languageFromSearch(search: string): Language {
  const requested = new URLSearchParams(search).get('lang');
  return isLanguage(requested) ? requested : DEFAULT_LANGUAGE;
}
