// relance demo through the CLI entry: bad numbers refused (exit 2), a small load (exit 0) whose
// printed counts are what is in the database, and a load that fails (exit 1) leaving nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { cliDatabase, relance, type CliDatabase } from './cli-test-database.ts';

let database: CliDatabase;
beforeAll(async () => {
  database = await cliDatabase();
}, 120_000);
afterAll(async () => database?.close());

const count = (table: string, orgName: string) =>
  database.use(async (db) =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM ${sql.table(table)} t JOIN organizations o ON o.id = t.org_id WHERE o.name = ${orgName}`.execute(
          db,
        )
      ).rows[0]!.n,
    ),
  );

describe(`relance demo on ${backendName}`, { timeout: 180_000 }, () => {
  it('refuses sizes that are not whole numbers ≥ 1, naming the flag', async () => {
    const cases: [string[], string][] = [
      [['--customers', '0'], '--customers must be a whole number ≥ 1 (got "0")'],
      [['--customers=-3'], '--customers must be a whole number ≥ 1 (got "-3")'],
      [['--locations', 'two'], '--locations must be a whole number ≥ 1 (got "two")'],
      [['--customers', '2.5'], '--customers must be a whole number ≥ 1 (got "2.5")'],
      [['--chunk-size', '0'], '--chunk-size must be a whole number ≥ 1 (got "0")'],
    ];
    for (const [argv, message] of cases) {
      const r = await relance(database, 'demo', ...argv);
      expect({ argv, code: r.code, err: r.err }).toEqual({
        argv,
        code: 2,
        err: expect.stringContaining(`relance demo: ${message}\nUsage: relance demo`),
      });
    }
    expect(
      await database.use(async (db) => (await db.selectFrom('organizations').select('id').execute()).length),
    ).toBe(0);
  });

  it('loads a small demo and prints what it loaded', async () => {
    const r = await relance(
      database,
      'demo',
      '--locations',
      '2',
      '--customers',
      '30',
      '--seed',
      'cli',
      '--org',
      'CLI Demo',
      '--chunk-size',
      '7',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^Demo organization \d+ loaded in [\d.]+ s \(seed "cli", today \d{4}-\d{2}-\d{2}\):\n {2}locations montreal, toronto\n/,
    );
    const printed =
      /(\d+) customers, (\d+) vehicles, (\d+) repair orders, (\d+) lines, (\d+) declined items, (\d+) odometer readings, (\d+) appointments/.exec(
        r.out,
      );
    expect(printed).not.toBeNull();
    const [customers, vehicles, repairOrders, lines, declined, readings, appointments] = printed!
      .slice(1)
      .map(Number);
    expect(customers).toBe(30);
    expect({
      customers: await count('customers', 'CLI Demo'),
      vehicles: await count('vehicles', 'CLI Demo'),
      repairOrders: await count('repair_orders', 'CLI Demo'),
      lines: await count('repair_order_lines', 'CLI Demo'),
      declined: await count('recommendations', 'CLI Demo'),
      readings: await count('odometer_readings', 'CLI Demo'),
      appointments: await count('appointments', 'CLI Demo'),
    }).toEqual({ customers, vehicles, repairOrders, lines, declined, readings, appointments });
    expect(vehicles).toBeGreaterThan(30);
    expect(await count('locations', 'CLI Demo')).toBe(2);
  });

  it('a load that fails: exit 1, the reason, and the partly loaded organization removed', async () => {
    await database.use(async (db) => {
      await sql`CREATE FUNCTION refuse_appointments() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'out of disk space (simulated)'; END $$`.execute(db);
      await sql`CREATE TRIGGER refuse_appointments BEFORE INSERT ON appointments FOR EACH STATEMENT EXECUTE FUNCTION refuse_appointments()`.execute(
        db,
      );
    });
    try {
      const r = await relance(
        database,
        'demo',
        '--locations',
        '1',
        '--customers',
        '20',
        '--org',
        'Broken Demo',
      );
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /relance demo: out of disk space \(simulated\); the partly loaded organization \d+ was removed\n/,
      );
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      await database.use(async (db) => {
        await sql`DROP TRIGGER refuse_appointments ON appointments`.execute(db);
        await sql`DROP FUNCTION refuse_appointments()`.execute(db);
      });
    }
    expect(
      await database.use(async (db) =>
        (await db.selectFrom('organizations').select('name').execute()).map((o) => o.name),
      ),
    ).toEqual(['CLI Demo']);
    expect(await count('customers', 'Broken Demo')).toBe(0);
  });
});
