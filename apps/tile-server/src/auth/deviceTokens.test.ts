import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeviceTokenVerifier, DeviceTokensError, parseDeviceTokens } from './deviceTokens.js';

const WALL = 'wall-token-0123456789abcdef';
const KIOSK = 'kiosk:token:with:colons-0123';

describe('DEVICE_TOKENS', () => {
  it('reads name:role:token entries, a token may hold colons', () => {
    expect(parseDeviceTokens(` wall-1:viewer:${WALL} , lobby.kiosk:kiosk:${KIOSK},`)).toEqual([
      { name: 'wall-1', role: 'viewer', token: WALL },
      { name: 'lobby.kiosk', role: 'kiosk', token: KIOSK },
    ]);
    expect(parseDeviceTokens('')).toEqual([]);
  });

  it.each([
    ['wall-1', /entry 1: write it as name:role:token/],
    [`wall 1:viewer:${WALL}`, /entry 1: write it as name:role:token/],
    [`wall-1:admin:${WALL}`, /entry 1 \("wall-1"\): the role must be one of operator, planner, viewer, kiosk/],
    ['wall-1:viewer:short-token', /entry 1 \("wall-1"\): the token must be at least 24 characters long/],
    ['wall-1:viewer:', /the token must be at least 24 characters long/],
    [`wall-1:viewer:${WALL}é`, /printable ASCII only/],
    [`wall-1:viewer:${WALL},wall-1:kiosk:${KIOSK}`, /entry 2 \("wall-1"\): the name is used twice/],
    [`wall-1:viewer:${WALL},wall-2:kiosk:${WALL}`, /entry 2 \("wall-2"\): the same token is given to another device/],
  ])('refuses %j with a clear reason', (value, reason) => {
    expect(() => parseDeviceTokens(value)).toThrow(DeviceTokensError);
    expect(() => parseDeviceTokens(value)).toThrow(reason);
  });

  it('never puts a token into an error message', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[!-+\--~]{0,40}$/).map((rest) => `Zq9${rest}`), fc.constantFrom('admin', 'viewer', ''), (token, role) => {
        try {
          parseDeviceTokens(`wall-1:${role}:${token}`);
        } catch (error) {
          expect((error as Error).message).not.toContain(token);
        }
      }),
    );
  });
});

describe('device token verification', () => {
  const verifier = createDeviceTokenVerifier(parseDeviceTokens(`wall-1:viewer:${WALL},lobby:kiosk:${KIOSK}`));

  it('gives each device its own name and role', async () => {
    expect(await verifier.verify(WALL)).toEqual({ subject: 'wall-1', role: 'viewer', kind: 'device' });
    expect(await verifier.verify(KIOSK)).toEqual({ subject: 'lobby', role: 'kiosk', kind: 'device' });
  });

  it('accepts nothing but an exact token', async () => {
    for (const near of [WALL.slice(0, -1), `${WALL}x`, WALL.toUpperCase(), ` ${WALL}`, '', 'wall-1']) {
      expect(await verifier.verify(near)).toBeUndefined();
    }
    expect(await createDeviceTokenVerifier([]).verify(WALL)).toBeUndefined();
  });
});
