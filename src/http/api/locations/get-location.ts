// GET /api/v1/locations/:locationId: A location.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { locationOut, presentLocation } from './schema.ts';

export const getLocationRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId',
  summary: 'A location',
  tag: 'Locations',
  auth: 'locations.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  response: locationOut,
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params }) {
    return presentLocation(await s.getLocation(params.locationId));
  },
});
