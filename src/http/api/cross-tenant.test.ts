// Every API route, called by a signed-in owner of organization A (and by A's read/write API
// token where its scopes allow) with organization B's ids, must answer 404 and change nothing.
// The same calls with A's own ids must get past validation and lookup, so the 404s are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { createApiTest, databaseFingerprint, makeApiToken, makeStaff, makeTenantRecords, signIn, tokenClient, type ApiTest, type Client } from '../../../test/helpers/api.ts';
import { tokenGrants, type Permission } from '../../accounts/permissions.ts';
import { API_ROUTES } from './routes.ts';
import type { ApiRoute, ExampleIds } from './define.ts';

let api: ApiTest;
let shopA: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
let token: Pick<Client, 'request'>;
let idsB: ExampleIds;

beforeAll(async () => {
  api = await createApiTest();
  shopA = await makeShop(api.t.db);
  const shopB = await makeShop(api.t.db);
  const user = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'owner' }]);
  owner = await signIn(api.app, user.email);
  token = tokenClient(api.app, (await makeApiToken(api.t.db, shopA.orgId, ['read', 'write'])).token);
  // First use stamps last_used_at (then at most once a minute; the test clock stands still).
  expect((await token.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(200);
  idsB = await makeTenantRecords(api.t.db, shopB);
});
afterAll(async () => api?.close());

function inject(route: ApiRoute, ids: ExampleIds) {
  const ex = route.example?.(ids) ?? {};
  let url = `/api/v1${route.path}`;
  for (const [k, v] of Object.entries(ex.params ?? {})) url = url.replace(`:${k}`, encodeURIComponent(String(v)));
  const query = new URLSearchParams(Object.entries(ex.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return { method: route.method, url: query ? `${url}?${query}` : url, ...(ex.body !== undefined ? { payload: ex.body as object } : {}) };
}

const tenantRoutes = API_ROUTES.filter((r) => r.isolation === 'tenant');

describe(`cross-tenant isolation on ${backendName}`, () => {
  it('covers every registered route: each is tested or exempt with a reason', () => {
    for (const r of API_ROUTES) {
      expect(r.isolation === 'tenant' ? typeof r.example : 'exempt', `${r.method} ${r.path}`).toBe(r.isolation === 'tenant' ? 'function' : 'exempt');
      expect(api.app.hasRoute({ method: r.method, url: `/api/v1${r.path}` }), `${r.method} ${r.path}`).toBe(true);
    }
    expect(tenantRoutes.length).toBeGreaterThan(20);
  });

  it.each(tenantRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 404 to another organization and changes nothing', async (_name, route) => {
    const before = await databaseFingerprint(api.t.db);
    const res = await owner.request(inject(route, idsB));
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((res.json() as { error: { message: string } }).error.message).not.toMatch(/^No route/);
    if (typeof route.auth === 'string' && route.auth.includes('.') && tokenGrants(['read', 'write'], route.auth as Permission)) {
      const viaToken = await token.request(inject(route, idsB));
      expect(viaToken.statusCode, viaToken.body).toBe(404);
    }
    expect(await databaseFingerprint(api.t.db)).toEqual(before);
  });

  it('lists without ids (locations, audit log, users, tokens, unfiltered lists) show only the caller’s organization', async () => {
    await owner.request({ method: 'PATCH', url: `/api/v1/customers/${(await makeTenantRecords(api.t.db, shopA)).customerId}`, payload: { phone: '1' } });
    const foreignAudit = await api.t.db.insertInto('audit_log').values({ org_id: idsB.orgId, actor_type: 'system', action: 'x', entity: 'customer', entity_id: String(idsB.customerId) }).returning('id').executeTakeFirstOrThrow();
    const lists: Array<[string, (item: Record<string, unknown>) => boolean]> = [
      ['/api/v1/locations', (l) => l.id === shopA.locationId],
      ['/api/v1/audit-log', (e) => e.id !== foreignAudit.id],
      ['/api/v1/users', (u) => u.id !== idsB.userId],
      ['/api/v1/api-tokens', (t) => t.id !== idsB.tokenId],
      ['/api/v1/customers', (c) => c.id !== idsB.customerId && c.location_id === shopA.locationId],
      ['/api/v1/appointments', (a) => a.location_id === shopA.locationId],
      ['/api/v1/messages', (m) => m.location_id === shopA.locationId],
    ];
    for (const [url, mine] of lists) {
      const res = await owner.request({ method: 'GET', url: `${url}?limit=500` });
      expect(res.statusCode, url).toBe(200);
      const items = (res.json() as { items: Array<Record<string, unknown>> }).items;
      expect(items.length, url).toBeGreaterThan(0);
      for (const item of items) expect(mine(item), `${url} ${JSON.stringify(item)}`).toBe(true);
    }
  });

  it.each(tenantRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s works with the organization’s own ids', async (_name, route) => {
    const idsA = await makeTenantRecords(api.t.db, shopA);
    const auditBefore = await api.t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await owner.request(inject(route, idsA));
    // 409 only where a fixture record is in use (deleting a booked mechanic).
    const expected = route.method === 'DELETE' && route.path.startsWith('/mechanics') ? [409] : [200, 201, 202, 204];
    expect(expected, `${res.statusCode} ${res.body}`).toContain(res.statusCode);
    // Every successful write leaves an audit entry (the preview only renders).
    const writes = route.method !== 'GET' && !route.path.endsWith('/preview') && res.statusCode < 300;
    const auditAfter = await api.t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n) - Number(auditBefore.n), 'audit entries written').toBe(writes ? 1 : 0);
  });
});
