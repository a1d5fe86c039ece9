// Bad files: wrong encoding, missing columns, duplicates, impossible dates, bad numbers and
// VINs, unknown references, malformed CSV. Good rows are imported, bad ones reported.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { csv, runImport } from '../../test/helpers/data.ts';
import { makeShop } from '../../test/helpers/factories.ts';
import { ImportError } from './types.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const customersCount = async (orgId: number) =>
  Number((await database.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);

describe('import of bad files', () => {
  it('reads a Windows-1252 export with accents, and says so', async () => {
    const shop = await makeShop(database.db);
    const text = csv('customer_number,first_name,last_name,city', 'W1,Hélène,Thériault,Montréal', 'W2,Iñaki,Muñoz,Québec', 'W3,Zoë,Brontë,Chicoutimi');
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0xe9)).toBe(true); // é as one byte: not UTF-8
    const r = await runImport(database.db, shop, 'customers', bytes, { chunkBytes: 5 });
    expect(r.imported).toBe(3);
    expect(r.encoding).toBe('windows-1252');
    expect(r.encodingNote).toMatch(/not valid UTF-8: decoded as Windows-1252/);
    expect(r.report).toEqual([expect.objectContaining({ line: '0', severity: 'warning' })]);
    const names = await database.db.selectFrom('customers').select(['mailing_name', 'city']).where('org_id', '=', shop.orgId).orderBy('customer_number').execute();
    expect(names).toEqual([
      { mailing_name: 'Hélène Thériault', city: 'Montréal' },
      { mailing_name: 'Iñaki Muñoz', city: 'Québec' },
      { mailing_name: 'Zoë Brontë', city: 'Chicoutimi' },
    ]);
  });

  it('strips a UTF-8 BOM, keeps UTF-8 accents split across reads, and honours a forced encoding', async () => {
    const shop = await makeShop(database.db);
    const text = csv('Customer Number,First Name,Last Name', 'B1,Geneviève,Côté');
    const r = await runImport(database.db, shop, 'customers', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { chunkBytes: 3 });
    expect([r.imported, r.rejectedLines, r.encoding]).toEqual([1, 0, 'utf-8']);
    const latin = await runImport(database.db, shop, 'customers', iconv.encode(csv('customer_number,last_name', 'B2,Lévesque'), 'latin1'), { encoding: 'latin1' });
    expect([latin.imported, latin.encodingNote]).toEqual([1, null]);
    const names = await database.db.selectFrom('customers').select('mailing_name').where('org_id', '=', shop.orgId).orderBy('customer_number').execute();
    expect(names.map((n) => n.mailing_name)).toEqual(['Geneviève Côté', 'Lévesque']);
  });

  it('fails before importing anything when required columns are missing, naming them', async () => {
    const shop = await makeShop(database.db);
    const text = csv('ro_number,closed_on,amount', 'R1,2025-01-01,10');
    await expect(runImport(database.db, shop, 'repair-orders', text)).rejects.toThrow(ImportError);
    await expect(runImport(database.db, shop, 'repair-orders', text)).rejects.toThrow('missing required columns: opened_on, line_kind, description');
    const many = csv('first_name,last_name', ...Array.from({ length: 1200 }, (_, i) => `A${i},B`));
    await expect(runImport(database.db, shop, 'customers', many)).rejects.toThrow('missing required column: customer_number');
    expect(await customersCount(shop.orgId)).toBe(0);
  });

  it('rejects duplicate keys within the file; a key already in the database is an update', async () => {
    const shop = await makeShop(database.db);
    await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'D1,Roy'));
    const r = await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'D1,Roy-Gagnon', 'D2,Leblanc', 'D2,Leblanc bis', 'D3,Ortiz', 'D2,Leblanc ter'), { batchSize: 2 });
    expect([r.imported, r.updated, r.rejected]).toEqual([2, 1, 2]);
    expect(r.report).toEqual([
      { line: '4', severity: 'rejected', column: 'customer_number', reason: 'duplicate customer_number "D2" (first on line 3)', value: 'D2' },
      { line: '6', severity: 'rejected', column: 'customer_number', reason: 'duplicate customer_number "D2" (first on line 3)', value: 'D2' },
    ]);
    const d2 = await database.db.selectFrom('customers').select('last_name').where('org_id', '=', shop.orgId).where('customer_number', '=', 'D2').executeTakeFirstOrThrow();
    expect(d2.last_name).toBe('Leblanc');
  });

  it('rejects impossible dates and bad numbers with line, column and reason, and imports the rest', async () => {
    const shop = await makeShop(database.db);
    await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'K1,Roy'));
    const r = await runImport(database.db, shop, 'vehicles', csv(
      'vin,customer_number,year,delivery_date,usage_unit',
      '2HGFC2F52KH500001,K1,2019,2025-02-30,km',
      '1FTEW1EP4JFA00002,K1,twenty,2018-04-20,km',
      '5YJ3E1EA1KF000003,K1,2019,,miles',
      '5YJ3E1EA1KF00003,K1,2019,,mi',
      '5YJ3E1EA9KF000004,K1,2019,,mi',
      'JM1BK32F381000005,K9,2008,,km',
      'JM1BK32F781000006,,2008,2008/05/01,km',
    ));
    expect(r.report).toEqual([
      { line: '2', severity: 'rejected', column: 'delivery_date', reason: '"2025-02-30" is not a real date', value: '2025-02-30' },
      { line: '3', severity: 'rejected', column: 'year', reason: '"twenty" is not a number', value: 'twenty' },
      { line: '4', severity: 'rejected', column: 'usage_unit', reason: '"miles" is not one of km, mi, h', value: 'miles' },
      { line: '5', severity: 'rejected', column: 'vin', reason: 'a VIN has 17 characters (got 16)', value: '5YJ3E1EA1KF00003' },
      { line: '6', severity: 'warning', column: 'vin', reason: expect.stringMatching(/^check digit \(position 9\) is "9" but should be "\d".*\(imported anyway\)$/), value: '5YJ3E1EA9KF000004' },
      { line: '8', severity: 'rejected', column: 'delivery_date', reason: '"2008/05/01" is not a date in the form YYYY-MM-DD', value: '2008/05/01' },
      { line: '7', severity: 'rejected', column: 'customer_number', reason: 'unknown customer_number "K9": import the customers first', value: 'K9' },
    ]);
    expect([r.imported, r.rejected, r.rejectedLines, r.warnings]).toEqual([1, 6, 6, 1]);
    const ro = await runImport(database.db, shop, 'repair-orders', csv(
      'ro_number,opened_on,closed_on,customer_number,vin,odometer,line_kind,description,amount',
      'N1,2025-01-10,2025-01-10,K1,5YJ3E1EA9KF000004,-20,labor,Diagnose,95',
      'N2,2025-01-10,2025-01-09,K1,,,labor,Diagnose,95',
      'N3,2025-01-10,2025-01-10,K1,,,repair,Diagnose,95',
      'N4,2025-01-10,2025-01-10,K1,,,labor,Diagnose,12.3.4',
    ));
    expect(ro.report.map((p) => [p.line, p.column, p.reason])).toEqual([
      ['2', 'odometer', '-20 is below 0'],
      ['3', 'closed_on', '2025-01-09 is before opened_on 2025-01-10'],
      ['4', 'line_kind', '"repair" is not one of labor, part, package, declined'],
      ['5', 'amount', '"12.3.4" is not a number'],
    ]);
    expect([ro.imported, ro.rejected]).toEqual([0, 4]);
  });

  it('rows with too many or too few fields and malformed quoting are rejected; the rest is imported', async () => {
    const shop = await makeShop(database.db);
    const r = await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'F1,Roy', 'F2', 'F3,Roy,extra', 'F4,"Multi', 'line"', 'F6,Gagnon', 'F5,"broken"x'));
    // Malformed records are found while parsing, ahead of the rows being checked: sort by line.
    const report = r.report.map((p) => [p.line, p.reason]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(report.slice(0, 3)).toEqual([
      ['3', 'the row has fewer fields than the header (2)'],
      ['4', 'the row has more fields than the header (2)'],
      ['8', expect.stringMatching(/^malformed CSV: Invalid Closing Quote: got "x" at line 8/)],
    ]);
    expect(new Set(report.map((l) => l[0]))).toEqual(new Set(['3', '4', '8']));
    const names = await database.db.selectFrom('customers').select('last_name').where('org_id', '=', shop.orgId).orderBy('customer_number').execute();
    expect(names.map((n) => n.last_name)).toEqual(['Roy', 'Multi\nline', 'Gagnon']);
    expect([r.imported, r.rejectedLines, r.stoppedAt]).toEqual([3, 3, null]);
  });
});
