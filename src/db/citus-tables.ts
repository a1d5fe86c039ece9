// The tables that are not sharded by organization, each with the reason. Every other table is a
// tenant table, distributed by org_id and colocated (docs/scale.md); src/db/citus-ready.test.ts
// reads the catalog and fails on a tenant table that is not keyed by org_id.

/** Replicated to every node (Citus reference tables): small, read across organizations. */
export const REFERENCE_TABLES: Record<string, string> = {
  organizations: 'the tenants themselves; every tenant table references it',
  users: 'sign-in finds a user by email before the organization is known; operators belong to none',
  sessions: 'a staff session is found by its token hash before the organization is known',
  password_resets: 'a reset link is found by its token hash before the organization is known',
  api_tokens: 'a bearer token is found by its hash before the organization is known',
};

/** Kept on the coordinator only (Citus local tables): bookkeeping of the installation. */
export const LOCAL_TABLES: Record<string, string> = {
  schema_migrations: 'which migration files ran; read only by the migrator',
  sign_in_attempts:
    'sign-in failures and reset requests, counted by email and address before any organization is known',
};
