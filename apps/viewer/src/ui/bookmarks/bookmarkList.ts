/** A named view: the query string of its shared link (camera, layers, styles, selection). */
export interface Bookmark {
  readonly id: string;
  readonly name: string;
  /** `?camera=…&layers=…`, as the address bar held it when saved, without `lang`. */
  readonly search: string;
  /** ms since the epoch. */
  readonly savedAt: number;
}

export const BOOKMARKS_KEY = 'pengcheng-twin.bookmarks.v1';
export const MAX_BOOKMARKS = 100;
export const MAX_NAME_LENGTH = 60;
const MAX_SEARCH_LENGTH = 4096;

function isBookmark(value: unknown): value is Bookmark {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.id === 'string' &&
    b.id !== '' &&
    typeof b.name === 'string' &&
    b.name.trim() !== '' &&
    b.name.length <= MAX_NAME_LENGTH &&
    typeof b.search === 'string' &&
    (b.search === '' || b.search.startsWith('?')) &&
    b.search.length <= MAX_SEARCH_LENGTH &&
    typeof b.savedAt === 'number' &&
    Number.isFinite(b.savedAt)
  );
}

/** The saved bookmarks; whatever in storage is not one (an older format, a hand edit) is left out. */
export function readBookmarks(storage: Pick<Storage, 'getItem'>): Bookmark[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(BOOKMARKS_KEY) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isBookmark).slice(0, MAX_BOOKMARKS) : [];
}

/** False when storage refuses (full, or disabled in a private window). */
export function writeBookmarks(storage: Pick<Storage, 'setItem'>, bookmarks: readonly Bookmark[]): boolean {
  try {
    storage.setItem(BOOKMARKS_KEY, JSON.stringify(bookmarks));
    return true;
  } catch {
    return false;
  }
}

/** The view's query string to keep: the language is the reader's, not the bookmark's. */
export function bookmarkSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('lang');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The list with a new bookmark first; the oldest go beyond {@link MAX_BOOKMARKS}. */
export function addBookmark(list: readonly Bookmark[], name: string, search: string, now: number, id: string): Bookmark[] {
  const bookmark: Bookmark = { id, name: name.trim().slice(0, MAX_NAME_LENGTH), search: bookmarkSearch(search), savedAt: now };
  return [bookmark, ...list].slice(0, MAX_BOOKMARKS);
}

export function removeBookmark(list: readonly Bookmark[], id: string): Bookmark[] {
  return list.filter((b) => b.id !== id);
}

/** The page's query string for opening a bookmark, keeping the language now in use. */
export function openingSearch(bookmark: Bookmark, currentSearch: string): string {
  const params = new URLSearchParams(bookmark.search);
  const lang = new URLSearchParams(currentSearch).get('lang');
  if (lang) params.set('lang', lang);
  const text = params.toString();
  return text ? `?${text}` : '';
}
