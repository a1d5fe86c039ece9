// Importing good files of each kind, and re-importing them: nothing changes the second time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { csv, fixture, runImport } from '../../test/helpers/data.ts';
import { makeShop } from '../../test/helpers/factories.ts';

let database: TestDatabase;
let shop: { orgId: number; locationId: number };
beforeAll(async () => {
  database = await createTestDatabase();
  shop = await makeShop(database.db, { time_zone: 'America/Toronto' });
});
afterAll(async () => {
  await database.close();
});

const KINDS = ['customers', 'vehicles', 'repair-orders', 'appointments'] as const;

async function snapshot(orgId: number) {
  const q = async (query: ReturnType<typeof sql<Record<string, unknown>>>) =>
    (await query.execute(database.db)).rows;
  return {
    customers: await q(sql`SELECT * FROM customers WHERE org_id = ${orgId} ORDER BY id`),
    vehicles: await q(sql`SELECT * FROM vehicles WHERE org_id = ${orgId} ORDER BY id`),
    ros: await q(sql`SELECT * FROM repair_orders WHERE org_id = ${orgId} ORDER BY id`),
    lines: await q(sql`SELECT * FROM repair_order_lines WHERE org_id = ${orgId} ORDER BY id`),
    recs: await q(sql`SELECT * FROM recommendations WHERE org_id = ${orgId} ORDER BY id`),
    odometer: await q(sql`SELECT * FROM odometer_readings WHERE org_id = ${orgId} ORDER BY id`),
    appointments: await q(sql`SELECT * FROM appointments WHERE org_id = ${orgId} ORDER BY id`),
  };
}

describe('import of good files', () => {
  it('imports each kind with nothing rejected', async () => {
    const expected = { customers: 4, vehicles: 3, 'repair-orders': 4, appointments: 3 };
    for (const kind of KINDS) {
      const r = await runImport(database.db, shop, kind, fixture(`${kind}.csv`));
      expect({ kind, imported: r.imported, rejected: r.rejected, stoppedAt: r.stoppedAt }).toEqual({
        kind,
        imported: expected[kind],
        rejected: 0,
        stoppedAt: null,
      });
      expect(r.encoding).toBe('utf-8');
    }
  });

  it('stores customers as written, with defaults', async () => {
    const rows = await database.db
      .selectFrom('customers')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    const [c1, , c3, c4] = rows;
    expect(c1).toMatchObject({
      mailing_name: 'Geneviève Côté',
      language: 'fr',
      birthday: '1984-02-29',
      consent_basis: 'express',
      do_not_mail: false,
      city: 'Montréal',
    });
    expect(c3).toMatchObject({
      mailing_name: 'Transport Côté inc.',
      email: null,
      do_not_mail: true,
      do_not_mail_source: 'import',
    });
    expect(c3!.do_not_mail_at).not.toBeNull();
    expect(c4).toMatchObject({
      mailing_name: 'Sra. María José Núñez',
      address_line1: '10 Calle Ocho, Apt 3',
      country: 'US',
      sales_rep_user_id: null,
    });
  });

  it('keeps visit facts: last_visit_on, captured_on, next_visit_on, odometer, lines and declined work', async () => {
    const db = database.db;
    const v = await db
      .selectFrom('vehicles')
      .select(['vin', 'captured_on', 'last_visit_on', 'next_visit_on'])
      .where('org_id', '=', shop.orgId)
      .orderBy('vin')
      .execute();
    expect(v).toEqual([
      // Delivery date known: captured then.
      {
        vin: '1FTEW1EP4JFA00002',
        captured_on: '2018-04-20',
        last_visit_on: '2025-06-03',
        next_visit_on: null,
      },
      // No delivery date: the first visit in the history.
      {
        vin: '2HGFC2F52KH500001',
        captured_on: '2025-03-10',
        last_visit_on: '2025-08-15',
        next_visit_on: '2026-04-15',
      },
      { vin: '5YJ3E1EA1KF000003', captured_on: '2025-11-20', last_visit_on: null, next_visit_on: null },
    ]);
    const c1 = await db
      .selectFrom('customers')
      .select('last_visit_on')
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', 'C001')
      .executeTakeFirstOrThrow();
    expect(c1.last_visit_on).toBe('2025-08-15');
    const r1001 = await db
      .selectFrom('repair_orders')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('ro_number', '=', 'R1001')
      .executeTakeFirstOrThrow();
    expect(r1001).toMatchObject({
      status: 'closed',
      total_amount: 129.45,
      is_maintenance: true,
      odometer: 61234,
    });
    const lines = await db
      .selectFrom('repair_order_lines')
      .select(['line_no', 'kind', 'amount'])
      .where('repair_order_id', '=', r1001.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { line_no: 1, kind: 'package', amount: 89.95 },
      { line_no: 2, kind: 'part', amount: 39.5 },
    ]);
    // The declined line came later in the file (not next to its RO's other lines).
    const recs = await db
      .selectFrom('recommendations')
      .select(['line_no', 'description', 'estimate', 'status'])
      .where('repair_order_id', '=', r1001.id)
      .execute();
    expect(recs).toEqual([
      { line_no: 3, description: 'Rear brake pads at 3 mm: replace soon', estimate: 220, status: 'declined' },
    ]);
    const r1002 = await db
      .selectFrom('repair_orders')
      .select('total_amount')
      .where('org_id', '=', shop.orgId)
      .where('ro_number', '=', 'R1002')
      .executeTakeFirstOrThrow();
    expect(r1002.total_amount).toBe(352.4); // "112,40" with a decimal comma
    const readings = await db
      .selectFrom('odometer_readings')
      .select(['read_on', 'value'])
      .where('org_id', '=', shop.orgId)
      .orderBy('read_on')
      .execute();
    // One reading per visit with a vehicle and an odometer (the open RO's on its opening day).
    expect(readings).toEqual([
      { read_on: '2025-03-10', value: 61234 },
      { read_on: '2025-06-03', value: 88010 },
      { read_on: '2025-08-15', value: 70500 },
      { read_on: '2025-11-20', value: 15000 },
    ]);
  });

  it('reads appointment times in the location time zone unless they carry an offset', async () => {
    const rows = await database.db
      .selectFrom('appointments')
      .select(['external_ref', 'starts_at', 'ends_at', 'visitor_name', 'source'])
      .where('org_id', '=', shop.orgId)
      .orderBy('external_ref')
      .execute();
    expect(
      rows.map((r) => [r.external_ref, r.starts_at.toISOString(), r.ends_at.toISOString(), r.source]),
    ).toEqual([
      ['A-1', '2026-03-02T14:00:00.000Z', '2026-03-02T15:00:00.000Z', 'import'],
      ['A-2', '2026-03-02T15:00:00.000Z', '2026-03-02T16:30:00.000Z', 'import'],
      ['A-3', '2026-02-20T19:00:00.000Z', '2026-02-20T20:00:00.000Z', 'import'],
    ]);
    expect(rows[1]!.visitor_name).toBe('Élodie Fréchette');
  });

  it('re-importing the same files changes nothing, not even updated_at', async () => {
    const before = await snapshot(shop.orgId);
    for (const kind of KINDS) {
      const r = await runImport(database.db, shop, kind, fixture(`${kind}.csv`), { chunkBytes: 1000 });
      expect({ kind, imported: r.imported, updated: r.updated, rejected: r.rejected }).toEqual({
        kind,
        imported: 0,
        updated: 0,
        rejected: 0,
      });
      expect(r.unchanged).toBeGreaterThan(0);
    }
    expect(await snapshot(shop.orgId)).toEqual(before);
  });

  it('a changed row is updated, the others stay unchanged', async () => {
    const text = fixture('customers.csv')
      .toString('utf8')
      .replace('john.smith@example.com', 'jsmith@example.com');
    const r = await runImport(database.db, shop, 'customers', text);
    expect([r.imported, r.updated, r.unchanged]).toEqual([0, 1, 3]);
    const changed = fixture('repair-orders.csv')
      .toString('utf8')
      .replace('Cabin air filter,1,39.50', 'Cabin air filter,1,41.00');
    const ro = await runImport(database.db, shop, 'repair-orders', changed);
    expect([ro.imported, ro.updated, ro.unchanged]).toEqual([0, 1, 3]);
    const total = await database.db
      .selectFrom('repair_orders')
      .select('total_amount')
      .where('org_id', '=', shop.orgId)
      .where('ro_number', '=', 'R1001')
      .executeTakeFirstOrThrow();
    expect(total.total_amount).toBe(130.95);
  });

  it('never lifts a Do Not Mail the customer asked for', async () => {
    await database.db
      .updateTable('customers')
      .set({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link', do_not_mail_at: new Date() })
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', 'C001')
      .execute();
    const r = await runImport(database.db, shop, 'customers', fixture('customers.csv'));
    expect(r.updated).toBe(1); // C002's e-mail back; C001 untouched
    const c1 = await database.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', 'C001')
      .executeTakeFirstOrThrow();
    expect(c1).toEqual({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link' });
  });
});

describe('mobile numbers in the customers import', () => {
  it('takes mobile_phone in E.164 (separators dropped), rejects others, and an empty cell keeps the number', async () => {
    const other = await makeShop(database.db);
    const first = await runImport(
      database.db,
      other,
      'customers',
      csv(
        'customer_number,mailing_name,mobile_phone',
        'M1,Ana,+1 (514) 555-0123',
        'M2,Bob,514-555-0124',
        'M3,Cy,',
      ),
    );
    expect([first.imported, first.rejected]).toEqual([2, 1]);
    expect(first.report).toMatchObject([{ column: 'mobile_phone', value: '514-555-0124' }]);
    const mobiles = async () =>
      Object.fromEntries(
        (
          await database.db
            .selectFrom('customers')
            .select(['customer_number', 'mobile_phone'])
            .where('org_id', '=', other.orgId)
            .execute()
        ).map((c) => [c.customer_number, c.mobile_phone]),
      );
    expect(await mobiles()).toEqual({ M1: '+15145550123', M3: null });
    // A later file without the column (a DMS export) leaves the number alone.
    const again = await runImport(
      database.db,
      other,
      'customers',
      csv('customer_number,mailing_name', 'M1,Ana'),
    );
    expect([again.rejected, again.updated]).toEqual([0, 0]);
    const changed = await runImport(
      database.db,
      other,
      'customers',
      csv('customer_number,mailing_name,mobile_phone', 'M1,Ana,+15145550999'),
    );
    expect(changed.updated).toBe(1);
    expect(await mobiles()).toEqual({ M1: '+15145550999', M3: null });
  });
});
