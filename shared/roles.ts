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
