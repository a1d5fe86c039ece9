// POST /api/v1/locations: Open a new location (the creator becomes its owner).
import { openLocation } from '../../../commands/locations/open-location.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { language, text } from '../schemas.ts';
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
    const location = await db.transaction().execute((trx) => openLocation(trx, scope, body, now));
    return presentLocation(location);
  },
});
