import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, Role } from '@pengcheng/protocol';
import type { TokenVerifier } from './tokenVerifier.js';

/** A wall or kiosk: it has nobody to type a password, so it presents a configured token. */
export interface DeviceToken {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

export const MIN_DEVICE_TOKEN_LENGTH = 24;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
// Printable ASCII without spaces: what survives a URL, a header and a shell unchanged.
const TOKEN = /^[\x21-\x7e]+$/;

export class DeviceTokensError extends Error {
  override readonly name = 'DeviceTokensError';
}

/**
 * Reads `DEVICE_TOKENS`: comma-separated `name:role:token`. Errors name the entry and the
 * problem, never the token.
 */
export function parseDeviceTokens(value: string): DeviceToken[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const devices: DeviceToken[] = [];
  const names = new Set<string>();
  const tokens = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `DEVICE_TOKENS entry ${index + 1}`;
    const [name = '', role = '', ...rest] = entry.split(':');
    const token = rest.join(':');
    if (rest.length === 0 || !NAME.test(name)) throw new DeviceTokensError(`${where}: write it as name:role:token, the name of letters, digits, . _ -`);
    const device = `${where} ("${name}")`;
    const parsedRole = Role.safeParse(role);
    if (!parsedRole.success) throw new DeviceTokensError(`${device}: the role must be one of ${ROLES.join(', ')}`);
    if (token.length < MIN_DEVICE_TOKEN_LENGTH) throw new DeviceTokensError(`${device}: the token must be at least ${MIN_DEVICE_TOKEN_LENGTH} characters long`);
    if (!TOKEN.test(token)) throw new DeviceTokensError(`${device}: the token may hold printable ASCII only, no spaces or commas`);
    if (names.has(name)) throw new DeviceTokensError(`${device}: the name is used twice`);
    if (tokens.has(token)) throw new DeviceTokensError(`${device}: the same token is given to another device`);
    names.add(name);
    tokens.add(token);
    devices.push({ name, role: parsedRole.data, token });
  });
  return devices;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Accepts the configured device tokens. Every token is compared, in constant time on equal
 * length digests, so neither which device nor how much of a token matched shows in the timing.
 */
export function createDeviceTokenVerifier(devices: readonly DeviceToken[]): TokenVerifier {
  const known = devices.map((device) => ({ device, digest: digest(device.token) }));
  return {
    async verify(token) {
      const presented = digest(token);
      let match: DeviceToken | undefined;
      for (const { device, digest: expected } of known) {
        if (timingSafeEqual(presented, expected)) match = device;
      }
      return match ? { subject: match.name, role: match.role, kind: 'device' } : undefined;
    },
  };
}
