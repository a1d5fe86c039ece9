// Two staff members book the same mechanic (or courtesy vehicle) for the same time at the same
// moment, over real HTTP: exactly one gets 201 and the other a clear 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import {
  createApiTest,
  makeApiToken,
  makeTenantRecords,
  type ApiTest,
} from '../../../../test/helpers/api.ts';
import type { ExampleIds } from '../define.ts';

let api: ApiTest;
let base: string;
let token: string;
let ids: ExampleIds;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  ids = await makeTenantRecords(api.t.db, shop);
  token = (await makeApiToken(api.t.db, shop.orgId, ['read', 'write'])).token;
  base = await api.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => api?.close());

const book = (body: object) =>
  fetch(`${base}/api/v1/appointments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe(`concurrent booking on ${backendName}`, () => {
  it('lets exactly one of two simultaneous requests have the mechanic', async () => {
    for (const hour of ['09', '11', '14']) {
      const slot = {
        location_id: shop.locationId,
        customer_id: ids.customerId,
        mechanic_id: ids.mechanicId,
        starts_at: `2026-03-16T${hour}:00:00-04:00`,
        ends_at: `2026-03-16T${hour}:45:00-04:00`,
      };
      const results = await Promise.all([
        book(slot),
        book({
          ...slot,
          starts_at: `2026-03-16T${hour}:30:00-04:00`,
          ends_at: `2026-03-16T${hour}:59:00-04:00`,
        }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(await loser.json()).toEqual({
        error: {
          code: 'conflict',
          message: 'The mechanic is already booked at that time',
          field: 'mechanic_id',
        },
      });
    }
    const rows = await api.t.db
      .selectFrom('appointments')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .where('starts_at', '>=', new Date('2026-03-16T00:00:00Z'))
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('lets exactly one of two simultaneous requests have the courtesy vehicle', async () => {
    const second = await makeTenantRecords(api.t.db, shop);
    const slot = {
      location_id: shop.locationId,
      customer_id: ids.customerId,
      courtesy_vehicle_id: ids.courtesyVehicleId,
      starts_at: '2026-03-17T10:00:00-04:00',
      ends_at: '2026-03-17T12:00:00-04:00',
    };
    const results = await Promise.all([
      book({ ...slot, mechanic_id: ids.mechanicId }),
      book({ ...slot, mechanic_id: second.mechanicId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await results.find((r) => r.status === 409)!.json()).toMatchObject({
      error: { field: 'courtesy_vehicle_id' },
    });
  });
});
