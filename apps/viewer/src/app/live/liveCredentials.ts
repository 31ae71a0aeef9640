import { LoginResponse, type Role } from '@pengcheng/protocol';

/** Where a wall or kiosk keeps its device token: it was opened once with `#device=<token>`. */
export const DEVICE_TOKEN_KEY = 'pengcheng.deviceToken';
/** Where a desk keeps its user's login for the tab's life (a reload stays logged in). */
export const USER_SESSION_KEY = 'pengcheng.session';

export interface Credentials {
  readonly token: string;
  readonly kind: 'user' | 'device';
}

export interface UserSession {
  readonly token: string;
  readonly username: string;
  readonly role: Role;
  readonly expiresAtMs: number;
}

/**
 * A device token handed over in the link's fragment (never sent to a server, so it stays out
 * of access logs) is kept, and the fragment is removed from the address bar and history; without
 * one, the token kept from before.
 */
export function takeDeviceToken(location: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState' | 'state'>, storage: Storage): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const handed = fragment.get('device')?.trim();
  if (handed) {
    storage.setItem(DEVICE_TOKEN_KEY, handed);
    fragment.delete('device');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return handed;
  }
  return storage.getItem(DEVICE_TOKEN_KEY) ?? undefined;
}

export function forgetDeviceToken(storage: Storage): void {
  storage.removeItem(DEVICE_TOKEN_KEY);
}

/** The user's login if it is still valid (a minute of margin, so it does not lapse mid-connect). */
export function readUserSession(storage: Storage, nowMs: number): UserSession | undefined {
  const stored = storage.getItem(USER_SESSION_KEY);
  if (!stored) return undefined;
  let parsed: ReturnType<typeof LoginResponse.safeParse>;
  try {
    parsed = LoginResponse.safeParse(JSON.parse(stored));
  } catch {
    parsed = LoginResponse.safeParse(undefined);
  }
  if (!parsed.success || parsed.data.expiresAtMs - 60_000 <= nowMs) {
    storage.removeItem(USER_SESSION_KEY);
    return undefined;
  }
  return parsed.data;
}

export function saveUserSession(storage: Storage, session: UserSession): void {
  storage.setItem(USER_SESSION_KEY, JSON.stringify(session));
}

export function clearUserSession(storage: Storage): void {
  storage.removeItem(USER_SESSION_KEY);
}
