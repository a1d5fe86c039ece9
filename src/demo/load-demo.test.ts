// The demo generator: deterministic from its seed, referentially sound (its bulk load skips
// foreign-key checks, so this is where they are checked), with last visits equal to what the
// 0401 triggers would compute.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { checkVin } from '../domain/vin/check-vin.ts';
import type { AppContext } from '../context.ts';
import { ensureDemoData, DEMO_SHOP_CUSTOMERS } from './first-start.ts';
import { loadDemo } from './load-demo.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const TODAY = '2026-03-02';

/** A digest of an organization's data without ids, to compare two loads. */
async function fingerprint(orgId: number): Promise<string> {
  const r = await sql<{ h: string }>`
    SELECT md5(
      (SELECT string_agg(concat_ws('|', l.code, c.customer_number, c.mailing_name, c.email, c.birthday, c.last_visit_on), ',' ORDER BY l.code, c.customer_number)
         FROM customers c JOIN locations l ON l.org_id = c.org_id AND l.id = c.location_id WHERE c.org_id = ${orgId}) ||
      (SELECT string_agg(concat_ws('|', v.vin, v.make, v.model, v.year, v.plate, v.captured_on, v.next_visit_on), ',' ORDER BY v.vin)
         FROM vehicles v WHERE v.org_id = ${orgId}) ||
      (SELECT string_agg(concat_ws('|', r.ro_number, r.closed_on, r.status, r.odometer, r.total_amount), ',' ORDER BY r.location_id, r.ro_number)
         FROM repair_orders r WHERE r.org_id = ${orgId}) ||
      (SELECT string_agg(concat_ws('|', a.external_ref, a.status, a.starts_at, a.visitor_name), ',' ORDER BY a.external_ref)
         FROM appointments a WHERE a.org_id = ${orgId})) AS h`.execute(database.db);
  return r.rows[0]!.h;
}

async function one(query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> {
  return Number((await query.execute(database.db)).rows[0]!.n);
}

describe('relance demo generator', () => {
  let orgId = 0;
  it('loads the requested sizes', async () => {
    const summary = await loadDemo(database.db, {
      locations: 2,
      customers: 600,
      seed: 's1',
      today: TODAY,
      chunkSize: 250,
    });
    orgId = summary.orgId;
    expect(summary.locations.map((l) => l.code)).toEqual(['montreal', 'toronto']);
    expect(summary.customers).toBe(600);
    expect(await one(sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId}`)).toBe(600);
    expect(summary.vehicles).toBeGreaterThan(750);
    expect(summary.repairOrders / summary.vehicles).toBeGreaterThan(5);
    expect(await one(sql`SELECT count(*) AS n FROM repair_orders WHERE org_id = ${orgId}`)).toBe(
      summary.repairOrders,
    );
    expect(await one(sql`SELECT count(*) AS n FROM repair_order_lines WHERE org_id = ${orgId}`)).toBe(
      summary.lines,
    );
    expect(summary.recommendations).toBeGreaterThan(0);
    expect(summary.appointments).toBeGreaterThan(100);
  });

  it('is referentially sound and its VINs are valid', async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM vehicles v LEFT JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id
      WHERE v.org_id = ${orgId} AND (c.id IS NULL OR c.location_id <> v.location_id)`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM repair_orders r
      LEFT JOIN vehicles v ON v.org_id = r.org_id AND v.id = r.vehicle_id LEFT JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id
      WHERE r.org_id = ${orgId} AND (v.id IS NULL OR c.id IS NULL OR v.customer_id <> c.id)`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM repair_order_lines l LEFT JOIN repair_orders r ON r.org_id = l.org_id AND r.id = l.repair_order_id
      WHERE l.org_id = ${orgId} AND r.id IS NULL`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM odometer_readings o LEFT JOIN vehicles v ON v.org_id = o.org_id AND v.id = o.vehicle_id
      WHERE o.org_id = ${orgId} AND v.id IS NULL`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM appointments a
      LEFT JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id
      WHERE a.org_id = ${orgId} AND ((a.customer_id IS NOT NULL AND (c.id IS NULL OR c.location_id <> a.location_id))
        OR (a.vehicle_id IS NOT NULL AND v.customer_id IS DISTINCT FROM a.customer_id))`),
    ).toBe(0);
    const vins = await database.db.selectFrom('vehicles').select('vin').where('org_id', '=', orgId).execute();
    expect(vins.filter((v) => !checkVin(v.vin).ok)).toEqual([]);
    // Ids came from the sequences: a normal insert afterwards does not collide.
    const loc = await database.db
      .selectFrom('locations')
      .select('id')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('customers')
      .values({ org_id: orgId, location_id: loc.id, customer_number: 'AFTER', mailing_name: 'After Demo' })
      .execute();
    await database.db
      .deleteFrom('customers')
      .where('org_id', '=', orgId)
      .where('customer_number', '=', 'AFTER')
      .execute();
  });

  it('sets last_visit_on exactly as the triggers would', async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM customers c WHERE c.org_id = ${orgId} AND c.last_visit_on IS DISTINCT FROM
      (SELECT max(closed_on) FROM repair_orders r WHERE r.org_id = c.org_id AND r.customer_id = c.id AND r.status = 'closed')`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM vehicles v WHERE v.org_id = ${orgId} AND v.last_visit_on IS DISTINCT FROM
      (SELECT max(closed_on) FROM repair_orders r WHERE r.org_id = v.org_id AND r.vehicle_id = v.id AND r.status = 'closed')`),
    ).toBe(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND last_visit_on IS NOT NULL`,
      ),
    ).toBeGreaterThan(500);
  });

  it('never lets an odometer go down, in the readings and on the repair orders, per vehicle by date', async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM (
      SELECT value, lag(value) OVER (PARTITION BY vehicle_id ORDER BY read_on) AS before
      FROM odometer_readings WHERE org_id = ${orgId}) o WHERE value <= before`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM (
      SELECT odometer, lag(odometer) OVER (PARTITION BY vehicle_id ORDER BY opened_on) AS before
      FROM repair_orders WHERE org_id = ${orgId}) r WHERE odometer <= before`),
    ).toBe(0);
    // Each reading is the odometer of the repair order closed that day.
    expect(
      await one(sql`SELECT count(*) AS n FROM odometer_readings o WHERE o.org_id = ${orgId} AND NOT EXISTS (
      SELECT 1 FROM repair_orders r WHERE r.org_id = o.org_id AND r.vehicle_id = o.vehicle_id AND r.closed_on = o.read_on AND r.odometer = o.value)`),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM (SELECT vehicle_id FROM odometer_readings WHERE org_id = ${orgId}
      GROUP BY vehicle_id HAVING count(*) > 1) m`),
    ).toBeGreaterThan(500);
  });

  it('has what the rules need: Feb 29 birthdays, customers with only an address, Do Not Mail, three languages, future appointments', async () => {
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND to_char(birthday, 'MM-DD') = '02-29'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND email IS NULL AND address_line1 IS NOT NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND email IS NULL AND address_line1 IS NULL`,
      ),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND do_not_mail`),
    ).toBeGreaterThan(0);
    expect(await one(sql`SELECT count(DISTINCT language) AS n FROM customers WHERE org_id = ${orgId}`)).toBe(
      3,
    );
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND last_name ~ '[éèçñáíóúÉ]'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM vehicles WHERE org_id = ${orgId} AND next_visit_on IS NOT NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM appointments WHERE org_id = ${orgId} AND starts_at > ${TODAY}::date + 1 AND status IN ('confirmed', 'requested')`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM appointments WHERE org_id = ${orgId} AND status = 'no_show'`),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM appointments WHERE org_id = ${orgId} AND courtesy_vehicle_id IS NOT NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM repair_orders WHERE org_id = ${orgId} AND closed_on > ${TODAY}::date`,
      ),
    ).toBe(0);
  });

  it('writes services and declined work in the customer’s language, and gives companies no birthday', async () => {
    const { DECLINED, LABOR, PACKAGES, PARTS } = await import('./services.ts');
    const all = [...DECLINED, ...LABOR, ...PACKAGES, ...PARTS];
    const texts = sql.join(all.flatMap((i) => [i.description.en, i.description.fr, i.description.es]));
    const langs = sql.join(all.flatMap(() => ['en', 'fr', 'es']));
    // Every text the generator wrote, with the language it is in and the customer's language.
    const rows = await sql<{ what: string; customer: string; text: string; n: string }>`
      WITH catalog AS (SELECT * FROM unnest(ARRAY[${texts}]::text[], ARRAY[${langs}]::text[]) AS t(text, lang))
      SELECT 'line' AS what, c.language AS customer, k.lang AS text, count(*) AS n
        FROM repair_order_lines x JOIN repair_orders r ON r.org_id = x.org_id AND r.id = x.repair_order_id
        JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id JOIN catalog k ON k.text = x.description
       WHERE x.org_id = ${orgId} GROUP BY 1, 2, 3
      UNION ALL
      SELECT 'declined', c.language, k.lang, count(*)
        FROM recommendations x JOIN repair_orders r ON r.org_id = x.org_id AND r.id = x.repair_order_id
        JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id JOIN catalog k ON k.text = x.description
       WHERE x.org_id = ${orgId} GROUP BY 1, 2, 3
      UNION ALL
      SELECT 'appointment', coalesce(c.language, a.visitor_language), k.lang, count(*)
        FROM appointments a LEFT JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
        JOIN catalog k ON k.text = a.service_requested
       WHERE a.org_id = ${orgId} GROUP BY 1, 2, 3`.execute(database.db);
    const seen = new Set(rows.rows.map((r) => `${r.what} ${r.customer}`));
    for (const what of ['line', 'declined', 'appointment'])
      for (const l of ['en', 'fr', 'es']) expect(seen, `${what} ${l}`).toContain(`${what} ${l}`);
    expect(rows.rows.filter((r) => r.customer !== r.text)).toEqual([]);
    expect(await one(sql`SELECT count(*) AS n FROM repair_order_lines WHERE org_id = ${orgId}`)).toBe(
      rows.rows.filter((r) => r.what === 'line').reduce((n, r) => n + Number(r.n), 0),
    );
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND company_name IS NOT NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM customers WHERE org_id = ${orgId} AND company_name IS NOT NULL AND birthday IS NOT NULL`,
      ),
    ).toBe(0);
  });

  it('is deterministic: same seed, same data; another seed, other data', async () => {
    const again = await loadDemo(database.db, {
      locations: 2,
      customers: 600,
      seed: 's1',
      today: TODAY,
      chunkSize: 100,
      concurrency: 3,
    });
    const other = await loadDemo(database.db, { locations: 2, customers: 600, seed: 's2', today: TODAY });
    expect(await fingerprint(again.orgId)).toBe(await fingerprint(orgId));
    expect(await fingerprint(other.orgId)).not.toBe(await fingerprint(orgId));
  });

  it('a load that fails part-way removes its organization, after the chunks in flight are done', async () => {
    const before = await one(sql`SELECT count(*) AS n FROM organizations`);
    const customersBefore = await one(sql`SELECT count(*) AS n FROM customers`);
    // Fires even while the loader has triggers off (ENABLE ALWAYS), in the 4th of 8 chunks.
    await sql`CREATE FUNCTION refuse_c000160() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.customer_number = 'C000160' THEN RAISE EXCEPTION 'no space left on device (simulated)'; END IF; RETURN NEW; END $$`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER refuse_c000160 BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION refuse_c000160()`.execute(
      database.db,
    );
    await sql`ALTER TABLE customers ENABLE ALWAYS TRIGGER refuse_c000160`.execute(database.db);
    try {
      const failed = loadDemo(database.db, {
        locations: 1,
        customers: 400,
        seed: 'boom',
        today: TODAY,
        chunkSize: 50,
        concurrency: 3,
        orgName: 'Failing Demo',
      });
      await expect(failed).rejects.toThrow(
        /^no space left on device \(simulated\); the partly loaded organization \d+ was removed$/,
      );
    } finally {
      await sql`DROP TRIGGER refuse_c000160 ON customers`.execute(database.db);
      await sql`DROP FUNCTION refuse_c000160()`.execute(database.db);
    }
    expect(await one(sql`SELECT count(*) AS n FROM organizations`)).toBe(before);
    expect(await one(sql`SELECT count(*) AS n FROM organizations WHERE name = 'Failing Demo'`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM customers`)).toBe(customersBefore);
    // The chunks after the failed one were not left writing: nothing arrives later either.
    await new Promise((r) => setTimeout(r, 200));
    expect(await one(sql`SELECT count(*) AS n FROM customers`)).toBe(customersBefore);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = v.org_id)`,
      ),
    ).toBe(0);
  });

  const ctx = () =>
    ({ db: database.db, database, now: () => new Date('2026-03-02T15:00:00Z') }) as unknown as AppContext;

  it('first start is one transaction: a load that fails near its end leaves nothing, not even the organization', async () => {
    await database.db.deleteFrom('organizations').execute();
    // A real failure from the database at the last step (appointments, after the customers,
    // histories and mechanics were written); it also proves the chunk loader switched the
    // triggers back on in the shared transaction, or this trigger would not fire.
    await sql`CREATE FUNCTION refuse_demo() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`.execute(database.db);
    await sql`CREATE TRIGGER refuse_demo BEFORE INSERT ON appointments FOR EACH STATEMENT EXECUTE FUNCTION refuse_demo()`.execute(
      database.db,
    );
    try {
      await expect(ensureDemoData(ctx())).rejects.toThrow('disk full (simulated)');
    } finally {
      await sql`DROP TRIGGER refuse_demo ON appointments`.execute(database.db);
      await sql`DROP FUNCTION refuse_demo()`.execute(database.db);
    }
    for (const table of [
      'organizations',
      'locations',
      'users',
      'customers',
      'vehicles',
      'repair_orders',
      'odometer_readings',
      'mechanics',
    ]) {
      expect([table, await one(sql`SELECT count(*) AS n FROM ${sql.table(table)}`)]).toEqual([table, 0]);
    }
  });

  it('first start: the demo shop with its login and a small history, quickly, once even when two processes start together', async () => {
    const started = performance.now();
    const results = await Promise.all([ensureDemoData(ctx()), ensureDemoData(ctx())]);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(results.sort()).toEqual([false, true]);
    expect(await one(sql`SELECT count(*) AS n FROM organizations`)).toBe(1);
    expect(await one(sql`SELECT count(*) AS n FROM customers`)).toBe(DEMO_SHOP_CUSTOMERS);
    expect(await one(sql`SELECT count(*) AS n FROM vehicles`)).toBeGreaterThan(180);
    expect(await one(sql`SELECT count(*) AS n FROM appointments`)).toBeGreaterThan(10);
    expect(await one(sql`SELECT count(*) AS n FROM users WHERE email = 'owner@demo.relance.test'`)).toBe(1);
    // The shop's history obeys the same rules as a loaded demo.
    expect(
      await one(sql`SELECT count(*) AS n FROM vehicles v WHERE v.last_visit_on IS DISTINCT FROM
      (SELECT max(closed_on) FROM repair_orders r WHERE r.org_id = v.org_id AND r.vehicle_id = v.id AND r.status = 'closed')`),
    ).toBe(0);
    expect(await ensureDemoData(ctx())).toBe(false);
  });
});
