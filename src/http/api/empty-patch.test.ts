// An empty PATCH body `{}` changes nothing and says so (issue 12, item 13: it answered 500 on
// mechanics and courtesy vehicles): every PATCH route answers it without a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  makeStaff,
  makeTenantRecords,
  signIn,
  type ApiTest,
  type Client,
} from '../../../test/helpers/api.ts';
import type { ExampleIds } from './define.ts';

let api: ApiTest;
let owner: Client;
let ids: ExampleIds;

beforeAll(async () => {
  api = await createApiTest();
  const shop = await makeShop(api.t.db);
  ids = await makeTenantRecords(api.t.db, shop);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
});
afterAll(async () => api?.close());

describe(`an empty PATCH body on ${backendName}`, () => {
  it.each([
    ['mechanics', () => ids.mechanicId, 'mechanics'],
    ['courtesy vehicles', () => ids.courtesyVehicleId, 'courtesy-vehicles'],
  ] as const)('on %s: 200 with the record unchanged, no 500', async (_what, id, path) => {
    const url = `/api/v1/${path}/${id()}`;
    const res = await owner.request({ method: 'PATCH', url, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: id() });
    // The same answer as a PATCH that sets what is already there.
    const { name } = res.json() as { name: string };
    const same = await owner.request({ method: 'PATCH', url, payload: { name } });
    expect(same.json()).toEqual(res.json());
  });
});
