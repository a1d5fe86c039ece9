// GET /vin/:vin: checks a VIN (the one VIN rule) and decodes it offline from NHTSA vPIC: the
// vehicle card's fields, for the console to show before saving.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { decodeVehicle } from '../../../vpic/decode-vehicle.ts';
import { vin } from './schema.ts';

const field = z.string().nullable();

export const vinDecodeOut = z.object({
  vin: z.string(),
  make: field,
  model: field,
  year: z.number().nullable(),
  trim: field,
  body: field,
  engine: field,
  fuel: field,
  drive: field,
  plant: field,
  manufacturer: field,
  wmi: z.string(),
  source: z.enum(['vpic', 'wmi', 'none']).describe('vpic: NHTSA vPIC; wmi: maker table only; none: unknown'),
});

export const decodeVinRoute = defineRoute({
  method: 'GET',
  path: '/vin/:vin',
  summary:
    'Check a VIN and decode it offline (NHTSA vPIC): maker, model, year, trim, body, engine, fuel, drive, plant',
  tag: 'Vehicles',
  auth: 'vehicles.read',
  isolation: { exempt: 'pure function of the VIN; reads no tenant data' },
  params: z.strictObject({ vin }),
  response: vinDecodeOut,
  example: () => ({ params: { vin: '1HGCM82633A004352' } }),
  async handler({ params }) {
    return { ...(await decodeVehicle(params.vin)), wmi: params.vin.slice(0, 3) };
  },
});
