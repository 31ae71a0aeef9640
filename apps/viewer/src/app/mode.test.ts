import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_S, idleSecondsFromSearch, MODES, modeFromPath, modeSettings } from './mode.js';

describe('modeFromPath', () => {
  it('takes the mode from the path, with or without a trailing slash', () => {
    expect(modeFromPath('/wall')).toBe('wall');
    expect(modeFromPath('/kiosk/')).toBe('kiosk');
    expect(modeFromPath('/desk')).toBe('desk');
  });

  it('is the desk for the root and anything it does not know, never throwing', () => {
    expect(modeFromPath('/')).toBe('desk');
    expect(modeFromPath('/walls')).toBe('desk');
    expect(modeFromPath('/wall/x')).toBe('desk');
    expect(modeFromPath('/WALL')).toBe('desk');
    fc.assert(
      fc.property(fc.string(), (path) => {
        expect(MODES).toContain(modeFromPath(path));
      }),
    );
  });
});

describe('idleSecondsFromSearch', () => {
  it('reads seconds for tests and installations, within 2 s and an hour', () => {
    expect(idleSecondsFromSearch('?idle=5')).toBe(5);
    expect(idleSecondsFromSearch('?idle=2.5')).toBe(2.5);
    expect(idleSecondsFromSearch('?idle=600')).toBe(600);
  });

  it('falls back to the default for nothing, nonsense and values out of range', () => {
    for (const search of ['', '?idle=', '?idle=abc', '?idle=-5', '?idle=1', '?idle=1e3', '?idle=99999', '?idle=Infinity']) {
      expect(idleSecondsFromSearch(search), search).toBe(DEFAULT_IDLE_S);
    }
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const seconds = idleSecondsFromSearch(`?idle=${encodeURIComponent(junk)}`);
        expect(seconds).toBeGreaterThanOrEqual(2);
        expect(seconds).toBeLessThanOrEqual(3600);
      }),
    );
  });
});

describe('modeSettings', () => {
  it('adapts quality on the wall and the kiosk, holds it on the desk, unless told', () => {
    expect(modeSettings({ pathname: '/wall', search: '' }).adaptiveQuality).toBe(true);
    expect(modeSettings({ pathname: '/kiosk', search: '' }).adaptiveQuality).toBe(true);
    expect(modeSettings({ pathname: '/', search: '' }).adaptiveQuality).toBe(false);
    expect(modeSettings({ pathname: '/wall', search: '?quality=full' }).adaptiveQuality).toBe(false);
    expect(modeSettings({ pathname: '/desk', search: '?quality=auto' }).adaptiveQuality).toBe(true);
  });

  it('shows the debug overlay for ?debug (not ?debug=0) and reads the idle time in milliseconds', () => {
    expect(modeSettings({ pathname: '/wall', search: '?debug' }).debug).toBe(true);
    expect(modeSettings({ pathname: '/wall', search: '?debug=1' }).debug).toBe(true);
    expect(modeSettings({ pathname: '/wall', search: '?debug=0' }).debug).toBe(false);
    expect(modeSettings({ pathname: '/kiosk', search: '?idle=5' }).idleMs).toBe(5000);
  });
});
