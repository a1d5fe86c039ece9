import { z } from 'zod';
import { bodyId, nullableText, text } from '../schemas.ts';

export const courtesyVehicleOut = z.object({
  id: z.number(),
  location_id: z.number(),
  name: z.string(),
  plate: z.string().nullable(),
  active: z.boolean(),
});
const fields = { name: text(100).min(1), plate: nullableText(20).optional(), active: z.boolean().optional() };
export const createCourtesyVehicleBody = z.strictObject({ location_id: bodyId, ...fields });
export const updateCourtesyVehicleBody = z.strictObject(fields).partial();
export const presentCourtesyVehicle = ({
  org_id: _org,
  ...row
}: {
  org_id: number;
  id: number;
  location_id: number;
  name: string;
  plate: string | null;
  active: boolean;
}) => row;
