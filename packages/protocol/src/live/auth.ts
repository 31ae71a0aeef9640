import { z } from 'zod';

/**
 * `operator` acts on incidents and alarms; `planner` reads everything; `viewer` is a wall;
 * `kiosk` is public: no personal data, no actions.
 */
export const ROLES = ['operator', 'planner', 'viewer', 'kiosk'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  role: Role,
  username: z.string(),
  expiresAtMs: z.number().int(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `GET /api/v1/auth/me`: who the presented token belongs to. */
export const WhoAmIResponse = z.object({
  subject: z.string(),
  role: Role,
  kind: z.enum(['user', 'device']),
  expiresAtMs: z.number().int().optional(),
});
export type WhoAmIResponse = z.infer<typeof WhoAmIResponse>;

/** What each role may do; the server checks every write against it. */
export const PERMISSIONS = {
  'incidents:write': ['operator'],
  'alarms:acknowledge': ['operator'],
  'scenarios:run': ['operator'],
  'personal-data:read': ['operator', 'planner'],
  'live:read': ['operator', 'planner', 'viewer', 'kiosk'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
