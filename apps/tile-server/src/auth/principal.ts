import type { Role } from '@pengcheng/protocol';

/**
 * Who is asking: a logged-in user or a device (a wall, a kiosk) with its configured token.
 * The auth middleware puts it in `res.locals.principal`; routes check its role.
 */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly kind: 'user' | 'device';
  readonly expiresAtMs?: number;
}
