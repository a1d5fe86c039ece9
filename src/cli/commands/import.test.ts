// relance import through the CLI entry: usage errors (exit 2), lookup errors (exit 1), a good
// file (0), bad rows (3, report next to the input), a file that cannot be imported (1, no
// report left behind), and a database failure part-way (1, the report of what was settled
// kept, the output saying how far it got; running it again finishes it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { cliDatabase, relance, type CliDatabase } from './cli-test-database.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'relance-import-cli-'));
let database: CliDatabase;
let org: { a: { orgId: number; name: string }; b: { orgId: number; name: string } };

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const lines = (...rows: string[]) => `${rows.join('\n')}\n`;
/** The rejects report is CSV as RFC 4180 writes it: CRLF line ends. */
const reportLines = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;
const customers = (orgId: number) =>
  database.use(
    async (db) =>
      await db
        .selectFrom('customers')
        .select(['customer_number', 'last_name'])
        .where('org_id', '=', orgId)
        .orderBy('customer_number')
        .execute(),
  );

beforeAll(async () => {
  database = await cliDatabase();
  org = await database.use(async (db) => {
    // Two organizations both with a location "main" (--org tells them apart), and one "solo".
    const a = await makeShop(db, { code: 'main' });
    const b = await makeShop(db, { code: 'main' });
    await makeShop(db, { code: 'solo' });
    const name = async (id: number) =>
      (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirstOrThrow())
        .name;
    return {
      a: { orgId: a.orgId, name: await name(a.orgId) },
      b: { orgId: b.orgId, name: await name(b.orgId) },
    };
  });
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`relance import on ${backendName}`, { timeout: 180_000 }, () => {
  it('names what is wrong with the arguments (exit 2) and writes nothing', async () => {
    const good = file('usage.csv', lines('customer_number,last_name', 'U1,Roy'));
    const cases: [string[], string][] = [
      [['import'], 'the first argument must be one of customers, vehicles, repair-orders, appointments'],
      [['import', 'invoices', good, '--location', 'solo'], 'the first argument must be one of'],
      [['import', 'customers', '--location', 'solo'], 'give the CSV file to import'],
      [['import', 'customers', good], '--location CODE is required'],
      [
        ['import', 'customers', join(dir, 'nowhere.csv'), '--location', 'solo'],
        `cannot read ${join(dir, 'nowhere.csv')}`,
      ],
      [
        ['import', 'customers', good, '--location', 'solo', '--encoding', 'klingon-8'],
        '--encoding "klingon-8" is not an encoding this import knows',
      ],
      [
        ['import', 'customers', good, '--location', 'solo', '--batch-size', '0'],
        '--batch-size must be a whole number ≥ 1',
      ],
      [
        ['import', 'customers', good, '--location', 'solo', '--rejects', good],
        '--rejects must not be the file being imported',
      ],
      [['import', 'customers', good, '--locaton', 'solo'], "Unknown option '--locaton'"],
    ];
    for (const [argv, message] of cases) {
      const r = await relance(database, ...argv);
      expect({ argv, code: r.code, err: r.err }).toEqual({
        argv,
        code: 2,
        err: expect.stringContaining(message),
      });
      expect(r.err).toContain('Usage: relance import');
    }
    expect(readFileSync(good, 'utf8')).toContain('U1,Roy');
    expect(existsSync(join(dir, 'usage.rejects.csv'))).toBe(false);
  });

  it('finds the location by code, and by --org (name or id) when the code is in several organizations', async () => {
    const path = file('who.csv', lines('customer_number,last_name', 'W1,Roy'));
    const unknown = await relance(database, 'import', 'customers', path, '--location', 'nope');
    expect([unknown.code, unknown.err.trim()]).toEqual([1, 'relance import: no location with code "nope"']);
    const ambiguous = await relance(database, 'import', 'customers', path, '--location', 'main');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain(
      `location code "main" exists in several organizations (${org.a.orgId} "${org.a.name}", ${org.b.orgId} "${org.b.name}"): add --org NAME or --org ID`,
    );
    const noSuchOrg = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'main',
      '--org',
      'Garage Fantôme',
    );
    expect([noSuchOrg.code, noSuchOrg.err.trim()]).toEqual([
      1,
      'relance import: no location with code "main" in organization "Garage Fantôme"',
    ]);
    const byName = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'main',
      '--org',
      org.b.name,
    );
    expect(byName.code, byName.err).toBe(0);
    const byId = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'main',
      '--org',
      String(org.a.orgId),
    );
    expect(byId.code, byId.err).toBe(0);
    expect(byId.out).toContain(
      `${path} → Garage Test: 1 new, 0 updated, 0 unchanged, 0 rejected (0 lines), 0 warnings; encoding utf-8`,
    );
    expect(await customers(org.a.orgId)).toEqual([{ customer_number: 'W1', last_name: 'Roy' }]);
    expect(await customers(org.b.orgId)).toEqual([{ customer_number: 'W1', last_name: 'Roy' }]);
    // Nothing to report: no report file.
    expect(existsSync(join(dir, 'who.rejects.csv'))).toBe(false);
  });

  it('bad rows: exit 3, good rows imported, the report next to the input (or at --rejects)', async () => {
    const path = file(
      'bad rows.csv',
      lines(
        'customer_number,last_name,birthday',
        'B1,Roy,1980-02-29',
        'B2,Roy,1981-02-29',
        'B3,Côté,',
        'B3,Côté bis,',
      ),
    );
    // Run as a user would: bin/relance in its own process (real exit code, no stack trace).
    const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, DEMO_DATA: 'off' };
    if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
    const r = spawnSync(
      join(root, 'bin', 'relance'),
      ['import', 'customers', path, '--location', 'main', '--org', org.a.name],
      { cwd: root, env, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toContain(
      `${path} → Garage Test: 2 new, 0 updated, 0 unchanged, 2 rejected (2 lines), 0 warnings`,
    );
    const report = join(dir, 'bad rows.rejects.csv');
    expect(r.stderr).toContain(`Problems by reason (all of them, with line numbers, in ${report}):`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(report, 'utf8')).toBe(
      reportLines(
        'line,severity,column,reason,value',
        '3,rejected,birthday,"""1981-02-29"" is not a real date",1981-02-29',
        '5,rejected,customer_number,"duplicate customer_number ""B3"" (first on line 4)",B3',
      ),
    );
    const elsewhere = join(dir, 'elsewhere.csv');
    const again = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'main',
      '--org',
      org.a.name,
      '--rejects',
      elsewhere,
    );
    expect(again.code).toBe(3);
    expect(again.out).toContain('0 new, 0 updated, 2 unchanged, 2 rejected');
    expect(readFileSync(elsewhere, 'utf8')).toContain('1981-02-29');
  });

  it('a file that cannot be imported: exit 1 naming why, nothing written, no report left behind', async () => {
    const path = file('no-key.csv', lines('first_name,last_name', 'Ana,Roy'));
    const r = await relance(database, 'import', 'customers', path, '--location', 'solo');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `relance import: ${path}: missing required column: customer_number (nothing was imported`,
    );
    expect(existsSync(join(dir, 'no-key.rejects.csv'))).toBe(false);
  });

  it('reads an Excel "Unicode text" file (UTF-16, tab-separated) and says so', async () => {
    const text = ['customer_number\tlast_name', 'X1\tLévesque', 'X2\tNúñez', ''].join('\r\n');
    const path = file(
      'unicode.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const r = await relance(database, 'import', 'customers', path, '--location', 'main', '--org', org.b.name);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      '2 new, 0 updated, 0 unchanged, 0 rejected (0 lines), 0 warnings; encoding utf-16le, tab-separated',
    );
    expect((await customers(org.b.orgId)).map((c) => c.last_name)).toEqual(['Roy', 'Lévesque', 'Núñez']);
  });

  it('a database failure part-way: exit 1, the report of what was settled kept, how far it got; running it again finishes it', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => {
      const n = `M${String(i + 1).padStart(3, '0')}`;
      return n === 'M005' || n === 'M095' ? `${n},Roy,2001-13-01` : `${n},Roy,`;
    });
    const path = file('midway.csv', lines('customer_number,last_name,birthday', ...rows));
    const report = join(dir, 'midway.rejects.csv');
    await database.use(async (db) => {
      await sql`CREATE FUNCTION refuse_m100() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.customer_number = 'M100' THEN RAISE EXCEPTION 'could not write to file (simulated)' USING ERRCODE = '58030'; END IF; RETURN NEW; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER refuse_m100 BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION refuse_m100()`.execute(
        db,
      );
    });
    const r = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'solo',
      '--batch-size',
      '30',
    );
    await database.use(async (db) => {
      await sql`DROP TRIGGER refuse_m100 ON customers`.execute(db);
      await sql`DROP FUNCTION refuse_m100()`.execute(db);
    });
    expect(r.code).toBe(1);
    // Batches of 30 customers: M001-M031 (M005 rejected on reading), M032-M061, M062-M091, then
    // M092-M122 fails at M100 and is retried row by row: M092-M099 are written (M095 rejected).
    expect(r.err).toContain(
      `relance import: ${path}: the import stopped part-way: could not write to file (simulated)\n` +
        `Rows up to line 100 were dealt with: 97 new, 0 updated, 0 unchanged, 2 rejected (2 lines, 0 warnings, in ${report}); nothing after line 100 was written.\n` +
        'Fix the cause and run the same command again: rows already imported are left unchanged, the rest is imported.',
    );
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(report, 'utf8')).toBe(
      reportLines(
        'line,severity,column,reason,value',
        '6,rejected,birthday,"""2001-13-01"" is not a real date",2001-13-01',
        '96,rejected,birthday,"""2001-13-01"" is not a real date",2001-13-01',
      ),
    );
    const soloOrg = await database.use(
      async (db) =>
        (
          await db
            .selectFrom('locations')
            .select('org_id')
            .where('code', '=', 'solo')
            .executeTakeFirstOrThrow()
        ).org_id,
    );
    const written = await customers(soloOrg);
    expect(written).toHaveLength(97);
    expect(written.at(-1)!.customer_number).toBe('M099');

    const again = await relance(
      database,
      'import',
      'customers',
      path,
      '--location',
      'solo',
      '--batch-size',
      '30',
    );
    expect(again.code).toBe(3);
    expect(again.out).toContain('21 new, 0 updated, 97 unchanged, 2 rejected (2 lines)');
    const all = await customers(soloOrg);
    expect(all).toHaveLength(118);
    expect(new Set(all.map((c) => c.customer_number)).size).toBe(118);
  });
});
