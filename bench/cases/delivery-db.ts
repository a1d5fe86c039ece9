// A throw-away database for the delivery benchmarks: a fresh PostgreSQL database when the bench
// has a server, else an in-memory PGlite. Seeded with one shop and N due messages in one statement.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createLocation } from '../../src/tenancy/create-location.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';
import { encryptSecret, type Keys } from '../../src/security/keys.ts';

export async function benchDatabase(
  postgresUrl?: string,
): Promise<Database & { label: string; url?: string }> {
  if (!postgresUrl) {
    const d = await openDatabase({ dataDir: 'memory://' });
    await migrate(d.pool);
    return { ...d, label: 'PGlite' };
  }
  const name = `relance_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ url: url.toString(), poolSize: 10 });
  await migrate(d.pool);
  return {
    ...d,
    label: 'PostgreSQL',
    url: url.toString(),
    close: async () => {
      await d.close();
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function seedMessages(
  d: Database,
  n: number,
  channel: 'email' | 'postcard',
  tag: string,
): Promise<{ orgId: number; locationId: number }> {
  const orgId = await createOrganization(d.db, `Bench ${tag}`);
  const loc = await createLocation(d.db, orgId, {
    code: `B${tag}`,
    name: 'Garage Bench',
    business_name: 'Garage Łódź',
    business_owner: 'Ana Núñez',
    business_phone: '514-555-0100',
    business_email: 'service@bench.test',
    address_line1: '1 rue Principale',
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 1Y4',
    postcards_enabled: true,
  });
  await sql`
    WITH c AS (
      INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, language, consent_basis, address_line1, city, region, postal_code, country)
      SELECT ${orgId}, ${loc.id}, 'B' || g, 'Müller Ğüneş ' || g, 'bench' || g || '@example.test', (ARRAY['en','fr','es'])[1 + g % 3], 'express',
             g || ' avenue du Parc', 'Montréal', 'QC', 'H2V 4E7', 'CA'
        FROM generate_series(1, ${n}) g
      RETURNING id, customer_number, language)
    INSERT INTO messages (org_id, location_id, kind, channel, customer_id, language, due_on, dedupe_key, payload, next_attempt_at)
    SELECT ${orgId}, ${loc.id}, 'DEFERRED', ${channel}, c.id, c.language, '2026-03-02', ${tag} || c.customer_number,
           '{"vehicles":[{"id":1,"year":2019,"make":"Citroën","model":"C4","plate":"ABC 123"}],"deferred_items":["Front brake pads","Cabin filter"],"last_service_on":"2026-02-10"}',
           now() - interval '1 minute'
      FROM c`.execute(d.db);
  return { orgId, locationId: loc.id };
}

/**
 * One shop with texts on and its provider set (sending at any hour), and N customers with a
 * mobile number (+1 200 000 0000 + firstNumber + i) and express consent for marketing texts, each
 * with one DEFERRED text due now.
 */
export async function seedTexts(
  d: Database,
  n: number,
  tag: string,
  provider: { url: string; accountSid: string; authToken: string },
  keys: Keys,
  firstNumber = 0,
): Promise<{ orgId: number; locationId: number }> {
  const orgId = await createOrganization(d.db, `Bench ${tag}`);
  const loc = await createLocation(d.db, orgId, {
    code: `T${tag}`,
    name: 'Garage Bench',
    business_name: 'Garage Łódź',
    business_owner: 'Ana Núñez',
    business_phone: '514-555-0100',
    business_email: 'service@bench.test',
    address_line1: '1 rue Principale',
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 1Y4',
    sms_enabled: true,
  });
  await d.db
    .insertInto('sms_settings')
    .values({
      org_id: orgId,
      location_id: loc.id,
      enabled: true,
      api_base_url: provider.url,
      account_sid: provider.accountSid,
      auth_token_ciphertext: encryptSecret(keys, provider.authToken),
      from_number: '+15145550100',
      send_from_hour: 0,
      send_until_hour: 24,
    })
    .execute();
  await sql`
    WITH c AS (
      INSERT INTO customers (org_id, location_id, customer_number, mailing_name, first_name, email, mobile_phone, language, consent_basis)
      SELECT ${orgId}, ${loc.id}, 'T' || g, 'Müller Ğüneş ' || g, 'Marie', 'text' || g || '@example.test',
             '+1' || (2000000000 + ${firstNumber} + g), (ARRAY['en','fr','es'])[1 + g % 3], 'express'
        FROM generate_series(1, ${n}) g
      RETURNING id, customer_number, language),
    consent AS (
      INSERT INTO customer_consents (org_id, customer_id, channel, purpose, basis, source, evidence)
      SELECT ${orgId}, c.id, 'text', 'marketing', 'express', 'staff', '{"text": "Signed the texting box"}' FROM c)
    INSERT INTO messages (org_id, location_id, kind, channel, customer_id, language, due_on, dedupe_key, payload, next_attempt_at)
    SELECT ${orgId}, ${loc.id}, 'DEFERRED', 'sms', c.id, c.language, '2026-03-02', ${tag} || c.customer_number,
           '{"vehicles":[{"id":1,"year":2019,"make":"Citroën","model":"C4","plate":"ABC 123"}],"deferred_items":["Front brake pads","Cabin filter"],"last_service_on":"2026-02-10"}',
           now() - interval '1 minute'
      FROM c`.execute(d.db);
  return { orgId, locationId: loc.id };
}
