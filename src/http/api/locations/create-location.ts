// POST /api/v1/locations: Open a new location (the creator becomes its owner).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { language, text } from '../schemas.ts';
import { audit } from '../../../accounts/audit.ts';
import { createLocation } from '../../../tenancy/create-location.ts';
import { HttpError } from '../../errors.ts';
import { locationOut, presentLocation, timeZone } from './schema.ts';

export const createLocationRoute = defineRoute({
  method: 'POST',
  path: '/locations',
  summary: 'Open a new location (the creator becomes its owner)',
  tag: 'Locations',
  auth: 'locations.write',
  isolation: { exempt: 'creates a location in the caller’s own organization; takes no foreign ids' },
  status: 201,
  body: z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'must be 1-30 lower-case letters, digits, - or _'),
    name: text(200).min(1),
    time_zone: timeZone,
    language: language.default('en'),
  }),
  response: locationOut,
  example: () => ({
    body: { code: 'laval', name: 'Garage Demo — Laval', time_zone: 'America/Toronto', language: 'fr' },
  }),
  async handler({ db, scope, body, now }) {
    if (!scope.userId || scope.actor.type !== 'user')
      throw new HttpError(403, 'forbidden', 'Only a staff user can open a location');
    const userId = scope.userId;
    return db.transaction().execute(async (trx) => {
      const location = await createLocation(trx, scope.orgId, body);
      await trx
        .insertInto('user_roles')
        .values({ org_id: scope.orgId, user_id: userId, location_id: location.id, role: 'owner' })
        .execute();
      await audit(trx, scope, 'create', 'location', location.id, body, now);
      return presentLocation(location);
    });
  },
});
