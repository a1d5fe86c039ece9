// relance decode-vin and relance lookup-plate: output, exit codes, and CARFAX's errors as
// messages (a local server speaking the CARFAX protocol).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { makeContext, setPartner } from '../../../test/helpers/partners.ts';
import { startFakeCarfax, type FakeCarfax } from '../../../test/helpers/fake-carfax.ts';
import { UsageError } from '../command.ts';
import { decodeVinCommand } from './decode-vin.ts';
import { lookupPlateCommand } from './lookup-plate.ts';

let database: TestDatabase;
let ctx: ReturnType<typeof makeContext>;
let carfax: FakeCarfax;
let printed: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = makeContext(database);
  carfax = await startFakeCarfax({ 'GAP005/QC': '1G1ZT53826F109149' });
  await makeShop(ctx.db, { code: 'MTL' });
  const sub = await makeShop(ctx.db, { code: 'QUE' });
  await setPartner(ctx, sub, 'carfax', {
    settings: { endpoint: carfax.url, lookup_endpoint: carfax.url },
    password: 'cfx-token',
  });
});
afterAll(async () => {
  await carfax?.close();
  await database?.close();
});
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
});

const plate = (values: Record<string, string>) => lookupPlateCommand.run({ positionals: [], values }, ctx);

describe('relance decode-vin', () => {
  it('prints the decoded card; refuses an invalid VIN as a usage error', async () => {
    expect(await decodeVinCommand.run({ positionals: ['1G1ZT53826F109149'], values: {} }, null)).toBe(0);
    expect(printed.join('\n')).toMatch(/Make\s+Chevrolet[\s\S]*Model\s+Malibu[\s\S]*Year\s+2006/);
    printed = [];
    expect(await decodeVinCommand.run({ positionals: ['TMBZZZ1Z0A0000000'], values: {} }, null)).toBe(0);
    expect(printed.join('\n')).toContain('no maker or model is known');
    await expect(
      decodeVinCommand.run({ positionals: ['1G1ZT53806F109149'], values: {} }, null),
    ).rejects.toThrow(UsageError);
  });
});

describe('relance lookup-plate', () => {
  it('finds and decodes the VIN through CARFAX', async () => {
    expect(await plate({ location: 'QUE', plate: 'gap 005', region: 'qc' })).toBe(0);
    expect(printed[0]).toBe('GAP005 (QC): 1G1ZT53826F109149  [CARFAX]');
    expect(printed.join('\n')).toMatch(/Model\s+Malibu/);
  });

  it('says why it found nothing: not subscribed, not found, CARFAX down (exit 1); bad arguments (usage)', async () => {
    expect(await plate({ location: 'MTL', plate: 'GAP005', region: 'QC' })).toBe(1);
    expect(printed.at(-1)).toContain('location MTL is not subscribed to CARFAX');
    expect(await plate({ location: 'QUE', plate: 'NOPE1', region: 'QC' })).toBe(1);
    expect(printed.at(-1)).toBe('CARFAX has no vehicle for plate NOPE1 (QC)');
    expect(await plate({ location: 'QUE', plate: 'DOWN', region: 'QC' })).toBe(1);
    expect(printed.at(-1)).toBe('CARFAX plate lookup answered 503; try again later');
    await expect(plate({ location: 'QUE', plate: 'A$', region: 'QC' })).rejects.toThrow(/--plate/);
    await expect(plate({ location: 'QUE', plate: 'A1', region: 'Quebec' })).rejects.toThrow(/--region/);
  });
});
