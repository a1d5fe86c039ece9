// The appointment list writes its rows' timestamps in SQL (db/iso-instant.ts), a single
// appointment in JS (presentAppointment): both must give the same answer to the last character,
// microseconds, a null confirmed_at and the customer's name included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { createShopApiTest, type ApiTest, type Client } from '../../../../test/helpers/api.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;

beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
  const customer = await makeCustomer(api.t.db, shop, { mailing_name: 'Zoé <Tremblay>' });
  // Microseconds on every stamp: 0.9996 s must print .999 (truncated) as Date would.
  const stamps = [
    ['2026-03-12 13:00:00.999600+00', null],
    ['2026-03-12 15:30:00.000001+00', '2026-03-11 09:15:42.123456+00'],
    ['1999-12-31 23:59:59.5+00', '2026-03-01 00:00:00+00'],
  ] as const;
  for (const [starts, confirmed] of stamps)
    await api.t.db
      .insertInto('appointments')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        customer_id: customer.id,
        starts_at: starts,
        ends_at: new Date(Date.parse(starts.replace(' ', 'T').replace('+00', 'Z')) + 3_600_000),
        confirmed_at: confirmed,
        service_requested: 'Brakes',
      })
      .execute();
  await api.t.db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      visitor_name: 'Walk In',
      starts_at: '2026-03-13 14:00:00.25+00',
      ends_at: '2026-03-13 15:00:00+00',
      status: 'requested',
    })
    .execute();
  await api.t.db
    .updateTable('appointments')
    .set({ created_at: new Date('2026-03-10T14:00:00.987Z') })
    .where('org_id', '=', shop.orgId)
    .execute();
});
afterAll(async () => {
  await api?.close();
});

describe(`appointment list on ${backendName}`, () => {
  it('gives each appointment as GET /appointments/:id does, with the customer name', async () => {
    for (const sort of ['', '&sort=-starts_at']) {
      const res = await owner.request({
        method: 'GET',
        url: `/api/v1/appointments?location_id=${shop.locationId}${sort}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const items = (res.json() as { items: Array<Record<string, unknown>> }).items;
      expect(items).toHaveLength(4);
      for (const { customer_name, ...item } of items) {
        const one = await owner.request({ method: 'GET', url: `/api/v1/appointments/${item.id}` });
        expect(one.statusCode, one.body).toBe(200);
        expect(item).toEqual(one.json());
        expect(customer_name).toBe(item.customer_id ? 'Zoé <Tremblay>' : null);
      }
      const starts = items.map((i) => i.starts_at);
      expect(starts).toContain('2026-03-12T13:00:00.999Z');
      expect(starts).toContain('1999-12-31T23:59:59.500Z');
      expect(items.map((i) => i.confirmed_at)).toContain('2026-03-11T09:15:42.123Z');
      expect(items.map((i) => i.confirmed_at)).toContain(null);
    }
  });
});
