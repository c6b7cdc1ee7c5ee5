import { z } from 'zod';

/** People who sign in at a station. */
export const ROLES = ['clerk', 'proxy_helper', 'mobile_team', 'supervisor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who can cause a case transition: a signed-in role, the station's sync engine, or the central system. */
export type Actor = Role | 'system' | 'central';

export const ALL_ROLES: readonly Role[] = ROLES;
/** Roles that take cases in at a window or in a village. */
export const INTAKE_ROLES: readonly Role[] = ['clerk', 'proxy_helper', 'mobile_team', 'supervisor'];

/**
 * Public screens that sign in with a narrow device credential instead of a person's account: the customer
 * display (叫号屏, and the citizen-facing rating screen of a window) and the ticket kiosk (取号机). They are not
 * user roles (no account has them); the access table names them only on the channels they may call.
 */
export const DEVICE_KINDS = ['display', 'kiosk'] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

/** Who a session acts as: a signed-in user's role, or a device's kind. */
export type Principal = Role | DeviceKind;
