// The roles a user may hold at a location (src/domain/role.ts), in the order the menus list them.
export const ROLES = [
  'owner',
  'manager',
  'crm_agent',
  'service_advisor',
  'sales_manager',
  'sales_rep',
  'technician',
] as const;
export type Role = (typeof ROLES)[number];
