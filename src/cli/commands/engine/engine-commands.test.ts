// relance run and relance preview: flags checked before anything runs (the bad one named),
// output, exit codes; in-process on a test clock, and through the real entry point (child
// process) for the exit codes a shell sees.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { backendName, createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { allRulesOff, outbox, setRule } from '../../../../test/helpers/engine.ts';
import { execSql } from '../../../engine/sql/exec.ts';
import { UsageError } from '../../command.ts';
import { runCommand } from './run.ts';
import { previewCommand } from './preview.ts';
import { createLogger } from '../../../config/logger.ts';

let t: TestDatabase;
let ctx: AppContext;
let clock: Date;
let shop: Awaited<ReturnType<typeof makeShop>>;
const printed: string[] = [];
const root = join(import.meta.dirname, '..', '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-engine-cli-'));

beforeAll(async () => {
  t = await createTestDatabase();
  clock = new Date('2026-05-10T15:00:00Z');
  ctx = {
    config: loadConfig({}),
    keys: deriveKeys('22'.repeat(32)),
    database: t,
    db: t.db,
    now: () => clock,
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  shop = await makeShop(t.db, { code: 'MTL', run_hour: 6 });
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'V01', { email: 1 });
  await setRule(t.db, shop, 'REMINDER_1', { email: 2 });
  const c = await makeCustomer(t.db, shop, { mailing_name: 'Ada Lovelace' });
  await makeVehicle(t.db, shop, c.id, {
    captured_on: '2026-05-10',
    make: 'Honda',
    model: 'Civic',
    year: 2019,
    plate: 'XYZ1',
  });
  await makeVehicle(t.db, shop, c.id, {
    next_visit_on: '2026-05-14',
    make: 'Ford',
    model: 'F-150',
    year: 2021,
    plate: 'F150',
  });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  printed.length = 0;
});

const run = (values: Record<string, string>) => runCommand.run({ positionals: [], values }, ctx);
const preview = (values: Record<string, string>) =>
  previewCommand.run({ positionals: [], values: { days: '7', ...values } }, ctx);

describe('relance run', () => {
  it('names a bad --date (and refuses it before looking anything up), an unknown location, --location without --date', async () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'tomorrow', '10/05/2026']) {
      const err = await run({ date: bad, location: 'NOPE' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(`--date: "${bad}" is not a date (YYYY-MM-DD)`);
    }
    await expect(run({ date: '2026-05-10', location: 'NOPE' })).rejects.toThrow(
      'no location with code "NOPE"',
    );
    await expect(run({ location: 'MTL' })).rejects.toThrow('--location needs --date');
    await expect(run({ date: '2026-05-10', location: 'MTL', org: 'x' })).rejects.toThrow(
      '--org must be an organization id (got "x")',
    );
    expect(await outbox(t.db, shop)).toEqual([]);
  });

  it('--date --location decides that day, prints the counts, and adds nothing the second time', async () => {
    expect(await run({ date: '2026-05-10', location: 'MTL' })).toBe(0);
    expect(printed).toEqual([
      '2026-05-10: 1 location(s), 1 message(s) added',
      `  ${'V01:pending'.padEnd(22)} 1`,
    ]);
    printed.length = 0;
    expect(await run({ date: '2026-05-10', location: 'MTL', org: String(shop.orgId) })).toBe(0);
    expect(printed).toEqual(['2026-05-10: 1 location(s), 0 message(s) added']);
    expect((await outbox(t.db, shop)).map((m) => [m.kind, m.due_on])).toEqual([['V01', '2026-05-10']]);
  });

  it('without --date catches up every location up to its local today; exit 1 when a day failed', async () => {
    // The clock moves to the 12th, 07:00 in Montréal: the 11th and the 12th are due.
    clock = new Date('2026-05-12T11:00:00Z');
    await execSql(t.db, `UPDATE engine_location_state SET caught_up_to = '2026-05-10' WHERE org_id = $1`, [
      shop.orgId,
    ]);
    await execSql(
      t.db,
      `CREATE FUNCTION cli_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.org_id = ${shop.orgId} AND NEW.run_on = date '2026-05-12' AND NEW.status = 'done' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`,
    );
    await execSql(
      t.db,
      'CREATE TRIGGER cli_fail BEFORE INSERT OR UPDATE ON engine_runs FOR EACH ROW EXECUTE FUNCTION cli_fail()',
    );
    try {
      expect(await run({})).toBe(1);
      expect(printed).toEqual([
        '2026-05-11: 1 location(s), 0 message(s) added',
        'caught up 1 day(s), 0 stale location-day(s) skipped',
        'day 2026-05-12 failed: simulated failure',
      ]);
    } finally {
      await execSql(t.db, 'DROP TRIGGER cli_fail ON engine_runs');
    }
    printed.length = 0;
    expect(await run({})).toBe(0);
    expect(printed).toEqual([
      '2026-05-12: 1 location(s), 1 message(s) added',
      `  ${'REMINDER_1:pending'.padEnd(22)} 1`,
      'caught up 1 day(s), 0 stale location-day(s) skipped',
    ]);
  });
});

describe('relance preview', () => {
  it('names a bad --days or --from, and an unknown location', async () => {
    await expect(preview({ location: 'MTL', days: '0' })).rejects.toThrow(
      '--days must be a whole number from 1 to 60 (got "0")',
    );
    await expect(preview({ location: 'MTL', days: 'week' })).rejects.toThrow(
      '--days must be a whole number from 1 to 60 (got "week")',
    );
    await expect(preview({ location: 'MTL', from: '2026-02-30' })).rejects.toThrow(
      '--from: "2026-02-30" is not a date (YYYY-MM-DD)',
    );
    await expect(preview({ location: 'NOPE' })).rejects.toThrow('no location with code "NOPE"');
    await expect(preview({})).rejects.toThrow('--location is required');
  });

  it('lists what will go out and why, keeping nothing', async () => {
    const v = await makeVehicle(
      t.db,
      shop,
      (await makeCustomer(t.db, shop, { mailing_name: 'Grace Hopper', email: null })).id,
      { captured_on: '2026-05-15' },
    );
    const before = await outbox(t.db, shop);
    expect(await preview({ location: 'MTL', from: '2026-05-13', days: '3' })).toBe(0);
    expect(printed[0]).toBe('MTL (Garage Test), 3 day(s) from 2026-05-13: 1 message(s)');
    expect(printed.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['day', 'kind', 'channel', 'status', 'customer', 'vehicle', 'why'],
      [
        '2026-05-15',
        'V01',
        'none',
        'held: no_email',
        'Grace Hopper',
        `2020 Toyota Corolla (${v.plate})`,
        'vehicle captured',
      ],
    ]);
    expect(await outbox(t.db, shop)).toEqual(before);
  });
});

describe(`exit codes through bin/relance on ${backendName}`, { timeout: 120_000 }, () => {
  function relance(...args: string[]) {
    const r = spawnSync(join(root, 'node_modules', '.bin', 'node'), ['src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url ?? '', RELANCE_DATA_DIR: dataDir, DEMO_DATA: 'off' },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('2 for a bad flag, named, with the usage and no stack trace; 0 for a run', () => {
    // The CLI never creates an embedded database by surprise: set one up first, as a user would.
    expect(relance('migrate').code).toBe(0);
    const bad = relance('run', '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('relance run: --date: "2026-02-30" is not a date (YYYY-MM-DD)');
    expect(bad.err).toContain('Usage: relance run');
    expect(bad.err).not.toMatch(/\bat .*\.ts:\d+/);
    const ok = relance('run', '--date', '2026-05-10');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^2026-05-10: \d+ location\(s\), \d+ message\(s\) added/);
  });
});
