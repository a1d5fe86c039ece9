import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { decodeVin } from '../../../domain/vin/decode-vin.ts';
import { vin } from './schema.ts';

export const decodeVinRoute = defineRoute({
  method: 'GET',
  path: '/vin/:vin',
  summary: 'Check a VIN and decode its maker and model year',
  tag: 'Vehicles',
  auth: 'vehicles.read',
  isolation: { exempt: 'pure function of the VIN; reads no tenant data' },
  params: z.strictObject({ vin }),
  response: z.object({ vin: z.string(), make: z.string().nullable(), year: z.number().nullable(), wmi: z.string() }),
  example: () => ({ params: { vin: '1HGCM82633A004352' } }),
  async handler({ params }) {
    return decodeVin(params.vin);
  },
});
