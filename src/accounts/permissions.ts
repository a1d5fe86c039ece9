// The permission matrix: which role may do what, in one place. Roles are held per location
// (user_roles), so a permission holds at the locations where the user has a role granting it.
// API tokens for shop systems get read and/or write on shop data only, never on accounts or settings.
import type { Role } from '../domain/role.ts';

export const PERMISSIONS = [
  'locations.read',
  'locations.write',
  'customers.read',
  'customers.write',
  'vehicles.read',
  'vehicles.write',
  'repair_orders.read',
  'repair_orders.write',
  'appointments.read',
  'appointments.write',
  'mechanics.read',
  'mechanics.write',
  'courtesy_vehicles.read',
  'courtesy_vehicles.write',
  'settings.read',
  'settings.write',
  'rules.read',
  'rules.write',
  'templates.read',
  'templates.write',
  'messages.read',
  'stats.read',
  'tasks.read',
  'tasks.write',
  'texts.read',
  'texts.write',
  'users.read',
  'users.write',
  'tokens.read',
  'tokens.write',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;
const reads = (...resources: string[]) => resources.map((r) => `${r}.read` as Permission);
const readWrite = (...resources: string[]) =>
  resources.flatMap((r) => [`${r}.read`, `${r}.write`] as Permission[]);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  manager: ALL.filter((p) => p !== 'locations.write' && p !== 'tokens.write'),
  crm_agent: [
    ...readWrite('customers', 'vehicles', 'tasks', 'texts'),
    ...reads(
      'locations',
      'repair_orders',
      'appointments',
      'mechanics',
      'courtesy_vehicles',
      'settings',
      'rules',
      'templates',
      'messages',
      'stats',
    ),
  ],
  service_advisor: [
    ...readWrite('customers', 'vehicles', 'repair_orders', 'appointments', 'courtesy_vehicles', 'texts'),
    ...reads('locations', 'mechanics', 'messages', 'tasks'),
  ],
  sales_manager: [
    ...readWrite('customers', 'vehicles', 'tasks'),
    ...reads('locations', 'repair_orders', 'appointments', 'messages', 'stats'),
  ],
  sales_rep: [...readWrite('customers', 'vehicles', 'tasks'), ...reads('locations', 'appointments')],
  technician: reads('locations', 'appointments', 'mechanics', 'vehicles', 'repair_orders'),
};

/** What an API token's scopes allow: shop data only. */
const TOKEN_READ = reads(
  'locations',
  'customers',
  'vehicles',
  'repair_orders',
  'appointments',
  'mechanics',
  'courtesy_vehicles',
  'messages',
);
const TOKEN_WRITE: Permission[] = [
  'customers.write',
  'vehicles.write',
  'repair_orders.write',
  'appointments.write',
];
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function tokenGrants(scopes: readonly string[], permission: Permission): boolean {
  return (
    (scopes.includes('read') && TOKEN_READ.includes(permission)) ||
    (scopes.includes('write') && TOKEN_WRITE.includes(permission))
  );
}

/** The locations where a user's roles grant a permission. */
export function locationsGranting(
  roles: ReadonlyArray<{ location_id: number; role: Role }>,
  permission: Permission,
): number[] {
  return [...new Set(roles.filter((r) => roleGrants(r.role, permission)).map((r) => r.location_id))];
}
