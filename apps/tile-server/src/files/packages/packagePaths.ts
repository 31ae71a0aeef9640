/**
 * The path a package entry is served by: `/`-separated, relative, with empty and `.` segments
 * dropped. Undefined for directories and for names no file system would keep inside the
 * package: absolute (`/x`, `C:x`), climbing (`..`), or holding a backslash or NUL, which tools
 * and operating systems read differently.
 */
export function normaliseEntryName(name: string): string | undefined {
  if (name.endsWith('/') || name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return undefined;
  if (name.includes('\\') || name.includes('\0')) return undefined;
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}

/** Whether `path` is already a normalised entry path, the only kind a package answers for. */
export function isServablePath(path: string): boolean {
  return normaliseEntryName(path) === path;
}
