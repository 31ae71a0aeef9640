import { describe, expect, it } from 'vitest';
import { resources } from './createI18n.js';
import { DEFAULT_LANGUAGE, languageFromSearch } from './languages.js';

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('zh-CN and English have the same keys, so no label shows up untranslated', () => {
    expect(keys(resources.en.translation).sort()).toEqual(keys(resources['zh-CN'].translation).sort());
  });

  it('has no empty string in any language', () => {
    for (const { translation } of Object.values(resources)) {
      for (const key of keys(translation)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], translation);
        expect(value, key).not.toBe('');
      }
    }
  });
});

describe('languageFromSearch', () => {
  it('defaults to zh-CN and takes only the languages we have', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(languageFromSearch('')).toBe('zh-CN');
    expect(languageFromSearch('?lang=en')).toBe('en');
    expect(languageFromSearch('?lang=fr')).toBe('zh-CN');
    expect(languageFromSearch('?lang=__proto__')).toBe('zh-CN');
  });
});
