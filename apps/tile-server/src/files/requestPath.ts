/** Why a request path was refused: 400 for paths no client should send, 404 for hidden files. */
export type PathRefusal = { readonly ok: false; readonly status: 400 | 404 };
export type ParsedPath = { readonly ok: true; readonly path: string } | PathRefusal;

const BAD = { ok: false, status: 400 } as const;
const HIDDEN = { ok: false, status: 404 } as const;

/**
 * Percent-encoded separators, NUL and control characters: a decoded path must never gain a
 * separator or a byte the file system treats specially. Checked on the raw string, before
 * decoding, so `%252f` stays a literal `%2f` in a file name while `%2f` is refused.
 */
const FORBIDDEN_ENCODED = /%(2f|5c|00|[01][0-9a-f]|7f)/i;

/**
 * Turns the part of a URL path after a tileset's prefix (`/tiles/{id}/`) into a relative file
 * path, or refuses it. Pure: looks at the string only, never at the file system, so it can be
 * property-tested. The result has no empty, `.` or `..` segment, no backslash, no control
 * character, and never starts with `/`.
 */
export function parseRequestPath(raw: string): ParsedPath {
  if (raw.length === 0 || FORBIDDEN_ENCODED.test(raw) || raw.includes('\\')) return BAD;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return BAD;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return BAD;
  const segments = decoded.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return BAD;
    // Windows drive letters and alternate data streams have no place in a tile path.
    if (segment.includes(':')) return BAD;
  }
  if (segments.some((segment) => segment.startsWith('.'))) return HIDDEN;
  return { ok: true, path: segments.join('/') };
}

/** Splits `?query` off a request URL without allocating a URL object on the hot path. */
export function splitUrl(url: string): { readonly pathname: string; readonly query: string } {
  const mark = url.indexOf('?');
  return mark === -1 ? { pathname: url, query: '' } : { pathname: url.slice(0, mark), query: url.slice(mark + 1) };
}

/** The value of `v` in a query string, the version a tile URL was requested under. */
export function versionParam(query: string): string | undefined {
  if (query === '') return undefined;
  for (const pair of query.split('&')) {
    if (pair.startsWith('v=')) return pair.slice(2);
  }
  return undefined;
}
