// relance privacy export / erase in-process on a test database, and relance run saying why a
// location without identification sent nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { UsageError } from '../../command.ts';
import { privacyCommand } from './privacy.ts';
import { runCommand } from '../engine/run.ts';
import { createLogger } from '../../../config/logger.ts';

let t: TestDatabase;
let ctx: AppContext;
const printed: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'relance-privacy-'));

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = {
    config: loadConfig({}),
    keys: deriveKeys('33'.repeat(32)),
    database: t,
    db: t.db,
    now: () => new Date('2026-05-10T15:00:00Z'),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
});
afterEach(() => void printed.splice(0));
afterAll(async () => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe('relance privacy', () => {
  it('exports as CSV to a file, then erases with --yes; both audited as the operator', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { mailing_name: 'Cli Person' });
    await makeVehicle(t.db, shop, c.id);
    const file = join(dir, 'out.csv');
    const args = { customer: String(c.id), org: String(shop.orgId), format: 'csv', output: file };
    expect(await privacyCommand.run({ values: args, positionals: ['export'] }, ctx)).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('customer,1,mailing_name,Cli Person\r\n');
    await expect(
      privacyCommand.run(
        { values: { customer: String(c.id), org: String(shop.orgId) }, positionals: ['erase'] },
        ctx,
      ),
    ).rejects.toThrow(UsageError);
    expect(
      await privacyCommand.run(
        { values: { customer: String(c.id), org: String(shop.orgId), yes: true }, positionals: ['erase'] },
        ctx,
      ),
    ).toBe(0);
    expect(printed.at(-1)).toContain(`customer ${c.id} erased`);
    const row = await t.db
      .selectFrom('customers')
      .select('mailing_name')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.mailing_name).toBe(`Erased customer ${c.id}`);
    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('entity_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    // The export's own entry was blanked with the rest by the erasure; the erasure's stays.
    expect(log.map((l) => [l.action, l.actor_type])).toEqual([
      ['export_personal_data', 'operator'],
      ['erase_personal_data', 'operator'],
    ]);
  });

  it('an unknown customer is a message and exit 1, not a stack trace', async () => {
    const shop = await makeShop(t.db);
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    expect(
      await privacyCommand.run(
        { values: { customer: '999999', org: String(shop.orgId) }, positionals: ['export'] },
        ctx,
      ),
    ).toBe(1);
    spy.mockRestore();
    expect(errors).toEqual(['Customer 999999 not found']);
  });
});

describe('relance run', () => {
  it('says which location sent nothing and what its General settings lack', async () => {
    const shop = await makeShop(t.db, { address_line1: null });
    expect(
      await runCommand.run(
        {
          values: { date: '2026-05-10', location: shop.location.code, org: String(shop.orgId) },
          positionals: [],
        },
        ctx,
      ),
    ).toBe(0);
    expect(printed.join('\n')).toContain(
      `location ${shop.locationId} (org ${shop.orgId}) sent nothing: General settings lack mailing_address`,
    );
  });
});
