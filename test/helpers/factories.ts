// Small builders for test data. Each takes only what a test cares about; the rest is filled in.
import type { Kysely } from 'kysely';
import type { DB, NewCustomer, NewVehicle } from '../../src/db/schema.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';
import { createLocation, type NewLocation } from '../../src/tenancy/create-location.ts';

let seq = 0;
const next = () => ++seq;

export async function makeShop(db: Kysely<DB>, location: Partial<NewLocation> = {}) {
  const orgId = await createOrganization(db, `Org ${next()}`);
  const loc = await createLocation(db, orgId, {
    code: `loc${next()}`,
    name: 'Garage Test',
    time_zone: 'America/Toronto',
    language: 'en',
    business_name: 'Garage Test',
    business_owner: 'Pat Owner',
    business_phone: '514-555-0100',
    business_email: 'service@garage.test',
    feedback_link: 'https://garage.test/feedback',
    address_line1: '1 Main St',
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 1Y4',
    ...location,
  });
  return { orgId, locationId: loc.id, location: loc };
}

export async function makeCustomer(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
  values: Partial<NewCustomer> = {},
) {
  const n = next();
  return db
    .insertInto('customers')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_number: `C${n}`,
      mailing_name: `Customer ${n}`,
      email: `customer${n}@example.test`,
      consent_basis: 'express',
      consent_date: '2024-01-01',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeVehicle(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
  customerId: number | null,
  values: Partial<NewVehicle> = {},
) {
  const n = next();
  return db
    .insertInto('vehicles')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: customerId,
      vin: `TESTVIN${String(n).padStart(10, '0')}`,
      year: 2020,
      make: 'Toyota',
      model: 'Corolla',
      plate: `ABC${n}`,
      captured_on: '2024-01-01',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
