// The scope of a command run from the command line: the installation's operator acting at one
// location (audited as actor_type 'operator', actor_id 0).
import type { Location } from '../../../db/schema.ts';
import type { Scope } from '../../../tenancy/scope.ts';

export const cliScope = (location: Pick<Location, 'org_id' | 'id'>): Scope => ({
  orgId: location.org_id,
  actor: { type: 'operator', id: 0 },
  userId: null,
  locationIds: [location.id],
});
