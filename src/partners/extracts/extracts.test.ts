// What each partner file contains, read back from the file as the partner would.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { csvRecords, makeContext, makeRepairOrder, parseCsv } from '../../../test/helpers/partners.ts';
import type { Location } from '../../db/schema.ts';
import { sql } from 'kysely';
import { buildExtractFile } from '../build-extract-file.ts';
import { csvField } from '../../domain/csv.ts';
import { EXTRACTS } from './index.ts';
import type { Partner, SettingsByPartner } from '../partners.ts';

let database: TestDatabase;
let ctx: ReturnType<typeof makeContext>;
let shop: Awaited<ReturnType<typeof makeShop>>;
const dir = mkdtempSync(join(tmpdir(), 'relance-extract-test-'));
const DAY = '2026-11-22';
let fileNo = 0;

const settings: SettingsByPartner = {
  customerlink: {
    account_number: 'CL-4242',
    server: '127.0.0.1',
    port: 21,
    user: 'u',
    directory: '',
    passive: true,
    tls: 'off',
    export_hour: 2,
  },
  mechanicnet: { shop_id: 'MN-77', endpoint: 'http://127.0.0.1:1/x', export_hour: 2 },
  carfax: { endpoint: 'http://127.0.0.1:1/x', export_hour: 2 },
};

async function extract<P extends Partner>(partner: P, pageSize = 2, location: Location = shop.location) {
  const file = await buildExtractFile(
    ctx.db,
    EXTRACTS[partner] as never,
    { orgId: location.org_id, location, runOn: DAY, settings: settings[partner] } as never,
    join(dir, `f${++fileNo}.csv`),
    pageSize,
  );
  const text = readFileSync(file.path, 'utf8');
  return { file, text, records: csvRecords(text) };
}

// A customer whose personal data must never reach CARFAX or MechanicNET.
const SECRET_PERSON = {
  first_name: 'Zebulon',
  last_name: 'Quixwhistle',
  mailing_name: 'Zebulon Quixwhistle',
  email: 'zebulon.quixwhistle@private.example',
  phone: '418-555-0199',
  address_line1: '77 Rue Introuvable',
  city: 'Chicoutimi',
  postal_code: 'G7H 9Z9',
};

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = makeContext(database);
  shop = await makeShop(ctx.db, { business_name: 'Garage "Le Bon", Inc.', business_phone: '514-555-0100' });
  const other = await makeShop(ctx.db);

  const zeb = await makeCustomer(ctx.db, shop, {
    ...SECRET_PERSON,
    customer_number: 'C-ZEB',
    language: 'fr',
    last_visit_on: DAY,
  });
  const car = await makeVehicle(ctx.db, shop, zeb.id, {
    vin: '1HGCM82633A004352',
    year: 2019,
    make: 'Honda',
    model: 'Civic',
    submodel: 'EX',
    engine: '2.0L I4',
    plate: 'QC123',
    plate_region: 'QC',
    last_visit_on: DAY,
    next_visit_on: '2027-05-22',
  });
  await makeVehicle(ctx.db, shop, zeb.id, { vin: 'SOLDVIN0000000000', status: 'sold' });
  await ctx.db
    .insertInto('odometer_readings')
    .values([
      { org_id: shop.orgId, vehicle_id: car.id, read_on: '2026-01-10', value: 40000 },
      { org_id: shop.orgId, vehicle_id: car.id, read_on: DAY, value: 45678 },
    ])
    .execute();
  await makeRepairOrder(
    ctx,
    shop,
    { customerId: zeb.id, vehicleId: car.id, closedOn: DAY, odometer: 45678, total: 987.65 },
    [
      { kind: 'package', description: 'Oil change package' },
      { kind: 'labor', description: 'XYZZY-LABOR replaced brake pads', amount: 432.1 },
      { kind: 'part', description: 'PLUGH-PART brake pad set', amount: 321.09 },
      { kind: 'package', description: 'Tire rotation' },
    ],
  );
  // Another day, an open RO and a void RO: not in the day's file.
  await makeRepairOrder(ctx, shop, { customerId: zeb.id, vehicleId: car.id, closedOn: '2026-11-21' }, [
    { kind: 'package', description: 'YESTERDAY' },
  ]);
  await makeRepairOrder(ctx, shop, { customerId: zeb.id, vehicleId: car.id, closedOn: DAY, status: 'void' });
  await makeRepairOrder(ctx, shop, { customerId: zeb.id, vehicleId: car.id, closedOn: DAY, status: 'open' });
  // An RO without vehicle: MechanicNET only.
  await makeRepairOrder(ctx, shop, { customerId: zeb.id, vehicleId: null, closedOn: DAY, total: 10 }, [
    { kind: 'labor', description: 'Counter sale' },
  ]);

  // Five more customers so pages of 2 cut between customers and vehicles.
  for (let i = 0; i < 5; i++) {
    const c = await makeCustomer(ctx.db, shop, {
      customer_number: `C-${i}`,
      first_name: `First${i}`,
      last_name: `Last, "${i}"`,
    });
    if (i % 2 === 0) {
      const v = await makeVehicle(ctx.db, shop, c.id, { vin: `VIN${i}A`.padEnd(17, '0') });
      await makeVehicle(ctx.db, shop, c.id, { vin: `VIN${i}B`.padEnd(17, '0') });
      await makeRepairOrder(
        ctx,
        shop,
        { customerId: c.id, vehicleId: v.id, closedOn: DAY, odometer: 1000 + i },
        [{ kind: 'package', description: `Package ${i}` }],
      );
    }
  }
  await makeCustomer(ctx.db, shop, {
    customer_number: 'C-DNM',
    first_name: 'Dora',
    last_name: 'Nomail',
    email: 'dora@nomail.example',
    address_line1: '9 Quiet Lane',
    do_not_mail: true,
  });
  await makeCustomer(ctx.db, shop, {
    customer_number: 'C-BOUNCE',
    email: 'gone@bounced.example',
    email_status: 'hard_bounced',
  });
  // Another tenant's customer and RO on the same day: never in this shop's files.
  const stranger = await makeCustomer(ctx.db, other, { customer_number: 'C-STRANGER' });
  const strangerCar = await makeVehicle(ctx.db, other, stranger.id, { vin: 'STRANGERVIN000000' });
  await makeRepairOrder(ctx, other, { customerId: stranger.id, vehicleId: strangerCar.id, closedOn: DAY }, [
    { kind: 'package', description: 'STRANGER PACKAGE' },
  ]);
});

afterAll(async () => {
  await database.close();
});

describe('CSV fields', () => {
  it('are quoted the same by the database (csv_field) and by csvField', async () => {
    const samples = [
      'plain',
      '',
      'a,b',
      'say "hi"',
      'line\nbreak',
      'cr\rhere',
      'crlf\r\nend',
      '"',
      ',',
      'Émile Ça ğ 東京',
      ' spaced ',
      "it's",
      '=HYPERLINK("http://evil.example","Click")',
      '=1+1',
      '@SUM(A1)',
      '+cmd',
      '-cmd',
      '-',
      '\tTab',
      '\rCR first',
      '-5',
      '+1 514-555-0100',
      '- dash then space',
      '-.5',
    ];
    const { rows } = await sql<{
      v: string;
      q: string;
    }>`SELECT v, csv_field(v) AS q FROM unnest(${samples}::text[]) AS v`.execute(ctx.db);
    expect(rows.map((r) => r.q)).toEqual(samples.map((v) => csvField(v)));
    const nul = await sql<{ q: string }>`SELECT csv_field(NULL) AS q`.execute(ctx.db);
    expect(nul.rows[0]!.q).toBe(csvField(null));
  });

  it('never carry a spreadsheet formula as it came, in the extract file as in every CSV', async () => {
    const c = await makeCustomer(ctx.db, shop, {
      customer_number: 'C-ZZ-FORMULA',
      first_name: '=HYPERLINK("http://evil.example","Click")',
      last_name: '@SUM(A1)',
    });
    try {
      const { records, text } = await extract('customerlink');
      expect(records.find((r) => r.customer_number === 'C-ZZ-FORMULA')).toMatchObject({
        first_name: `'=HYPERLINK("http://evil.example","Click")`,
        last_name: `'@SUM(A1)`,
      });
      expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    } finally {
      await ctx.db.deleteFrom('customers').where('id', '=', c.id).execute();
    }
  });

  it('survive a round trip through the file, line breaks included', async () => {
    const c = await makeCustomer(ctx.db, shop, {
      customer_number: 'C-ZZ-MULTI',
      first_name: 'Multi\r\nLine',
      last_name: 'Comma, "Quote"',
    });
    try {
      const { records } = await extract('customerlink');
      expect(records.find((r) => r.customer_number === 'C-ZZ-MULTI')).toMatchObject({
        first_name: 'Multi\r\nLine',
        last_name: 'Comma, "Quote"',
      });
    } finally {
      await ctx.db.deleteFrom('customers').where('id', '=', c.id).execute();
    }
  });
});

describe('CustomerLink extract', () => {
  it('has one row per active vehicle, the location fields, last visit, last odometer and next visit', async () => {
    const { records, text } = await extract('customerlink');
    expect(parseCsv(text)[0]).toEqual(EXTRACTS.customerlink.columns);
    const zeb = records.filter((r) => r.customer_number === 'C-ZEB');
    expect(zeb).toEqual([
      expect.objectContaining({
        account_number: 'CL-4242',
        business_name: 'Garage "Le Bon", Inc.',
        business_phone: '514-555-0100',
        first_name: 'Zebulon',
        last_name: 'Quixwhistle',
        email: SECRET_PERSON.email,
        phone: SECRET_PERSON.phone,
        address_line1: SECRET_PERSON.address_line1,
        city: 'Chicoutimi',
        do_not_mail: 'N',
        language: 'fr',
        vin: '1HGCM82633A004352',
        vehicle_year: '2019',
        vehicle_make: 'Honda',
        vehicle_model: 'Civic',
        last_visit_date: DAY,
        odometer: '45678',
        odometer_unit: 'km',
        next_visit_date: '2027-05-22',
      }),
    ]);
    // Every customer of the shop exactly once per active vehicle, across page boundaries.
    expect(records.map((r) => `${r.customer_number}/${r.vin}`)).toEqual([
      'C-ZEB/1HGCM82633A004352',
      `C-0/${'VIN0A'.padEnd(17, '0')}`,
      `C-0/${'VIN0B'.padEnd(17, '0')}`,
      'C-1/',
      `C-2/${'VIN2A'.padEnd(17, '0')}`,
      `C-2/${'VIN2B'.padEnd(17, '0')}`,
      'C-3/',
      `C-4/${'VIN4A'.padEnd(17, '0')}`,
      `C-4/${'VIN4B'.padEnd(17, '0')}`,
      'C-DNM/',
      'C-BOUNCE/',
    ]);
    expect(records.find((r) => r.customer_number === 'C-1')!.last_name).toBe('Last, "1"');
    expect(text).not.toContain('STRANGER');
  });

  it('flags Do Not Mail customers and sends nothing else about them', async () => {
    const { records, text } = await extract('customerlink');
    const dnm = records.find((r) => r.customer_number === 'C-DNM')!;
    expect(dnm.do_not_mail).toBe('Y');
    expect([dnm.first_name, dnm.last_name, dnm.email, dnm.address_line1, dnm.vin].join('')).toBe('');
    expect(text).not.toContain('Nomail');
    expect(text).not.toContain('dora@nomail.example');
    expect(records.find((r) => r.customer_number === 'C-BOUNCE')!.email).toBe('');
  });

  it('is the same file whatever the page size', async () => {
    const a = await extract('customerlink', 1);
    const b = await extract('customerlink', 5000);
    expect(a.file.sha256).toBe(b.file.sha256);
    expect(a.file.rows).toBe(11);
    expect(a.file.bytes).toBe(Buffer.byteLength(a.text));
  });
});

describe('CARFAX extract', () => {
  it('has one row per closed repair order of the day with a vehicle: facility, vehicle, packages', async () => {
    const { records, text, file } = await extract('carfax');
    expect(parseCsv(text)[0]).toEqual(EXTRACTS.carfax.columns);
    expect(file.rows).toBe(4);
    expect(records[0]).toEqual({
      ro_date: DAY,
      ro_number: expect.stringMatching(/^RO\d+$/),
      vin: '1HGCM82633A004352',
      plate: 'QC123',
      plate_region: 'QC',
      facility_name: 'Garage "Le Bon", Inc.',
      facility_address1: '1 Main St',
      facility_address2: '',
      facility_city: 'Montréal',
      facility_region: 'QC',
      facility_postal_code: 'H2X 1Y4',
      facility_country: 'CA',
      facility_phone: '514-555-0100',
      odometer: '45678',
      odometer_unit: 'km',
      vehicle_year: '2019',
      vehicle_make: 'Honda',
      vehicle_model: 'Civic',
      vehicle_submodel: 'EX',
      vehicle_engine: '2.0L I4',
      service_packages: 'Oil change package | Tire rotation',
    });
    expect(text).not.toContain('YESTERDAY');
    expect(text).not.toContain('STRANGER');
  });

  it('never carries labor or parts lines, amounts, or the customer', async () => {
    const { text } = await extract('carfax');
    for (const forbidden of [
      'XYZZY-LABOR',
      'PLUGH-PART',
      'Counter sale',
      '987.65',
      '432.1',
      '321.09',
      '987',
      '432',
      '321',
      'Zebulon',
      'Quixwhistle',
      'zebulon',
      'private.example',
      '418-555-0199',
      'Introuvable',
      'Chicoutimi',
      'G7H',
      'C-ZEB',
    ]) {
      expect(text, forbidden).not.toContain(forbidden);
    }
    for (const column of EXTRACTS.carfax.columns)
      expect(column).not.toMatch(/customer|name_|email|amount|price|labor|part/);
  });
});

describe('MechanicNET extract', () => {
  it('has the shop, each repair order of the day with its vehicle and a summary of its lines', async () => {
    const { records, text } = await extract('mechanicnet');
    expect(parseCsv(text)[0]).toEqual(EXTRACTS.mechanicnet.columns);
    expect(records).toHaveLength(5);
    expect(records[0]).toEqual(
      expect.objectContaining({
        shop_id: 'MN-77',
        shop_name: 'Garage "Le Bon", Inc.',
        ro_date: DAY,
        customer_number: 'C-ZEB',
        vin: '1HGCM82633A004352',
        odometer: '45678',
        service_packages: 'Oil change package | Tire rotation',
        labor_descriptions: 'XYZZY-LABOR replaced brake pads',
        part_lines: '1',
        total_amount: '987.65',
      }),
    );
    expect(records[1]).toEqual(
      expect.objectContaining({ vin: '', labor_descriptions: 'Counter sale', total_amount: '10.00' }),
    );
    expect(text).not.toContain('Quixwhistle');
    expect(text).not.toContain('private.example');
  });
});
