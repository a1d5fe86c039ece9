// The permission matrix, walked: for each of the seven roles and each permission, a signed-in user
// holding only that role calls a representative route of the permission. Allowed → 2xx; denied →
// 403 forbidden and the database unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  databaseFingerprint,
  makeStaff,
  makeTenantRecords,
  signIn,
  type ApiTest,
} from '../../../test/helpers/api.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../../accounts/permissions.ts';
import type { Role } from '../../domain/role.ts';
import { API_ROUTES } from './routes.ts';
import type { ApiRoute, ExampleIds } from './define.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
});
afterAll(async () => api?.close());

// Reads by GET; writes preferably by an edit, which can be repeated for every role that may.
const METHOD_RANK = { GET: 0, PATCH: 1, PUT: 2, DELETE: 3, POST: 4 } as const;
const representative = (p: Permission): ApiRoute | undefined =>
  API_ROUTES.filter((r) => r.auth === p && (r.example || !r.path.includes(':'))).sort(
    (a, b) => METHOD_RANK[a.method] - METHOD_RANK[b.method],
  )[0];

function inject(route: ApiRoute, ids: ExampleIds) {
  const ex = route.example?.(ids) ?? {};
  let url = `/api/v1${route.path}`;
  for (const [k, v] of Object.entries(ex.params ?? {}))
    url = url.replace(`:${k}`, encodeURIComponent(String(v)));
  const query = new URLSearchParams(
    Object.entries(ex.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return {
    method: route.method,
    url: query ? `${url}?${query}` : url,
    ...(ex.body !== undefined ? { payload: ex.body as object } : {}),
    // An upload route takes the file itself (e.g. text/csv), not JSON.
    ...(route.upload ? { headers: { 'content-type': route.upload.contentType } } : {}),
  };
}

const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

describe(`roles against the permission matrix on ${backendName}`, () => {
  it('has a route for every permission and seven roles', () => {
    expect(ROLES.sort()).toEqual([
      'crm_agent',
      'manager',
      'owner',
      'sales_manager',
      'sales_rep',
      'service_advisor',
      'technician',
    ]);
    expect(PERMISSIONS.filter((p) => !representative(p))).toEqual([]);
  });

  it.each(ROLES)('%s: allowed permissions answer 2xx, the others 403 and change nothing', async (role) => {
    const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role }]);
    const client = await signIn(api.app, user.email);
    const ids = await makeTenantRecords(api.t.db, shop);
    const allowed = PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].includes(p));
    const denied = PERMISSIONS.filter((p) => !ROLE_PERMISSIONS[role].includes(p));

    const before = await databaseFingerprint(api.t.db);
    for (const p of denied) {
      const route = representative(p)!;
      const res = await client.request(inject(route, ids));
      expect(res.statusCode, `${role} ${p}: ${route.method} ${route.path} ${res.body}`).toBe(403);
      expect(res.json(), `${role} ${p}`).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await databaseFingerprint(api.t.db), `${role}: a denied call changed the database`).toEqual(
      before,
    );

    for (const p of allowed) {
      const route = representative(p)!;
      const res = await client.request(inject(route, ids));
      expect(
        res.statusCode,
        `${role} ${p}: ${route.method} ${route.path} ${res.body}`,
      ).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, `${role} ${p}: ${route.method} ${route.path} ${res.body}`).toBeLessThan(300);
    }
  });
});
