// Drill data: a fresh migrated database on the private server, with N pending emails ready to send.
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createOrganization } from '../src/tenancy/create-organization.ts';
import { createLocation } from '../src/tenancy/create-location.ts';

export async function freshDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<{ url: string; database: Database }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined); // a drill may stop the server under it
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // A process that just used the template (relance demo) may still have its session closing.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
        break;
      } catch (err) {
        if (!template || attempt >= 50 || !/being accessed by other users/.test((err as Error).message))
          throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  if (!template) await migrate(database.pool);
  return { url: url.toString(), database };
}

/** One shop and `count` customers, each with one THANK_YOU email due now. Returns the org id. */
export async function seedPendingEmails(database: Database, count: number): Promise<number> {
  const orgId = await createOrganization(database.db, 'Drill Garage');
  const loc = await createLocation(database.db, orgId, {
    code: 'drill',
    name: 'Drill Garage',
    business_name: 'Drill Garage',
    business_email: 'service@drill.test',
    // Identification (docs/compliance.md): without a mailing address and a contact the send path
    // holds every message as no_identification and the drill would send nothing.
    business_phone: '514-555-0100',
    address_line1: '1 Main St',
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 1Y4',
  });
  await sql`
    WITH c AS (
      INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, consent_basis)
      SELECT ${orgId}, ${loc.id}, 'D' || g, 'Drill Customer ' || g, 'drill' || g || '@example.test', 'express'
        FROM generate_series(1, ${count}) g
      RETURNING id, customer_number)
    INSERT INTO messages (org_id, location_id, kind, channel, customer_id, due_on, dedupe_key, payload, next_attempt_at)
    SELECT ${orgId}, ${loc.id}, 'THANK_YOU', 'email', c.id, CURRENT_DATE, 'drill-' || c.customer_number, '{}', now() - interval '1 minute'
      FROM c`.execute(database.db);
  return orgId;
}

export async function statusCounts(database: Database): Promise<Record<string, number>> {
  const r = await sql<{
    status: string;
    n: number;
  }>`SELECT status, count(*)::int AS n FROM messages GROUP BY status`.execute(database.db);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}
