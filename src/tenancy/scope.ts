// The request scope: who is asking, for which organization, and at which locations the
// permission of the route being served holds. Built once per request by the API auth hook
// (src/http/api/auth.ts); every tenant query takes it (scoped.ts).
export interface Scope {
  orgId: number;
  actor: { type: 'user' | 'api_token' | 'operator' | 'customer'; id: number };
  /** The staff user, or the user who created the API token. */
  userId: number | null;
  /** Locations where the current route's permission holds; queries never see others. */
  locationIds: number[];
}
