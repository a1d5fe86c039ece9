// The CARFAX plate-lookup adapter against a local server speaking the protocol: the request it
// sends, the VIN it returns, and every failure as its kind with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCarfax, type FakeCarfax } from '../../../test/helpers/fake-carfax.ts';
import { Secret } from '../secret.ts';
import {
  carfaxPlateToVin,
  normalizePlate,
  PlateLookupError,
  type PlateLookupOptions,
} from './plate-lookup.ts';

let carfax: FakeCarfax;
beforeAll(async () => {
  carfax = await startFakeCarfax({
    'GAP005/QC': '1G1ZT53826F109149',
    'W123/NY': 'WVWZZZ1JZXW000001',
    'TYPO1/QC': '1G1ZT53806F109149', // a North American VIN with a wrong check digit
  });
});
afterAll(async () => carfax?.close());

const ask = (o: Partial<PlateLookupOptions>) =>
  carfaxPlateToVin({
    endpoint: carfax.url,
    token: new Secret('tok-123'),
    accountId: 'ACC-9',
    plate: 'GAP005',
    region: 'QC',
    ...o,
  });

async function failure(o: Partial<PlateLookupOptions>) {
  try {
    await ask(o);
  } catch (err) {
    expect(err).toBeInstanceOf(PlateLookupError);
    return { kind: (err as PlateLookupError).kind, message: (err as Error).message };
  }
  throw new Error('the lookup should have failed');
}

describe('CARFAX plate lookup adapter', () => {
  it('sends the plate, region, country, token and account, and returns the VIN', async () => {
    expect(await ask({})).toEqual({
      vin: '1G1ZT53826F109149',
      year: 2006,
      make: 'CHEVROLET',
      model: 'MALIBU',
    });
    const req = carfax.requests.at(-1)!;
    expect(req.path).toBe('/quickvin/plate');
    expect(req.query).toEqual({ plate: 'GAP005', region: 'QC', country: 'CA' });
    expect(req.headers.authorization).toBe('Bearer tok-123');
    expect(req.headers['x-carfax-account']).toBe('ACC-9');
    expect((await ask({ plate: 'W123', region: 'NY' })).vin).toBe('WVWZZZ1JZXW000001');
    expect(carfax.requests.at(-1)!.query.country).toBe('US');
    expect(normalizePlate(' gap-005 ')).toBe('GAP005');
  });

  it('not found: an answer NOT_FOUND, FOUND with no vehicle, or a 404', async () => {
    for (const plate of ['NOPE1', 'EMPTY', 'GONE'])
      expect(await failure({ plate })).toEqual({
        kind: 'not_found',
        message: `CARFAX has no vehicle for plate ${plate} (QC)`,
      });
  });

  it('credentials refused (401) and not subscribed (403) say what to check', async () => {
    expect(await failure({ token: new Secret('bad-token') })).toEqual({
      kind: 'credentials_refused',
      message: 'CARFAX refused the account credentials: check the CARFAX token in the settings',
    });
    expect(await failure({ accountId: 'NOSUB' })).toMatchObject({
      kind: 'not_subscribed',
      message: expect.stringContaining('not subscribed'),
    });
  });

  it('provider down: 5xx, 429, an answer that is not the protocol, a time-out, nobody listening', async () => {
    expect(await failure({ plate: 'DOWN' })).toEqual({
      kind: 'provider_down',
      message: 'CARFAX plate lookup answered 503; try again later',
    });
    expect(await failure({ plate: 'BUSY' })).toEqual({
      kind: 'provider_down',
      message: 'CARFAX plate lookup answered 429; try again later',
    });
    expect(await failure({ plate: 'JUNK' })).toMatchObject({
      kind: 'provider_down',
      message: expect.stringContaining('not JSON'),
    });
    // FOUND, but with a VIN the VIN rule refuses: not a guess written on the card.
    expect(await failure({ plate: 'TYPO1' })).toEqual({
      kind: 'provider_down',
      message: 'CARFAX plate lookup sent an answer Relance cannot read',
    });
    const t0 = Date.now();
    expect(await failure({ plate: 'SLOW', timeoutMs: 300 })).toEqual({
      kind: 'provider_down',
      message: 'CARFAX plate lookup no answer within 0.3 s; try again later',
    });
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(await failure({ endpoint: 'http://127.0.0.1:9/quickvin/plate' })).toEqual({
      kind: 'provider_down',
      message: 'CARFAX plate lookup cannot be reached; try again later',
    });
  });

  it('never puts the token in an error message', async () => {
    const f = await failure({ token: new Secret('bad-token'), plate: 'DOWN' });
    expect(JSON.stringify(f)).not.toContain('bad-token');
  });
});
