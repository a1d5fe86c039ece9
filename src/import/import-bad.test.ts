// Bad files: wrong encoding, missing columns, duplicates, impossible dates, bad numbers and
// VINs, unknown references, malformed CSV. Good rows are imported, bad ones reported.
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { csv, runImport } from '../../test/helpers/data.ts';
import { makeShop } from '../../test/helpers/factories.ts';
import { ImportError, ImportInterrupted } from './types.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const customersCount = async (orgId: number) =>
  Number(
    (
      await database.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('import of bad files', () => {
  it('reads a Windows-1252 export with accents, and says so', async () => {
    const shop = await makeShop(database.db);
    const text = csv(
      'customer_number,first_name,last_name,city',
      'W1,Hélène,Thériault,Montréal',
      'W2,Iñaki,Muñoz,Québec',
      'W3,Zoë,Brontë,Chicoutimi',
    );
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0xe9)).toBe(true); // é as one byte: not UTF-8
    const r = await runImport(database.db, shop, 'customers', bytes, { chunkBytes: 5 });
    expect(r.imported).toBe(3);
    expect(r.encoding).toBe('windows-1252');
    expect(r.encodingNote).toMatch(/not valid UTF-8: decoded as Windows-1252/);
    expect(r.report).toEqual([expect.objectContaining({ line: '0', severity: 'warning' })]);
    const names = await database.db
      .selectFrom('customers')
      .select(['mailing_name', 'city'])
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    expect(names).toEqual([
      { mailing_name: 'Hélène Thériault', city: 'Montréal' },
      { mailing_name: 'Iñaki Muñoz', city: 'Québec' },
      { mailing_name: 'Zoë Brontë', city: 'Chicoutimi' },
    ]);
  });

  it('strips a UTF-8 BOM, keeps UTF-8 accents split across reads, and honours a forced encoding', async () => {
    const shop = await makeShop(database.db);
    const text = csv('Customer Number,First Name,Last Name', 'B1,Geneviève,Côté');
    const r = await runImport(
      database.db,
      shop,
      'customers',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      { chunkBytes: 3 },
    );
    expect([r.imported, r.rejectedLines, r.encoding]).toEqual([1, 0, 'utf-8']);
    const latin = await runImport(
      database.db,
      shop,
      'customers',
      iconv.encode(csv('customer_number,last_name', 'B2,Lévesque'), 'latin1'),
      { encoding: 'latin1' },
    );
    expect([latin.imported, latin.encodingNote]).toEqual([1, null]);
    const names = await database.db
      .selectFrom('customers')
      .select('mailing_name')
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    expect(names.map((n) => n.mailing_name)).toEqual(['Geneviève Côté', 'Lévesque']);
  });

  it('reads Excel "Unicode text" (UTF-16LE with BOM FF FE, tab-separated, CRLF), even read one odd byte at a time', async () => {
    const shop = await makeShop(database.db);
    const text = [
      'customer_number\tfirst_name\tlast_name\tcompany_name\tcity',
      'U1\tHélène\tThériault\t\tMontréal',
      'U2\t\t\tTransport Côté, inc.\tQuébec',
      'U3\tŁukasz\tŻółw 🚗\t\tLévis',
      '',
    ].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for (const chunkBytes of [1, 3, 4096]) {
      const r = await runImport(database.db, shop, 'customers', bytes, { chunkBytes });
      expect({
        chunkBytes,
        encoding: r.encoding,
        delimiter: r.delimiter,
        note: r.encodingNote,
        report: r.report,
      }).toEqual({ chunkBytes, encoding: 'utf-16le', delimiter: '\t', note: null, report: [] });
    }
    const rows = await database.db
      .selectFrom('customers')
      .select(['customer_number', 'mailing_name', 'city'])
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    expect(rows).toEqual([
      { customer_number: 'U1', mailing_name: 'Hélène Thériault', city: 'Montréal' },
      { customer_number: 'U2', mailing_name: 'Transport Côté, inc.', city: 'Québec' },
      { customer_number: 'U3', mailing_name: 'Łukasz Żółw 🚗', city: 'Lévis' },
    ]);
  });

  it('reads UTF-16 big-endian, UTF-16 without a BOM, and semicolon-separated files', async () => {
    const shop = await makeShop(database.db);
    const text = csv('customer_number,last_name', 'E1,Bélanger');
    const be = Buffer.from(text, 'utf16le').swap16();
    const r1 = await runImport(
      database.db,
      shop,
      'customers',
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      { chunkBytes: 5 },
    );
    expect([r1.imported, r1.encoding, r1.rejectedLines]).toEqual([1, 'utf-16be', 0]);
    const r2 = await runImport(
      database.db,
      shop,
      'customers',
      Buffer.from(csv('customer_number,last_name', 'E2,Pépin'), 'utf16le'),
    );
    expect([r2.imported, r2.encoding]).toEqual([1, 'utf-16le']);
    const r3 = await runImport(
      database.db,
      shop,
      'customers',
      csv('customer_number;last_name;address_line1', 'E3;Gagné;"12, rue des Érables"'),
    );
    expect([r3.imported, r3.delimiter, r3.rejectedLines]).toEqual([1, ';', 0]);
    const rows = await database.db
      .selectFrom('customers')
      .select(['mailing_name', 'address_line1'])
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    expect(rows).toEqual([
      { mailing_name: 'Bélanger', address_line1: null },
      { mailing_name: 'Pépin', address_line1: null },
      { mailing_name: 'Gagné', address_line1: '12, rue des Érables' },
    ]);
  });

  it('refuses an unknown forced encoding before reading anything', async () => {
    const shop = await makeShop(database.db);
    await expect(
      runImport(database.db, shop, 'customers', csv('customer_number', 'X1'), { encoding: 'klingon-8' }),
    ).rejects.toThrow(ImportError);
    await expect(
      runImport(database.db, shop, 'customers', csv('customer_number', 'X1'), { encoding: 'klingon-8' }),
    ).rejects.toThrow('unknown encoding "klingon-8"');
    expect(await customersCount(shop.orgId)).toBe(0);
  });

  it('fails before importing anything when required columns are missing, naming them', async () => {
    const shop = await makeShop(database.db);
    const text = csv('ro_number,closed_on,amount', 'R1,2025-01-01,10');
    await expect(runImport(database.db, shop, 'repair-orders', text)).rejects.toThrow(ImportError);
    await expect(runImport(database.db, shop, 'repair-orders', text)).rejects.toThrow(
      'missing required columns: opened_on, line_kind, description',
    );
    const many = csv('first_name,last_name', ...Array.from({ length: 1200 }, (_, i) => `A${i},B`));
    await expect(runImport(database.db, shop, 'customers', many)).rejects.toThrow(
      'missing required column: customer_number',
    );
    expect(await customersCount(shop.orgId)).toBe(0);
  });

  it('rejects duplicate keys within the file; a key already in the database is an update', async () => {
    const shop = await makeShop(database.db);
    await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'D1,Roy'));
    const r = await runImport(
      database.db,
      shop,
      'customers',
      csv(
        'customer_number,last_name',
        'D1,Roy-Gagnon',
        'D2,Leblanc',
        'D2,Leblanc bis',
        'D3,Ortiz',
        'D2,Leblanc ter',
      ),
      { batchSize: 2 },
    );
    expect([r.imported, r.updated, r.rejected]).toEqual([2, 1, 2]);
    expect(r.report).toEqual([
      {
        line: '4',
        severity: 'rejected',
        column: 'customer_number',
        reason: 'duplicate customer_number "D2" (first on line 3)',
        value: 'D2',
      },
      {
        line: '6',
        severity: 'rejected',
        column: 'customer_number',
        reason: 'duplicate customer_number "D2" (first on line 3)',
        value: 'D2',
      },
    ]);
    const d2 = await database.db
      .selectFrom('customers')
      .select('last_name')
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', 'D2')
      .executeTakeFirstOrThrow();
    expect(d2.last_name).toBe('Leblanc');
  });

  it('rejects impossible dates and bad numbers with line, column and reason, and imports the rest', async () => {
    const shop = await makeShop(database.db);
    await runImport(database.db, shop, 'customers', csv('customer_number,last_name', 'K1,Roy'));
    const r = await runImport(
      database.db,
      shop,
      'vehicles',
      csv(
        'vin,customer_number,year,delivery_date,usage_unit',
        '2HGFC2F52KH500001,K1,2019,2025-02-30,km',
        '1FTEW1EP4JFA00002,K1,twenty,2018-04-20,km',
        '5YJ3E1EA1KF000003,K1,2019,,miles',
        '5YJ3E1EA1KF00003,K1,2019,,mi',
        '5YJ3E1EA9KF000004,K1,2019,,mi',
        'JM1BK32F381000005,K9,2008,,km',
        'JM1BK32F781000006,,2008,2008/05/01,km',
        'WVWZZZ1JZXW000001,K1,,,km',
      ),
    );
    expect(r.report).toEqual([
      {
        line: '2',
        severity: 'rejected',
        column: 'delivery_date',
        reason: '"2025-02-30" is not a real date',
        value: '2025-02-30',
      },
      {
        line: '3',
        severity: 'rejected',
        column: 'year',
        reason: '"twenty" is not a number',
        value: 'twenty',
      },
      {
        line: '4',
        severity: 'rejected',
        column: 'usage_unit',
        reason: '"miles" is not one of km, mi, h',
        value: 'miles',
      },
      {
        line: '5',
        severity: 'rejected',
        column: 'vin',
        reason: 'a VIN has 17 characters (got 16)',
        value: '5YJ3E1EA1KF00003',
      },
      {
        // One VIN rule with the API: a North American VIN needs its check digit…
        line: '6',
        severity: 'rejected',
        column: 'vin',
        reason: expect.stringMatching(/^check digit \(position 9\) is "9" but should be "\d"/),
        value: '5YJ3E1EA9KF000004',
      },
      {
        line: '8',
        severity: 'rejected',
        column: 'delivery_date',
        reason: '"2008/05/01" is not a date in the form YYYY-MM-DD',
        value: '2008/05/01',
      },
      // …a European one has none (imported), and its missing maker and year come from the VIN.
      { line: '9', severity: 'filled', column: 'make', reason: 'filled from the VIN', value: 'Volkswagen' },
      { line: '9', severity: 'filled', column: 'year', reason: 'filled from the VIN', value: '1999' },
      {
        line: '7',
        severity: 'rejected',
        column: 'customer_number',
        reason: 'unknown customer_number "K9": import the customers first',
        value: 'K9',
      },
    ]);
    expect([r.imported, r.rejected, r.rejectedLines, r.warnings, r.filled]).toEqual([1, 7, 7, 0, 2]);
    const ro = await runImport(
      database.db,
      shop,
      'repair-orders',
      csv(
        'ro_number,opened_on,closed_on,customer_number,vin,odometer,line_kind,description,amount',
        'N1,2025-01-10,2025-01-10,K1,WVWZZZ1JZXW000001,-20,labor,Diagnose,95',
        'N2,2025-01-10,2025-01-09,K1,,,labor,Diagnose,95',
        'N3,2025-01-10,2025-01-10,K1,,,repair,Diagnose,95',
        'N4,2025-01-10,2025-01-10,K1,,,labor,Diagnose,12.3.4',
      ),
    );
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
    const r = await runImport(
      database.db,
      shop,
      'customers',
      csv(
        'customer_number,last_name',
        'F1,Roy',
        'F2',
        'F3,Roy,extra',
        'F4,"Multi',
        'line"',
        'F6,Gagnon',
        'F5,"broken"x',
      ),
    );
    // Malformed records are found while parsing, ahead of the rows being checked: sort by line.
    const report = r.report.map((p) => [p.line, p.reason]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(report.slice(0, 3)).toEqual([
      ['3', 'the row has fewer fields than the header (2)'],
      ['4', 'the row has more fields than the header (2)'],
      ['8', expect.stringMatching(/^malformed CSV: Invalid Closing Quote: got "x" at line 8/)],
    ]);
    expect(new Set(report.map((l) => l[0]))).toEqual(new Set(['3', '4', '8']));
    const names = await database.db
      .selectFrom('customers')
      .select('last_name')
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    expect(names.map((n) => n.last_name)).toEqual(['Roy', 'Multi\nline', 'Gagnon']);
    expect([r.imported, r.rejectedLines, r.stoppedAt]).toEqual([3, 3, null]);
  });

  it('a failure outside the file (the database) stops the import, keeping what was settled; running it again finishes it', async () => {
    const shop = await makeShop(database.db);
    const rows = Array.from({ length: 300 }, (_, i) => {
      const n = `I${String(i + 1).padStart(3, '0')}`;
      return n === 'I010' ? `${n},Roy,1990-02-30` : n === 'I150' ? `${n},Roy,someday` : `${n},Roy,`;
    });
    const text = csv('customer_number,last_name,birthday', ...rows);
    // A real error from the server, of a class no row's data causes (53100: disk full).
    await sql`CREATE FUNCTION refuse_i250() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.customer_number = 'I250' THEN RAISE EXCEPTION 'could not extend file (simulated)' USING ERRCODE = '53100'; END IF; RETURN NEW; END $$`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER refuse_i250 BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION refuse_i250()`.execute(
      database.db,
    );
    let stopped: unknown;
    try {
      await runImport(database.db, shop, 'customers', text, { batchSize: 100, chunkBytes: 512 });
    } catch (err) {
      stopped = err;
    } finally {
      await sql`DROP TRIGGER refuse_i250 ON customers`.execute(database.db);
      await sql`DROP FUNCTION refuse_i250()`.execute(database.db);
    }
    expect(stopped).toBeInstanceOf(ImportInterrupted);
    expect((stopped as Error).message).toContain('could not extend file (simulated)');
    const progress = (stopped as ImportInterrupted).progress;
    const written = await database.db
      .selectFrom('customers')
      .select('customer_number')
      .where('org_id', '=', shop.orgId)
      .orderBy('customer_number')
      .execute();
    // Two full batches, then the third one unit by unit up to the refused row: nothing after it.
    expect(written.at(-1)!.customer_number).toBe('I249');
    expect(progress).toEqual({
      imported: written.length,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      rejectedLines: 2,
      warnings: 0,
      settledThrough: 250,
    });
    expect(written.length).toBe(247);

    const again = await runImport(database.db, shop, 'customers', text, { batchSize: 100 });
    expect([again.imported, again.unchanged, again.rejected]).toEqual([
      300 - 2 - written.length,
      written.length,
      2,
    ]);
    expect(await customersCount(shop.orgId)).toBe(298);
    const distinct = await database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.count('customer_number').distinct().as('n'))
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(298);
  });
});
