// relance export: arguments, refusal messages, a real upload, and --output.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import {
  makeContext,
  makeRepairOrder,
  setPartner,
  startPartnerEndpoint,
} from '../../../test/helpers/partners.ts';
import { exportCommand } from './export.ts';

let database: TestDatabase;
let ctx: ReturnType<typeof makeContext>;
let shop: Awaited<ReturnType<typeof makeShop>>;
let printed: string[];

const run = (positionals: string[], values: Record<string, string | boolean>) =>
  exportCommand.run({ positionals, values }, ctx);

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = makeContext(database, new Date('2026-11-23T12:00:00Z'));
  shop = await makeShop(ctx.db, { code: 'MTL' });
  const c = await makeCustomer(ctx.db, shop, { first_name: 'Secretive', last_name: 'Customer' });
  const v = await makeVehicle(ctx.db, shop, c.id, { vin: '2T1BURHE0JC012345' });
  await makeRepairOrder(ctx, shop, { customerId: c.id, vehicleId: v.id, closedOn: '2026-11-22' }, [
    { kind: 'package', description: 'Brake inspection' },
  ]);
});
afterAll(async () => {
  await database.close();
});
beforeAll(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
});
afterEach(() => {
  printed.length = 0;
});

describe('relance export', () => {
  it('names what is wrong with the arguments', async () => {
    await expect(run([], { location: 'MTL' })).rejects.toThrow('name one partner');
    await expect(run(['autotrader'], { location: 'MTL' })).rejects.toThrow(
      'unknown partner "autotrader" (expected customerlink, mechanicnet, carfax)',
    );
    await expect(run(['carfax'], {})).rejects.toThrow('--location CODE is required');
    await expect(run(['carfax'], { location: 'NOPE' })).rejects.toThrow('no location with code "NOPE"');
    await expect(run(['carfax'], { location: 'MTL', date: '2026-13-45' })).rejects.toThrow(
      '--date must be a date as YYYY-MM-DD',
    );
    await expect(run(['carfax'], { location: 'MTL', date: '2026-02-30' })).rejects.toThrow(
      '--date must be a date as YYYY-MM-DD (got "2026-02-30")',
    );
  });

  it('refuses CARFAX before the terms are accepted', async () => {
    await setPartner(ctx, shop, 'carfax', {
      settings: { endpoint: 'http://127.0.0.1:9/x' },
      consentUserId: null,
    });
    await expect(run(['carfax'], { location: 'MTL' })).rejects.toThrow(
      'CARFAX export refused for location MTL: the CARFAX terms of service have not been accepted',
    );
  });

  it('sends yesterday (local) by default, and says so when run again', async () => {
    const endpoint = await startPartnerEndpoint();
    try {
      await setPartner(ctx, shop, 'carfax', { settings: { endpoint: endpoint.url } });
      expect(await run(['carfax'], { location: 'MTL' })).toBe(0);
      expect(printed.join('\n')).toMatch(
        /^CARFAX export of MTL for 2026-11-22: sent 1 rows, \d+ bytes, sha256 [0-9a-f]{64}$/,
      );
      expect(await run(['carfax'], { location: 'MTL', date: '2026-11-22' })).toBe(0);
      expect(printed[1]).toMatch(/CARFAX export of MTL for 2026-11-22 was already sent/);
      expect(endpoint.hits()).toBe(1);
    } finally {
      await endpoint.close();
    }
  });

  it('--output writes the file locally and sends nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relance-cli-')), 'carfax.csv');
    expect(await run(['carfax'], { location: 'MTL', date: '2026-11-22', output: path })).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('2T1BURHE0JC012345');
    expect(text).toContain('Brake inspection');
    expect(text).not.toContain('Secretive');
    expect(printed[0]).toMatch(/nothing was sent/);
  });
});
