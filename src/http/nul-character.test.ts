// A NUL character anywhere in a request (query, JSON body, nested, form, path) is a 400 naming the
// field in the reader's language: it used to reach PostgreSQL and answer 500 (issue 12, item 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../test/helpers/api.ts';
import { makeShop } from '../../test/helpers/factories.ts';

let api: ApiTest;
let staff: Client;
let locationId: number;

beforeAll(async () => {
  api = await createApiTest();
  const shop = await makeShop(api.t.db);
  locationId = shop.locationId;
  const manager = await makeStaff(api.t.db, shop, [{ locationId, role: 'manager' }]);
  staff = await signIn(api.app, manager.email);
});
afterAll(() => api.close());

describe('a NUL character in a request', () => {
  it('in a query parameter: 400 naming it', async () => {
    const res = await staff.request({ method: 'GET', url: '/api/v1/customers?q=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'nul_character', field: 'q' });
  });

  it('in a JSON body field, nested or not: 400 naming it, nothing written', async () => {
    const res = await staff.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { location_id: locationId, customer_number: 'N1', mailing_name: 'Ann\u0000Lee' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'nul_character', field: 'mailing_name' });
    const nested = await staff.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { location_id: locationId, customer_number: 'N2', x: { y: ['ok', 'a\u0000'] } },
    });
    expect(nested.json().error).toMatchObject({ code: 'nul_character', field: 'x.y.1' });
    const rows = await api.t.db.selectFrom('customers').select('id').where('location_id', '=', locationId);
    expect(await rows.execute()).toEqual([]);
  });

  it('in a path parameter and in a public form: 400', async () => {
    const path = await staff.request({ method: 'GET', url: '/api/v1/customers/1%00' });
    expect(path.statusCode).toBe(400);
    expect(path.json().error).toMatchObject({ code: 'nul_character', field: 'customerId' });
    const form = await api.app.inject({
      method: 'POST',
      url: '/reset-password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=a%00b&password=x',
    });
    expect(form.statusCode).toBe(400);
  });

  it('speaks the reader’s language', async () => {
    const res = await staff.request({
      method: 'GET',
      url: '/api/v1/customers?q=%00',
      headers: { 'accept-language': 'fr' },
    });
    expect(res.json().error.message).toBe('q : ne doit pas contenir de caractère NUL (\\0)');
  });
});
