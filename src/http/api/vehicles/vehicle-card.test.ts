// The vehicle card through the API: create fills the gaps from the VIN (vPIC), GET /vin decodes on
// demand, and the plate lookup finds a VIN through CARFAX (a local server speaking its protocol)
// for a subscribed location, with every failure as a clear status, code and language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { startFakeCarfax, type FakeCarfax } from '../../../../test/helpers/fake-carfax.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
let carfax: FakeCarfax;
let userId: number;

beforeAll(async () => {
  api = await createApiTest();
  carfax = await startFakeCarfax({ 'GAP005/QC': '1G1ZT53826F109149' });
  shop = await makeShop(api.t.db);
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  userId = user.id;
  owner = await signIn(api.app, user.email);
});
afterAll(async () => {
  await api?.close();
  await carfax?.close();
});

/** Messages are in the signed-in user's language. */
async function lookup(plate: string, region = 'QC', language: 'en' | 'fr' | 'es' = 'en') {
  await api.t.db.updateTable('users').set({ language }).where('id', '=', userId).execute();
  return owner.request({
    method: 'GET',
    url: `/api/v1/locations/${shop.locationId}/plate-lookup?plate=${encodeURIComponent(plate)}&region=${region}`,
  });
}

const saveCarfax = (body: Record<string, unknown>) =>
  owner.request({
    method: 'PUT',
    url: `/api/v1/locations/${shop.locationId}/settings/carfax`,
    payload: { enabled: false, ...body },
  });

describe('vehicle card', () => {
  it('creating a vehicle fills model, trim, engine, body, fuel and plant from the VIN, keeping what was typed', async () => {
    const res = await owner.request({
      method: 'POST',
      url: '/api/v1/vehicles',
      payload: { location_id: shop.locationId, vin: '1G1ZT53826F109149', make: 'Chevy' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      make: 'Chevy',
      model: 'Malibu',
      year: 2006,
      submodel: 'LT',
      engine: '3.5L 6-cyl (LX9)',
      body_style: 'Sedan',
      fuel_type: 'Gasoline',
    });
    // A European VIN has no check digit: accepted, as the import accepts it.
    const eu = await owner.request({
      method: 'POST',
      url: '/api/v1/vehicles',
      payload: { location_id: shop.locationId, vin: 'WVWZZZ1JZXW000001' },
    });
    expect(eu.statusCode, eu.body).toBe(201);
    expect(eu.json()).toMatchObject({ make: 'Volkswagen', year: 1999, model: null });
  });

  it('GET /vin/:vin decodes on demand', async () => {
    const res = await owner.request({ method: 'GET', url: '/api/v1/vin/KM8K2CAB4PU001140' });
    expect(res.json()).toEqual({
      vin: 'KM8K2CAB4PU001140',
      make: 'Hyundai',
      model: 'Kona',
      year: 2023,
      trim: 'SE',
      body: 'SUV',
      engine: '2.0L 4-cyl (MPI Nu PE)',
      fuel: 'Gasoline',
      drive: null,
      plant: 'Ulsan, South Korea',
      manufacturer: 'HYUNDAI MOTOR CO',
      wmi: 'KM8',
      source: 'vpic',
    });
    const bad = await owner.request({ method: 'GET', url: '/api/v1/vin/1G1ZT53806F109149' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { field: 'vin', message: expect.stringContaining('check digit') },
    });
  });

  it('plate lookup: refused until the location is subscribed to CARFAX and the lookup is set up', async () => {
    const res = await lookup('GAP 005');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'carfax_not_subscribed', message: expect.stringContaining('terms of service') },
    });
    expect((await lookup('GAP 005', 'QC', 'fr')).json().error.message).toContain('n’est pas abonnée');
    expect(
      (await saveCarfax({ enabled: true, settings: { endpoint: carfax.url }, accept_terms: true }))
        .statusCode,
    ).toBe(200);
    expect((await lookup('GAP 005')).json()).toMatchObject({
      error: { code: 'carfax_not_subscribed', message: expect.stringContaining('not set up') },
    });
  });

  it('plate lookup through CARFAX: the VIN decoded for the card; the token encrypted at rest', async () => {
    const saved = await saveCarfax({
      enabled: true,
      settings: { endpoint: carfax.url, lookup_endpoint: carfax.url, account_id: 'ACC-9' },
      token: 'cfx-secret-token',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('cfx-secret-token');
    const row = await api.t.db
      .selectFrom('partner_settings')
      .select('secret_ciphertext')
      .where('location_id', '=', shop.locationId)
      .where('partner', '=', 'carfax')
      .executeTakeFirstOrThrow();
    expect(row.secret_ciphertext).toBeTruthy();
    expect(String(row.secret_ciphertext)).not.toContain('cfx-secret-token');

    const res = await lookup('gap-005', 'qc');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      plate: 'GAP005',
      region: 'QC',
      vin: '1G1ZT53826F109149',
      source: 'carfax',
      decoded: { make: 'Chevrolet', model: 'Malibu', year: 2006, trim: 'LT' },
    });
    expect(carfax.requests.at(-1)!.headers.authorization).toBe('Bearer cfx-secret-token');
  });

  it('plate lookup errors: not found 404 (field plate), provider down 503, bad input 400, in the reader’s language', async () => {
    const nf = await lookup('NOPE1');
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({ error: { code: 'plate_not_found', field: 'plate' } });
    expect((await lookup('NOPE1', 'QC', 'es')).json().error.message).toContain('CARFAX no tiene');
    const down = await lookup('DOWN');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { code: 'carfax_unavailable' } });
    expect((await lookup('BUSY')).json()).toMatchObject({ error: { code: 'carfax_unavailable' } });
    const bad = await lookup('A$B');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { field: 'plate' } });
    expect((await lookup('ABC', 'Quebec')).json()).toMatchObject({ error: { field: 'region' } });
  });

  it('plate lookup refused by CARFAX: token refused (401) and account not subscribed (403) are 409s naming the cause', async () => {
    const setUp = (token: string, account: string) =>
      saveCarfax({
        enabled: true,
        settings: { endpoint: carfax.url, lookup_endpoint: carfax.url, account_id: account },
        token,
      });
    expect((await setUp('bad-token', 'ACC-9')).statusCode).toBe(200);
    const refused = await lookup('GAP 005');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'carfax_credentials_refused' } });
    expect(refused.body).not.toContain('bad-token');
    expect((await setUp('cfx-secret-token', 'NOSUB')).statusCode).toBe(200);
    const notSubscribed = await lookup('GAP 005', 'QC', 'fr');
    expect(notSubscribed.statusCode).toBe(409);
    expect(notSubscribed.json()).toMatchObject({ error: { code: 'carfax_not_subscribed' } });
    expect((await setUp('cfx-secret-token', 'ACC-9')).statusCode).toBe(200);
    expect((await lookup('GAP 005')).statusCode).toBe(200);
  });

  it('a plate the location already has answers from its own vehicles, without calling CARFAX', async () => {
    await makeVehicle(api.t.db, shop, null, {
      vin: '5YJ3E1EA2KF317000',
      plate: 'TES 123',
      plate_region: 'ON',
    });
    const calls = carfax.requests.length;
    const res = await lookup('TES123', 'ON');
    expect(res.json()).toMatchObject({
      vin: '5YJ3E1EA2KF317000',
      source: 'vehicles',
      decoded: { model: 'Model 3' },
    });
    expect(carfax.requests.length).toBe(calls);
  });
});
