// On the very first start of an empty database, a small demo shop with a staff login, so a
// newcomer has something to look at. Never runs when any organization exists. All of it is one
// transaction: a start killed mid-load leaves nothing behind, and the next start loads it whole.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { createOrganization } from '../tenancy/create-organization.ts';
import { createLocation } from '../tenancy/create-location.ts';
import { hashPassword } from '../security/passwords.ts';
import { DEFAULT_SEED, fillDemoLocation } from './load-demo.ts';

export const DEMO_LOGIN = { email: 'owner@demo.relance.test', password: 'relance-demo' };
/** Small enough to load in a few seconds on the embedded database. */
export const DEMO_SHOP_CUSTOMERS = 150;
/** Two services starting at once on one PostgreSQL: one loads the demo, the other then finds it. */
const FIRST_START_LOCK = 7_300_002;

/**
 * The demo owner's password: the published one in development, a random one in production
 * (printed once by npm start), so a production service never accepts a password from the README.
 */
export function demoPassword(ctx: AppContext): string {
  return ctx.config.NODE_ENV === 'production' ? randomBytes(12).toString('base64url') : DEMO_LOGIN.password;
}

export async function ensureDemoData(ctx: AppContext, password = DEMO_LOGIN.password): Promise<boolean> {
  const any = await ctx.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK})`.execute(trx);
    if (await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) return false;
    const orgId = await createOrganization(trx, 'Garage Demo');
    const location = await createLocation(trx, orgId, {
      code: 'main',
      name: 'Garage Demo — Montréal',
      time_zone: 'America/Toronto',
      language: 'fr',
      address_line1: '1200 rue Saint-Denis',
      city: 'Montréal',
      region: 'QC',
      postal_code: 'H2X 3J6',
      country: 'CA',
      phone: '514-555-0142',
      email: 'service@demo.relance.test',
      business_name: 'Garage Demo',
      business_owner: 'Jean Tremblay',
      business_phone: '514-555-0142',
      business_email: 'service@demo.relance.test',
      feedback_link: 'mailto:service@demo.relance.test',
      postcards_enabled: true,
    });
    const user = await trx
      .insertInto('users')
      .values({
        org_id: orgId,
        email: DEMO_LOGIN.email,
        name: 'Jean Tremblay',
        language: 'fr',
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_roles')
      .values({ org_id: orgId, user_id: user.id, location_id: location.id, role: 'owner' })
      .execute();
    // The shop's customers, vehicles, visit histories and appointments: the same generator as
    // `relance demo`, as Montréal (demo city 0), with histories ending on the shop's today.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: location.time_zone }).format(ctx.now());
    await fillDemoLocation(trx, {
      orgId,
      locationId: location.id,
      locationIndex: 0,
      customers: DEMO_SHOP_CUSTOMERS,
      seed: DEFAULT_SEED,
      today,
      timeZone: location.time_zone,
    });
    // The loader writes with triggers off: fill the results' visit bits (customer_visits,
    // docs/results.md) of this small shop now, so Statistics shows retention and cohorts at once.
    await sql`SELECT refresh_customer_visits(array_agg(org_id), array_agg(id))
                FROM customers WHERE org_id = ${orgId}`.execute(trx);
    return true;
  });
}
