// Repair orders are written whole or not at all; a database refusal in a batch rejects only
// the unit that caused it; the report file says line, column and reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { csv, runImport } from '../../test/helpers/data.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HEADER =
  'ro_number,opened_on,closed_on,customer_number,vin,odometer,line_kind,description,quantity,amount';

async function shopWithCar() {
  const shop = await makeShop(database.db);
  const customer = await makeCustomer(database.db, shop, { customer_number: 'K1' });
  const vehicle = await makeVehicle(database.db, shop, customer.id, { vin: '2HGFC2F52KH500001' });
  return { shop, customer, vehicle };
}

async function roNumbers(orgId: number) {
  const rows = await database.db
    .selectFrom('repair_orders')
    .select('ro_number')
    .where('org_id', '=', orgId)
    .orderBy('ro_number')
    .execute();
  return rows.map((r) => r.ro_number);
}

describe('repair-order import', () => {
  it('never half-writes a repair order: one bad line rejects all its lines, wherever they are', async () => {
    const { shop } = await shopWithCar();
    const r = await runImport(
      database.db,
      shop,
      'repair-orders',
      csv(
        HEADER,
        'R1,2025-01-10,2025-01-10,K1,2HGFC2F52KH500001,1000,labor,Alignment,1,99',
        'R2,2025-02-10,2025-02-10,K1,2HGFC2F52KH500001,2000,labor,Brakes,1,200',
        'R1,2025-01-10,2025-01-10,K1,2HGFC2F52KH500001,1000,part,Pads,1,80',
        'R2,2025-02-10,2025-02-10,K1,2HGFC2F52KH500001,2000,part,Rotor,one,90',
        'R3,2025-03-10,2025-03-10,K1,2HGFC2F52KH500001,3000,package,Oil change,1,70',
        'R2,2025-02-10,2025-02-10,K1,2HGFC2F52KH500001,2000,declined,Tires,1,600',
      ),
    );
    expect([r.imported, r.rejected, r.rejectedLines]).toEqual([2, 1, 3]);
    expect(await roNumbers(shop.orgId)).toEqual(['R1', 'R3']);
    expect(r.report.map((p) => [p.line, p.column, p.reason])).toEqual([
      ['5', 'quantity', '"one" is not a number'],
      ['3', 'ro_number', 'repair order R2 rejected whole: line 5 of this repair order is invalid'],
      ['7', 'ro_number', 'repair order R2 rejected whole: line 5 of this repair order is invalid'],
    ]);
    const lines = await database.db
      .selectFrom('repair_order_lines')
      .select('line_no')
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(lines).toHaveLength(3);
    const v = await database.db
      .selectFrom('vehicles')
      .select('last_visit_on')
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(v.last_visit_on).toBe('2025-03-10');
  });

  it('rejects a repair order whose lines disagree, and one that references an unknown customer or VIN', async () => {
    const { shop } = await shopWithCar();
    const r = await runImport(
      database.db,
      shop,
      'repair-orders',
      csv(
        HEADER,
        'S1,2025-01-10,2025-01-10,K1,,1000,labor,Alignment,1,99',
        'S1,2025-01-10,2025-01-11,K1,,1000,part,Pads,1,80',
        'S2,2025-01-10,2025-01-10,K404,,,labor,Alignment,1,99',
        'S3,2025-01-10,2025-01-10,K1,1FTEW1EP4JFA00002,,labor,Alignment,1,99',
        'S4,2025-01-10,2025-01-10,K1,,,labor,Alignment,1,99',
      ),
    );
    expect(await roNumbers(shop.orgId)).toEqual(['S4']);
    expect(r.report.map((p) => [p.line, p.column, p.reason])).toEqual([
      [
        '3',
        'closed_on',
        'closed_on "2025-01-11" differs from "2025-01-10" on line 2 of the same repair order',
      ],
      [
        '2',
        'ro_number',
        'repair order S1 rejected whole: closed_on "2025-01-11" differs from "2025-01-10" on line 2 of the same repair order (line 3)',
      ],
      ['4', 'customer_number', 'unknown customer_number "K404": import the customers first'],
      ['5', 'vin', 'unknown vin "1FTEW1EP4JFA00002": import the vehicles first'],
    ]);
  });

  it('rejects the lines of a repair order that come after it was written in an earlier batch', async () => {
    const { shop } = await shopWithCar();
    const r = await runImport(
      database.db,
      shop,
      'repair-orders',
      csv(
        HEADER,
        'T1,2025-01-10,2025-01-10,K1,,,labor,A,1,10',
        'T2,2025-01-11,2025-01-11,K1,,,labor,B,1,10',
        'T1,2025-01-10,2025-01-10,K1,,,part,C,1,10',
        'T3,2025-01-12,2025-01-12,K1,,,labor,D,1,10',
        'T1,2025-01-10,2025-01-10,K1,,,part,E,1,10',
      ),
      { batchSize: 2 },
    );
    expect(r.imported).toBe(3);
    expect(r.report).toEqual([
      {
        line: '6',
        severity: 'rejected',
        column: 'ro_number',
        value: 'T1',
        reason:
          'repair order T1 was already imported from lines starting at 2: the lines of one repair order must be within 2 repair orders of each other',
      },
    ]);
    const t1 = await database.db
      .selectFrom('repair_orders')
      .select('total_amount')
      .where('org_id', '=', shop.orgId)
      .where('ro_number', '=', 'T1')
      .executeTakeFirstOrThrow();
    expect(t1.total_amount).toBe(20);
  });

  it('a database refusal in a batch rejects only its row: double-booked mechanic', async () => {
    const shop = await makeShop(database.db);
    await makeCustomer(database.db, shop, { customer_number: 'M1' });
    await database.db
      .insertInto('mechanics')
      .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Luc Fortin' })
      .execute();
    const r = await runImport(
      database.db,
      shop,
      'appointments',
      csv(
        'external_ref,customer_number,mechanic,starts_at,duration_minutes',
        'X1,M1,Luc Fortin,2026-03-02 09:00,60',
        'X2,M1,luc fortin,2026-03-02 09:30,60',
        'X3,M1,Luc Fortin,2026-03-02 10:00,60',
        'X4,M1,Marc Nobody,2026-03-02 10:00,60',
      ),
    );
    expect([r.imported, r.rejected]).toEqual([2, 2]);
    expect(r.report.map((p) => [p.line, p.column, p.reason])).toEqual([
      ['3', 'mechanic', 'the mechanic is already booked at that time'],
      ['5', 'mechanic', 'no mechanic named "Marc Nobody" at this location'],
    ]);
  });

  it('writes the report file as CSV: line, severity, column, reason, value', async () => {
    const { shop } = await shopWithCar();
    const r = await runImport(
      database.db,
      shop,
      'vehicles',
      csv(
        'vin,customer_number,year',
        '2HGFC2F52KH500001,K1,2019',
        'ABC,K1,2019',
        '5YJ3E1EA9KF000004,K1,2019',
        '1FTEW1EP4JFA00002,K1,"20,19"',
      ),
    );
    expect(r.reportText).toBe(
      [
        'line,severity,column,reason,value',
        '3,rejected,vin,a VIN has 17 characters (got 3),ABC',
        '4,rejected,vin,"check digit (position 9) is ""9"" but should be ""3"": the VIN has a typo (a North American VIN must carry its check digit)",5YJ3E1EA9KF000004',
        '5,rejected,year,"""20,19"" is not a whole number","20,19"',
        '2,filled,make,filled from the VIN,Honda',
        '2,filled,model,filled from the VIN,Civic',
        '',
      ].join('\r\n'),
    );
  });

  it('re-importing after fixing the bad rows imports them and duplicates nothing', async () => {
    const { shop } = await shopWithCar();
    const rows = (fixed: boolean) =>
      csv(
        HEADER,
        'T1,2025-01-10,2025-01-10,K1,2HGFC2F52KH500001,1000,labor,Alignment,1,99',
        'T1,2025-01-10,2025-01-10,K1,2HGFC2F52KH500001,1000,part,Shims,2,40',
        `T2,2025-02-10,2025-02-10,K1,2HGFC2F52KH500001,2000,labor,Brakes,1,${fixed ? '200' : '2OO'}`,
        'T2,2025-02-10,2025-02-10,K1,2HGFC2F52KH500001,2000,part,Pads,1,80',
        `T3,2025-03-10,${fixed ? '2025-03-10' : '2025-03-09'},K1,2HGFC2F52KH500001,3000,package,Oil change,1,70`,
        'T4,2025-04-10,2025-04-10,K1,2HGFC2F52KH500001,4000,package,Oil change,1,70',
      );
    const counts = async () => {
      const n = async (table: 'repair_orders' | 'repair_order_lines' | 'odometer_readings') =>
        Number(
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where('org_id', '=', shop.orgId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        ros: await n('repair_orders'),
        lines: await n('repair_order_lines'),
        readings: await n('odometer_readings'),
      };
    };
    const first = await runImport(database.db, shop, 'repair-orders', rows(false), { batchSize: 2 });
    expect([first.imported, first.rejected, first.rejectedLines]).toEqual([2, 2, 3]);
    expect(await roNumbers(shop.orgId)).toEqual(['T1', 'T4']);
    expect(await counts()).toEqual({ ros: 2, lines: 3, readings: 2 });

    const second = await runImport(database.db, shop, 'repair-orders', rows(true), { batchSize: 2 });
    expect([second.imported, second.updated, second.unchanged, second.rejected]).toEqual([2, 0, 2, 0]);
    expect(second.report).toEqual([]);
    expect(await roNumbers(shop.orgId)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(await counts()).toEqual({ ros: 4, lines: 6, readings: 4 });
    const t2 = await database.db
      .selectFrom('repair_orders')
      .select('total_amount')
      .where('org_id', '=', shop.orgId)
      .where('ro_number', '=', 'T2')
      .executeTakeFirstOrThrow();
    expect(t2.total_amount).toBe(280);

    const third = await runImport(database.db, shop, 'repair-orders', rows(true), { batchSize: 3 });
    expect([third.imported, third.updated, third.unchanged, third.rejected]).toEqual([0, 0, 4, 0]);
    expect(await counts()).toEqual({ ros: 4, lines: 6, readings: 4 });
  });
});
