// On the very first start of an empty database, a small demo shop with a staff login, so a
// newcomer has something to look at. Never runs when any organization exists.
import type { AppContext } from '../context.ts';
import { createOrganization } from '../tenancy/create-organization.ts';
import { createLocation } from '../tenancy/create-location.ts';
import { hashPassword } from '../security/passwords.ts';
import { DEFAULT_SEED, fillDemoLocation } from './load-demo.ts';

export const DEMO_LOGIN = { email: 'owner@demo.relance.test', password: 'relance-demo' };
/** Small enough to load in a few seconds on the embedded database. */
export const DEMO_SHOP_CUSTOMERS = 150;

export async function ensureDemoData(ctx: AppContext): Promise<boolean> {
  const any = await ctx.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const orgId = await createOrganization(ctx.db, 'Garage Demo');
  const location = await createLocation(ctx.db, orgId, {
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
  const user = await ctx.db
    .insertInto('users')
    .values({ org_id: orgId, email: DEMO_LOGIN.email, name: 'Jean Tremblay', language: 'fr', password_hash: await hashPassword(DEMO_LOGIN.password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('user_roles').values({ org_id: orgId, user_id: user.id, location_id: location.id, role: 'owner' }).execute();
  // The shop's customers, vehicles, visit histories and appointments: the same generator as
  // `relance demo`, as Montréal (demo city 0), with histories ending on the shop's today.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: location.time_zone }).format(ctx.now());
  await fillDemoLocation(ctx.db, {
    orgId, locationId: location.id, locationIndex: 0, customers: DEMO_SHOP_CUSTOMERS, seed: DEFAULT_SEED, today, timeZone: location.time_zone,
  });
  return true;
}
