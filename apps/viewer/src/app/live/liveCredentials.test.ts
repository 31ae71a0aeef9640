import { describe, expect, it } from 'vitest';
import { clearUserSession, DEVICE_TOKEN_KEY, readUserSession, saveUserSession, takeDeviceToken } from './liveCredentials.js';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function history() {
  const replaced: string[] = [];
  return { replaced, api: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) } };
}

describe('device tokens', () => {
  it('keeps a token handed over in the fragment and takes it out of the address bar, keeping the rest', () => {
    const storage = memoryStorage();
    const h = history();
    expect(takeDeviceToken({ pathname: '/wall', search: '?lang=en', hash: '#device=abc123&x=1' }, h.api, storage)).toBe('abc123');
    expect(h.replaced).toEqual(['/wall?lang=en#x=1']);
    expect(storage.getItem(DEVICE_TOKEN_KEY)).toBe('abc123');
    // The next start (a reboot of the wall PC) has no fragment and uses the kept token.
    expect(takeDeviceToken({ pathname: '/wall', search: '', hash: '' }, h.api, storage)).toBe('abc123');
    expect(h.replaced).toHaveLength(1);
  });

  it('has none until one is handed over', () => {
    expect(takeDeviceToken({ pathname: '/kiosk', search: '', hash: '#device=' }, history().api, memoryStorage())).toBeUndefined();
  });
});

describe('user sessions', () => {
  const session = { token: 't', username: 'operator', role: 'operator' as const, expiresAtMs: 10 * 60_000 };

  it('reads a saved login back until a minute before it expires, then forgets it', () => {
    const storage = memoryStorage();
    saveUserSession(storage, session);
    expect(readUserSession(storage, 0)).toEqual(session);
    expect(readUserSession(storage, 9 * 60_000)).toBeUndefined();
    expect(readUserSession(storage, 0)).toBeUndefined();
  });

  it('ignores and removes what is not a login', () => {
    const storage = memoryStorage();
    storage.setItem('pengcheng.session', '{not json');
    expect(readUserSession(storage, 0)).toBeUndefined();
    storage.setItem('pengcheng.session', JSON.stringify({ ...session, role: 'admin' }));
    expect(readUserSession(storage, 0)).toBeUndefined();
    saveUserSession(storage, session);
    clearUserSession(storage);
    expect(readUserSession(storage, 0)).toBeUndefined();
  });
});
