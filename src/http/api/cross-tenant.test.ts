// Every API route, called by a signed-in owner of organization A (and by A's read/write API
// token where its scopes allow) with organization B's ids, must answer 404 and change nothing.
// The same calls with A's own ids must get past validation and lookup, so the 404s are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  databaseFingerprint,
  makeApiToken,
  makeStaff,
  makeTenantRecords,
  signIn,
  tokenClient,
  type ApiTest,
  type Client,
} from '../../../test/helpers/api.ts';
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

const tenantRoutes = API_ROUTES.filter((r) => r.isolation === 'tenant');

describe(`cross-tenant isolation on ${backendName}`, () => {
  it('covers every registered route: each is tested or exempt with a reason', () => {
    for (const r of API_ROUTES) {
      expect(r.isolation === 'tenant' ? typeof r.example : 'exempt', `${r.method} ${r.path}`).toBe(
        r.isolation === 'tenant' ? 'function' : 'exempt',
      );
      expect(api.app.hasRoute({ method: r.method, url: `/api/v1${r.path}` }), `${r.method} ${r.path}`).toBe(
        true,
      );
    }
    expect(tenantRoutes.length).toBeGreaterThan(20);
  });

  it('covers the maintenance schedules (list, get, create, edit, delete) and the vehicle grid', () => {
    const paths = [
      '/locations/:locationId/maintenance-schedules',
      '/maintenance-schedules/:scheduleId',
      '/vehicles/:vehicleId/maintenance-grid',
    ];
    expect(
      tenantRoutes
        .filter((r) => paths.includes(r.path))
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'DELETE /maintenance-schedules/:scheduleId',
      'GET /locations/:locationId/maintenance-schedules',
      'GET /maintenance-schedules/:scheduleId',
      'GET /vehicles/:vehicleId/maintenance-grid',
      'PATCH /maintenance-schedules/:scheduleId',
      'POST /locations/:locationId/maintenance-schedules',
    ]);
  });

  it.each(tenantRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers 404 to another organization and changes nothing',
    async (_name, route) => {
      const before = await databaseFingerprint(api.t.db);
      const res = await owner.request(inject(route, idsB));
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
      expect((res.json() as { error: { message: string } }).error.message).not.toMatch(/^No route/);
      if (
        typeof route.auth === 'string' &&
        route.auth.includes('.') &&
        tokenGrants(['read', 'write'], route.auth as Permission)
      ) {
        const viaToken = await token.request(inject(route, idsB));
        expect(viaToken.statusCode, viaToken.body).toBe(404);
      }
      expect(await databaseFingerprint(api.t.db)).toEqual(before);
    },
  );

  it('lists without ids (locations, audit log, users, tokens, unfiltered lists) show only the caller’s organization', async () => {
    await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${(await makeTenantRecords(api.t.db, shopA)).customerId}`,
      payload: { phone: '1' },
    });
    const foreignAudit = await api.t.db
      .insertInto('audit_log')
      .values({
        org_id: idsB.orgId,
        actor_type: 'system',
        action: 'x',
        entity: 'customer',
        entity_id: String(idsB.customerId),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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

  it.each(tenantRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s works with the organization’s own ids',
    async (_name, route) => {
      const idsA = await makeTenantRecords(api.t.db, shopA);
      const auditBefore = await api.t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await owner.request(inject(route, idsA));
      // 409 only where a fixture record is in use (deleting a booked mechanic), or where the
      // fixture location is not subscribed to CARFAX (the plate lookup got past the tenant check).
      const expected =
        route.method === 'DELETE' && route.path.startsWith('/mechanics')
          ? [409]
          : route.path.endsWith('/plate-lookup')
            ? [409]
            : [200, 201, 202, 204];
      expect(expected, `${res.statusCode} ${res.body}`).toContain(res.statusCode);
      // Every successful write leaves an audit entry (the preview only renders).
      const writes = route.method !== 'GET' && !route.path.endsWith('/preview') && res.statusCode < 300;
      const auditAfter = await api.t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(auditAfter.n) - Number(auditBefore.n), 'audit entries written').toBe(writes ? 1 : 0);
    },
  );
});

// Routes exempt from the loop above (no tenant ids, operator only, or public links): each is
// called with organization B's ids or a credential of A, and must show nothing of B and change nothing.
describe(`exempt routes with another organization’s ids on ${backendName}`, () => {
  const unchanged = async (run: () => Promise<void>) => {
    const before = await databaseFingerprint(api.t.db);
    await run();
    expect(await databaseFingerprint(api.t.db)).toEqual(before);
  };

  it('GET /me shows the caller only and takes no other user id', async () => {
    const me = (await owner.request({ method: 'GET', url: '/api/v1/me' })).json() as {
      org_id: number;
      roles: Array<{ location_id: number }>;
    };
    expect(me.org_id).toBe(shopA.orgId);
    expect(me.roles.map((r) => r.location_id)).not.toContain(idsB.locationId);
    await unchanged(async () => {
      const other = await owner.request({ method: 'GET', url: `/api/v1/me?user_id=${idsB.userId}` });
      expect(other.json()).toMatchObject({ error: { code: 'unknown_field', field: 'user_id' } });
    });
  });

  it('GET /locations never lists B’s location; POST /locations cannot name B and creates in A', async () => {
    const codeB = (
      await api.t.db
        .selectFrom('locations')
        .select('code')
        .where('id', '=', idsB.locationId)
        .executeTakeFirstOrThrow()
    ).code;
    await unchanged(async () => {
      for (const client of [owner, token]) {
        const byCode = await client.request({
          method: 'GET',
          url: `/api/v1/locations?code=${encodeURIComponent(codeB)}`,
        });
        expect(byCode.statusCode).toBe(200);
        expect(byCode.json()).toMatchObject({ items: [] });
      }
      const intoB = await owner.request({
        method: 'POST',
        url: '/api/v1/locations',
        payload: { org_id: idsB.orgId, code: 'intob', name: 'In B', time_zone: 'America/Toronto' },
      });
      expect(intoB.json()).toMatchObject({ error: { code: 'unknown_field', field: 'org_id' } });
      expect(
        (
          await token.request({
            method: 'POST',
            url: '/api/v1/locations',
            payload: { code: 'bytoken', name: 'T', time_zone: 'America/Toronto' },
          })
        ).statusCode,
      ).toBe(403);
    });
    const locationsOfB = await api.t.db
      .selectFrom('locations')
      .select('id')
      .where('org_id', '=', idsB.orgId)
      .execute();
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { code: 'own-new', name: 'New', time_zone: 'America/Toronto' },
    });
    expect(created.statusCode).toBe(201);
    const row = await api.t.db
      .selectFrom('locations')
      .select('org_id')
      .where('id', '=', (created.json() as { id: number }).id)
      .executeTakeFirstOrThrow();
    expect(row.org_id).toBe(shopA.orgId);
    expect(
      await api.t.db.selectFrom('locations').select('id').where('org_id', '=', idsB.orgId).execute(),
    ).toEqual(locationsOfB);
  });

  it('GET /audit-log filtered by B’s entity or actor shows nothing of B', async () => {
    await api.t.db
      .insertInto('audit_log')
      .values({
        org_id: idsB.orgId,
        actor_type: 'user',
        actor_id: idsB.userId,
        action: 'update',
        entity: 'customer',
        entity_id: String(idsB.customerId),
      })
      .execute();
    await unchanged(async () => {
      for (const query of [
        `entity=customer&entity_id=${idsB.customerId}`,
        `actor_id=${idsB.userId}`,
        'limit=500',
      ]) {
        const res = await owner.request({ method: 'GET', url: `/api/v1/audit-log?${query}` });
        expect(res.statusCode, query).toBe(200);
        const items = (
          res.json() as {
            items: Array<{
              actor_type: string;
              actor_id: number | null;
              entity: string;
              entity_id: string | null;
            }>;
          }
        ).items;
        for (const e of items)
          expect(
            (e.actor_type === 'user' && e.actor_id === idsB.userId) ||
              (e.entity === 'customer' && e.entity_id === String(idsB.customerId)),
            JSON.stringify(e),
          ).toBe(false);
      }
    });
  });

  it('GET /vin/:vin decodes a VIN for anyone, reads no tenant data and changes nothing', async () => {
    await unchanged(async () => {
      for (const client of [owner, token]) {
        const res = await client.request({ method: 'GET', url: '/api/v1/vin/1HGCM82633A004352' });
        expect(res.json()).toMatchObject({
          vin: '1HGCM82633A004352',
          make: 'Honda',
          model: 'Accord',
          year: 2003,
          wmi: '1HG',
        });
      }
    });
  });

  const operatorCalls = () => [
    { method: 'GET' as const, url: `/api/v1/operator/locations?org_id=${idsB.orgId}` },
    {
      method: 'PATCH' as const,
      url: `/api/v1/operator/organizations/${idsB.orgId}/locations/${idsB.locationId}/options`,
      payload: { postcards_enabled: true, email_enabled: false },
    },
    { method: 'GET' as const, url: `/api/v1/operator/usage?from=2026-01&to=2026-03&org_id=${idsB.orgId}` },
  ];
  it('operator routes refuse a shop owner and a shop token (403) and change nothing', async () => {
    await unchanged(async () => {
      for (const call of operatorCalls()) {
        for (const client of [owner, token]) {
          const res = await client.request(call);
          expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
          expect(res.body).not.toContain(String(idsB.locationId) + ',');
        }
      }
    });
  });

  it('/u/:token and /s/:token signed for organization A cannot reach B’s customer or message; forged links are 404', async () => {
    const { linkSigner } = await import('../../security/signed-links.ts');
    const e03 = await api.t.db
      .insertInto('messages')
      .values({
        org_id: idsB.orgId,
        location_id: idsB.locationId,
        kind: 'E03',
        channel: 'email',
        customer_id: idsB.customerId,
        due_on: '2026-03-01',
        dedupe_key: `e03-${idsB.customerId}`,
        status: 'sent',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const until = new Date(api.clock.now.getTime() + 86_400_000);
    const signer = linkSigner(api.ctx.keys, () => api.clock.now);
    type Ids = { o: number; c: number; m: number };
    const unsub = (p: Ids) => signer.sign('unsubscribe', { org: p.o, customer: p.c, message: p.m }, until);
    const survey = (p: Ids) => signer.sign('survey', { org: p.o, customer: p.c, message: p.m }, until);
    // B's own links work (so the 404s below are real).
    expect(
      (
        await api.app.inject({
          method: 'GET',
          url: `/u/${unsub({ o: idsB.orgId, c: idsB.customerId, m: idsB.messageId })}`,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api.app.inject({
          method: 'GET',
          url: `/s/${survey({ o: idsB.orgId, m: e03.id, c: idsB.customerId })}`,
        })
      ).statusCode,
    ).toBe(200);
    const valid = unsub({ o: idsB.orgId, c: idsB.customerId, m: idsB.messageId });
    const forged = `${valid.slice(0, -16)}${'A'.repeat(16)}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await unchanged(async () => {
      for (const path of [
        `/u/${unsub({ o: shopA.orgId, c: idsB.customerId, m: idsB.messageId })}`,
        `/u/${forged}`,
      ]) {
        expect((await api.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(404);
        expect(
          (
            await api.app.inject({
              method: 'POST',
              url: path,
              headers: form,
              payload: 'List-Unsubscribe=One-Click',
            })
          ).statusCode,
          path,
        ).toBe(404);
      }
      for (const path of [
        `/s/${survey({ o: shopA.orgId, m: e03.id, c: idsB.customerId })}`,
        `/s/${survey({ o: idsB.orgId, m: e03.id, c: idsA().customerId })}`,
        `/s/${forged}`,
      ]) {
        expect((await api.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(404);
        expect(
          (await api.app.inject({ method: 'POST', url: path, headers: form, payload: 'rating=1' }))
            .statusCode,
          path,
        ).toBe(404);
      }
    });
  });

  it('POST /hooks/bounce with organization A’s secret cannot act on B; a forged secret is refused', async () => {
    const { orgBounceWebhookSecret } = await import('../../delivery/bounces/record-bounce.ts');
    const b = await api.t.db
      .selectFrom('customers')
      .select('email')
      .where('org_id', '=', idsB.orgId)
      .where('id', '=', idsB.customerId)
      .executeTakeFirstOrThrow();
    await api.t.db
      .updateTable('messages')
      .set({ provider_id: `<b-${idsB.messageId}@relance.test>` })
      .where('org_id', '=', idsB.orgId)
      .where('id', '=', idsB.messageId)
      .execute();
    const bounce = { recipient: b.email!, status: '5.1.1', message_id: `<b-${idsB.messageId}@relance.test>` };
    await unchanged(async () => {
      const asA = await api.app.inject({
        method: 'POST',
        url: '/hooks/bounce',
        payload: bounce,
        headers: { authorization: `Bearer ${orgBounceWebhookSecret(api.ctx.keys, shopA.orgId)}` },
      });
      expect(asA.json()).toMatchObject({ bounces: 1, messages: 0, customers: 0 });
      const forged = orgBounceWebhookSecret(api.ctx.keys, shopA.orgId).replace(/^o\d+\./, `o${idsB.orgId}.`);
      expect(
        (
          await api.app.inject({
            method: 'POST',
            url: '/hooks/bounce',
            payload: bounce,
            headers: { authorization: `Bearer ${forged}` },
          })
        ).statusCode,
      ).toBe(401);
    });
  });
});

let ownIds: ExampleIds | undefined;
const idsA = () => ownIds!;
beforeAll(async () => {
  ownIds = await makeTenantRecords(api.t.db, shopA);
});
