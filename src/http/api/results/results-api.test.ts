// The results routes over HTTP: rows with their documented fields, a default range from the
// location's clock, bad months named in the reader's language, another location is a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../../../test/helpers/engine.ts';
import { makeMessage } from '../../../../test/helpers/delivery.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
let agentFr: Client;

beforeAll(async () => {
  api = await createApiTest(); // the clock reads 2026-03-10
  shop = await makeShop(api.t.db);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
  const fr = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }]);
  await api.t.db.updateTable('users').set({ language: 'fr' }).where('email', '=', fr.email).execute();
  agentFr = await signIn(api.app, fr.email);
  const a = await makeCustomer(api.t.db, shop);
  const b = await makeCustomer(api.t.db, shop);
  for (const [c, d] of [
    [a.id, '2025-01-10'],
    [a.id, '2026-02-01'],
    [a.id, '2026-02-20'],
    [b.id, '2025-02-10'],
  ] as const)
    await makeRepairOrder(api.t.db, shop, { customerId: c, vehicleId: null, closedOn: d });
  await makeMessage(api.t.db, shop, {
    customer_id: a.id,
    kind: 'INACTIVE',
    due_on: '2026-01-15',
    status: 'sent',
  });
});
afterAll(() => api.close());

const get = (c: Client, path: string) =>
  c.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/results/${path}` });

describe('results API', () => {
  it('retention and loyalty: one row per month, the 12 months ending this month by default', async () => {
    const res = await get(owner, 'retention');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { from: string; to: string; items: Array<Record<string, unknown>> };
    expect([body.from, body.to, body.items.length]).toEqual(['2025-04', '2026-03', 12]);
    // March 2026: base 2024-04..2025-03 = A, B; A visited in 2025-04..2026-03 → 1/2.
    expect(body.items.at(-1)).toEqual({
      location_id: shop.locationId,
      month: '2026-03',
      customers_before: 2,
      retained: 1,
      retention_rate: 0.5,
    });
    const loyalty = (await get(owner, 'loyalty?from=2026-02&to=2026-02')).json() as { items: unknown[] };
    // 2025-03..2026-02: A active with two days (02-01, 02-20); B's visit is before → 1/1.
    expect(loyalty.items).toEqual([
      {
        location_id: shop.locationId,
        month: '2026-02',
        active_customers: 1,
        loyal_customers: 1,
        loyalty_rate: 1,
      },
    ]);
  });

  it('attribution with the location’s window, cohorts, lift', async () => {
    const res = await get(owner, 'attribution?from=2026-01&to=2026-01');
    expect(res.json()).toMatchObject({
      window_days: 30,
      items: [{ kind: 'INACTIVE', messages: 1, returned: 1, visits: 1, return_rate: 1 }],
    });
    const wide = await get(owner, 'attribution?from=2026-01&to=2026-01&window_days=40');
    expect(wide.json()).toMatchObject({ window_days: 40, items: [{ visits: 2 }] });
    const cohorts = (await get(owner, 'cohorts?from=2025-01&to=2025-01')).json() as {
      items: Array<{ months_since: number; customers: number; returned: number }>;
    };
    expect(cohorts.items[0]).toMatchObject({ cohort: '2025-01', months_since: 0, customers: 1 });
    expect(cohorts.items.at(-1)).toMatchObject({ months_since: 12, returned: 0 });
    expect((await get(owner, 'lift?from=2026-01&to=2026-01')).json()).toMatchObject({
      items: [{ kind: 'INACTIVE', sent: 1, control: 0, lift: null }],
    });
  });

  it('names a bad month in the reader’s language, and a reversed or too long range', async () => {
    const bad = await get(agentFr, 'retention?from=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: { code: 'invalid_input', field: 'from', message: 'from : doit être un mois AAAA-MM' },
    });
    const reversed = await get(owner, 'loyalty?from=2026-03&to=2026-01');
    expect(reversed.json()).toMatchObject({ error: { field: 'to', message: 'to: must not be before from' } });
    const long = await get(owner, 'attribution?from=2020-01&to=2026-01');
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: { field: 'to' } });
    expect((await get(owner, 'attribution?window_days=0')).json()).toMatchObject({
      error: { field: 'window_days' },
    });
  });

  it('another location is not found', async () => {
    const other = await makeShop(api.t.db);
    const res = await owner.request({
      method: 'GET',
      url: `/api/v1/locations/${other.locationId}/results/loyalty`,
    });
    expect(res.statusCode).toBe(404);
  });
});
