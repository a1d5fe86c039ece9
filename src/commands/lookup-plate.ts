// lookup-plate: a licence plate and its state or province → the VIN, decoded for the vehicle
// card. A plate the location already has on file answers from its own vehicles (no CARFAX call,
// no lookup billed); otherwise the location must be subscribed to CARFAX (terms accepted, a token
// and the lookup endpoint in its settings) and CARFAX answers. Reads only; writes nothing.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { getPartnerSettings } from '../partners/get-partner-settings.ts';
import { carfaxPlateToVin, normalizePlate, PlateLookupError } from '../partners/carfax/plate-lookup.ts';
import type { Keys } from '../security/keys.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { decodeVehicle, type VehicleDecode } from '../vpic/decode-vehicle.ts';

export const lookupPlateInput = z.strictObject({
  plate: z
    .string()
    .meta({ pattern: '^[ -]*([A-Za-z0-9][ -]*){1,10}$', maxLength: 30 })
    .transform(normalizePlate)
    .pipe(
      z
        .string()
        .regex(/^[A-Z0-9]{1,10}$/, 'a plate has 1 to 10 letters and digits (spaces and dashes are ignored)'),
    ),
  region: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'the state or province as its two-letter code (QC, ON, NY…)'),
});
export type LookupPlateInput = z.output<typeof lookupPlateInput>;

export interface PlateLookupResult {
  plate: string;
  region: string;
  vin: string;
  /** 'vehicles': a vehicle of this location already has the plate; 'carfax': CARFAX answered. */
  source: 'vehicles' | 'carfax';
  decoded: VehicleDecode;
}

export interface LookupPlateDeps {
  keys: Keys;
  /** CARFAX's time limit (default 5 s). */
  timeoutMs?: number;
}

export async function lookupPlate(
  db: Kysely<DB>,
  scope: Scope,
  locationId: number,
  input: LookupPlateInput,
  deps: LookupPlateDeps,
): Promise<PlateLookupResult> {
  const s = scoped(db, scope);
  const location = await s.getLocation(locationId);
  const known = await s
    .selectFrom('vehicles')
    .select('vin')
    .where('location_id', '=', location.id)
    // Stored plates may carry a space or a dash ("ABC 123"): compared as the input is normalized.
    .where(({ fn, eb }) =>
      eb(
        fn('upper', [
          fn('replace', [fn('replace', ['plate', eb.val(' '), eb.val('')]), eb.val('-'), eb.val('')]),
        ]),
        '=',
        input.plate,
      ),
    )
    .where('plate_region', '=', input.region)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (known) return { ...input, vin: known.vin, source: 'vehicles', decoded: await decodeVehicle(known.vin) };

  const carfax = await getPartnerSettings(db, deps.keys, scope.orgId, location.id, 'carfax');
  const where = `location ${location.code}`;
  if (!carfax || carfax.consentAt === null)
    throw new PlateLookupError(
      'not_subscribed',
      `${where} is not subscribed to CARFAX: accept the CARFAX terms of service in the settings first`,
    );
  if (!carfax.settings?.lookup_endpoint || !carfax.secret)
    throw new PlateLookupError(
      'not_subscribed',
      `the CARFAX plate lookup of ${where} is not set up: enter the lookup endpoint and the CARFAX token in the settings`,
    );
  const answer = await carfaxPlateToVin({
    endpoint: carfax.settings.lookup_endpoint,
    accountId: carfax.settings.account_id,
    token: carfax.secret,
    plate: input.plate,
    region: input.region,
    timeoutMs: deps.timeoutMs,
  });
  return { ...input, vin: answer.vin, source: 'carfax', decoded: await decodeVehicle(answer.vin) };
}
