// Staff roles at a location; what each may do is in src/accounts/permissions.ts.
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
