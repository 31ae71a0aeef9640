import { describe, expect, it } from 'vitest';
import { addBookmark, BOOKMARKS_KEY, MAX_BOOKMARKS, openingSearch, readBookmarks, removeBookmark, writeBookmarks, type Bookmark } from './bookmarkList.js';

function memoryStorage(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[BOOKMARKS_KEY, initial]]);
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('bookmarks', () => {
  it('keep a view, newest first, and survive a reload', () => {
    const storage = memoryStorage();
    let list = addBookmark([], ' 行政中心 ', '?lang=en&camera=117.2784,34.205,350,0,-35&select=BLD-000001', 1000, 'a');
    list = addBookmark(list, 'Pipes', '?camera=1,2,3,4,5&underground=1', 2000, 'b');
    expect(writeBookmarks(storage, list)).toBe(true);
    const read = readBookmarks(storage);
    expect(read.map((b) => b.name)).toEqual(['Pipes', '行政中心']);
    // The language is the reader's.
    expect(read[1]?.search).toBe('?camera=117.2784%2C34.205%2C350%2C0%2C-35&select=BLD-000001');
    expect(openingSearch(read[1] as Bookmark, '?lang=en')).toContain('lang=en');
    expect(new URLSearchParams(openingSearch(read[1] as Bookmark, '')).get('camera')).toBe('117.2784,34.205,350,0,-35');
    expect(removeBookmark(read, 'b').map((b) => b.id)).toEqual(['a']);
  });

  it('reads garbage as no bookmarks, and drops entries that are not bookmarks', () => {
    expect(readBookmarks(memoryStorage('not json'))).toEqual([]);
    expect(readBookmarks(memoryStorage('{"a":1}'))).toEqual([]);
    const good = { id: 'x', name: 'ok', search: '?camera=1,2,3,4,5', savedAt: 1 };
    const stored = JSON.stringify([good, { id: 'y', name: '', search: '', savedAt: 1 }, { id: 'z', name: 'n', search: 'javascript:x', savedAt: 1 }, null, 3]);
    expect(readBookmarks(memoryStorage(stored))).toEqual([good]);
  });

  it('keeps at most the newest hundred, and says when storage refuses', () => {
    let list: Bookmark[] = [];
    for (let i = 0; i < MAX_BOOKMARKS + 5; i++) list = addBookmark(list, `v${i}`, '', i, String(i));
    expect(list).toHaveLength(MAX_BOOKMARKS);
    expect(list[0]?.name).toBe(`v${MAX_BOOKMARKS + 4}`);
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(writeBookmarks(full, list)).toBe(false);
  });
});
