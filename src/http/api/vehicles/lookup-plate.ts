// GET /locations/:locationId/plate-lookup?plate=&region=: the VIN of a plate, through CARFAX for
// a subscribed location (or the location's own vehicles), decoded for the vehicle card.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { lookupPlate, lookupPlateInput } from '../../../commands/lookup-plate.ts';
import { PlateLookupError, type PlateLookupFailure } from '../../../partners/carfax/plate-lookup.ts';
import { vinDecodeOut } from './decode-vin.ts';

/** Not found is the plate's, not a tenant 404 (code not_found); the others are the set-up's or CARFAX's. */
const STATUS: Record<PlateLookupFailure, [number, string]> = {
  not_found: [404, 'plate_not_found'],
  not_subscribed: [409, 'carfax_not_subscribed'],
  credentials_refused: [409, 'carfax_credentials_refused'],
  provider_down: [503, 'carfax_unavailable'],
};

export const lookupPlateRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/plate-lookup',
  summary:
    'Find the VIN of a licence plate (CARFAX, for a location subscribed to it) and decode it for the vehicle card',
  tag: 'Vehicles',
  auth: 'vehicles.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: lookupPlateInput,
  response: z.object({
    plate: z.string(),
    region: z.string(),
    vin: z.string(),
    source: z.enum(['vehicles', 'carfax']).describe('vehicles: a vehicle of this location has the plate'),
    decoded: vinDecodeOut,
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { plate: 'GAP 005', region: 'QC' } }),
  async handler({ ctx, db, scope, params, query }) {
    try {
      const found = await lookupPlate(db, scope, params.locationId, query, { keys: ctx.keys });
      return { ...found, decoded: { ...found.decoded, wmi: found.vin.slice(0, 3) } };
    } catch (err) {
      if (!(err instanceof PlateLookupError)) throw err;
      const [status, code] = STATUS[err.kind];
      throw new HttpError(status, code, err.message, err.kind === 'not_found' ? 'plate' : undefined);
    }
  },
});
