import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addedLayerFromUrl, addedLayerName } from '../engine/layers/addedLayer.js';
import { MAX_TILESET_PARAMS, parseTilesetParams } from './tilesetParam.js';

const PAGE = 'https://twin.example.cn/desk?lang=en';

describe('?tileset=', () => {
  it('resolves paths against the page and keeps absolute http(s) URLs', () => {
    const search = `?tileset=${encodeURIComponent('/tiles/campus/tileset.json')}&tileset=${encodeURIComponent('http://10.0.0.5:8080/a/tileset.json?v=2#x')}`;
    expect(parseTilesetParams(search, PAGE).map((l) => l.url)).toEqual(['https://twin.example.cn/tiles/campus/tileset.json', 'http://10.0.0.5:8080/a/tileset.json?v=2']);
  });

  it('drops every other scheme, credentials and blanks', () => {
    for (const bad of ['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'blob:https://x/1', 'https://user:pw@host/t.json', ' ', 'http://[::1']) {
      expect(addedLayerFromUrl(bad, PAGE), bad).toBeUndefined();
    }
  });

  it('any accepted URL is absolute http(s), and the same URL is the same layer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.webPath(), fc.string()), (input) => {
        const layer = addedLayerFromUrl(input, PAGE);
        if (!layer) return;
        const url = new URL(layer.url);
        expect(['http:', 'https:']).toContain(url.protocol);
        expect(url.hash).toBe('');
        expect(layer.id).toMatch(/^url-[0-9a-f]{8}$/);
        expect(addedLayerFromUrl(layer.url, 'https://elsewhere.example/')).toEqual(layer);
      }),
    );
  });

  it('takes a URL once, and at most a handful', () => {
    const one = encodeURIComponent('/tiles/a/tileset.json');
    expect(parseTilesetParams(`?tileset=${one}&tileset=${one}`, PAGE)).toHaveLength(1);
    const many = Array.from({ length: 20 }, (_, i) => `tileset=${encodeURIComponent(`/t/${i}/tileset.json`)}`).join('&');
    expect(parseTilesetParams(`?${many}`, PAGE)).toHaveLength(MAX_TILESET_PARAMS);
    expect(parseTilesetParams('?camera=1,2,3,4,5', PAGE)).toEqual([]);
  });

  it('names a layer by the folder of its tileset.json', () => {
    expect(addedLayerName('https://x.cn/tiles/campus-scan/tileset.json?v=1')).toBe('campus-scan');
    expect(addedLayerName('https://x.cn/')).toBe('x.cn');
  });
});
