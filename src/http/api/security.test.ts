// Sessions, CSRF, login rate limit, bad input, roles, API tokens, password reset, operator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { backendName } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  makeApiToken,
  makeOperator,
  makeStaff,
  makeTenantRecords,
  PASSWORD,
  signIn,
  tokenClient,
  type ApiTest,
  type Client,
} from '../../../test/helpers/api.ts';
import { createLocation } from '../../tenancy/create-location.ts';
import { afterAnswers } from '../app.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
let ownerEmail: string;
beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  ownerEmail = (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email;
  owner = await signIn(api.app, ownerEmail);
});
afterAll(async () => api?.close());

const noStack = (body: string) => expect(body).not.toMatch(/\.ts:\d+|\n\s+at /);

describe(`sessions and CSRF on ${backendName}`, () => {
  it('sets a hardened session cookie', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: ownerEmail, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'relance_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    const stored = await api.t.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value);
  });

  it('requires the CSRF header on unsafe methods with a cookie, not with a token', async () => {
    const body = { location_id: shop.locationId, customer_number: 'CSRF1', mailing_name: 'X' };
    const bare = await api.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      payload: body,
      headers: { cookie: `relance_session=${owner.cookie}` },
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json()).toMatchObject({ error: { code: 'csrf_failed', field: 'X-CSRF-Token' } });
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      payload: body,
      headers: { cookie: `relance_session=${owner.cookie}`, 'x-csrf-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(
      (
        await api.app.inject({
          method: 'GET',
          url: '/api/v1/customers',
          headers: { cookie: `relance_session=${owner.cookie}` },
        })
      ).statusCode,
    ).toBe(200);
    const { token } = await makeApiToken(api.t.db, shop.orgId, ['read', 'write']);
    expect(
      (await tokenClient(api.app, token).request({ method: 'POST', url: '/api/v1/customers', payload: body }))
        .statusCode,
    ).toBe(201);
  });

  it('signs out, and sessions expire', async () => {
    const c = await signIn(api.app, ownerEmail);
    expect((await c.request({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(204);
    expect((await c.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const d = await signIn(api.app, ownerEmail);
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 13 * 3600_000);
    try {
      expect((await d.request({ method: 'GET', url: '/api/v1/me' })).json()).toMatchObject({
        error: { code: 'unauthenticated' },
      });
    } finally {
      api.clock.now = saved;
    }
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after 10 failures per IP and email, and lets other emails through', async () => {
    const email = (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }]))
      .email;
    for (let i = 0; i < 10; i++) {
      const r = await api.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await api.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: ownerEmail, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect(
        (
          await api.app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { email, password: PASSWORD },
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      api.clock.now = saved;
    }
  });
});

describe('bad input', () => {
  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    owner.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('names the field of a wrong type', async () => {
    const r = await post({ location_id: shop.locationId, customer_number: 'T1', mailing_name: 123 });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        field: 'mailing_name',
        message: expect.stringContaining('mailing_name'),
      },
    });
    const q = await owner.request({ method: 'GET', url: '/api/v1/customers?limit=abc' });
    expect(q.json()).toMatchObject({ error: { field: 'limit' } });
    const p = await owner.request({ method: 'GET', url: '/api/v1/customers/xyz' });
    expect(p.json()).toMatchObject({ error: { field: 'customerId' } });
  });

  it('rejects unknown fields', async () => {
    const r = await post({
      location_id: shop.locationId,
      customer_number: 'T2',
      mailing_name: 'A',
      is_admin: true,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'unknown_field', field: 'is_admin' } });
    expect(
      (await owner.request({ method: 'GET', url: '/api/v1/customers?order_by=evil' })).json(),
    ).toMatchObject({ error: { code: 'unknown_field', field: 'order_by' } });
    // `sort` is known, and takes only its whitelisted columns.
    expect((await owner.request({ method: 'GET', url: '/api/v1/customers?sort=evil' })).json()).toMatchObject(
      { error: { code: 'invalid_input', field: 'sort' } },
    );
  });

  it('refuses an oversized body with 413', async () => {
    const r = await post(
      JSON.stringify({
        location_id: shop.locationId,
        customer_number: 'T3',
        mailing_name: 'x'.repeat(1_100_000),
      }),
    );
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('refuses bad UTF-8 and malformed JSON with a clear message and no stack trace', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`{"location_id":${shop.locationId},"customer_number":"T4","mailing_name":"Caf`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const r = await post(bytes as unknown as string);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      error: { code: 'invalid_utf8', message: expect.stringContaining('UTF-8') },
    });
    const m = await post('{"location_id": 1,');
    expect(m.statusCode).toBe(400);
    expect(m.json()).toMatchObject({ error: { code: 'invalid_json' } });
    for (const res of [r, m]) noStack(res.body);
    expect(
      await api.t.db
        .selectFrom('customers')
        .select('id')
        .where('customer_number', 'in', ['T1', 'T2', 'T3', 'T4'])
        .execute(),
    ).toEqual([]);
  });

  it('validates dates, VINs and enums', async () => {
    const d = await post({
      location_id: shop.locationId,
      customer_number: 'T5',
      mailing_name: 'A',
      birthday: '2024-02-30',
    });
    expect(d.json()).toMatchObject({ error: { field: 'birthday' } });
    const v = await owner.request({
      method: 'POST',
      url: '/api/v1/vehicles',
      payload: { location_id: shop.locationId, vin: '1HGCM82643A004352' },
    });
    expect(v.statusCode).toBe(400);
    expect(v.json()).toMatchObject({
      error: { field: 'vin', message: expect.stringContaining('check digit') },
    });
    const ok = await owner.request({
      method: 'POST',
      url: '/api/v1/vehicles',
      payload: { location_id: shop.locationId, vin: '1hgcm82633a004352' },
    });
    expect(ok.json()).toMatchObject({ vin: '1HGCM82633A004352', make: 'Honda', year: 2003 });
  });
});

describe('roles', () => {
  it('lets each role do what the matrix says, at its own locations only', async () => {
    const other = await createLocation(api.t.db, shop.orgId, { code: `second${Date.now()}`, name: 'Second' });
    const tech = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'technician' }])).email,
    );
    expect((await tech.request({ method: 'GET', url: '/api/v1/appointments' })).statusCode).toBe(200);
    const denied = await tech.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { location_id: shop.locationId, customer_number: 'R1', mailing_name: 'A' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('customers.write') },
    });

    const agent = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: other.id, role: 'crm_agent' }])).email,
    );
    const elsewhere = await makeCustomer(api.t.db, shop);
    expect(
      (await agent.request({ method: 'GET', url: `/api/v1/customers/${elsewhere.id}` })).statusCode,
    ).toBe(404);
    const mine = await makeCustomer(api.t.db, { orgId: shop.orgId, locationId: other.id });
    expect((await agent.request({ method: 'GET', url: `/api/v1/customers/${mine.id}` })).statusCode).toBe(
      200,
    );
    expect((await agent.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);

    const manager = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'manager' }])).email,
    );
    const escalate = await manager.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'boss@garage.test',
        name: 'Boss',
        roles: [{ location_id: shop.locationId, role: 'owner' }],
      },
    });
    expect(escalate.statusCode).toBe(403);
    const hire = await manager.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'advisor@garage.test',
        name: 'Advisor',
        roles: [{ location_id: shop.locationId, role: 'service_advisor' }],
      },
    });
    expect(hire.statusCode).toBe(201);
    const { password } = hire.json() as { password: string };
    expect((await signIn(api.app, 'advisor@garage.test', password)).csrf).toBeTruthy();
  });
});

describe('only owners manage owners', () => {
  it('a manager can neither disable nor demote an owner; an owner can, and the owner’s tokens stay meanwhile', async () => {
    const managerEmail = (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'manager' }]))
      .email;
    const manager = await signIn(api.app, managerEmail);
    const target = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const disable = await manager.request({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(403);
    expect(disable.json()).toMatchObject({ error: { code: 'forbidden', field: 'disabled' } });
    const demote = await manager.request({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { roles: [{ location_id: shop.locationId, role: 'service_advisor' }] },
    });
    expect(demote.statusCode).toBe(403);
    expect(demote.json()).toMatchObject({ error: { code: 'forbidden', field: 'roles' } });
    const still = await api.t.db
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(still.disabled_at).toBeNull();
    const roles = await api.t.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', target.id)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['owner']);
    // The manager still manages non-owners; an owner manages the owner.
    const byOwner = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { roles: [{ location_id: shop.locationId, role: 'manager' }] },
    });
    expect(byOwner.statusCode).toBe(200);
    const nowManager = await manager.request({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { disabled: true },
    });
    expect(nowManager.statusCode).toBe(200);
  });
});

describe('locations', () => {
  it('an owner opens a location and becomes its owner, in one transaction; a manager cannot', async () => {
    const res = await owner.request({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { code: 'laval', name: 'Laval', time_zone: 'America/Toronto', language: 'fr' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: number };
    const me = (await owner.request({ method: 'GET', url: '/api/v1/me' })).json() as {
      roles: Array<{ location_id: number; role: string }>;
    };
    expect(me.roles).toContainEqual(expect.objectContaining({ location_id: id, role: 'owner' }));
    expect(
      await api.t.db.selectFrom('message_rules').select('kind').where('location_id', '=', id).execute(),
    ).not.toHaveLength(0);
    const dup = await owner.request({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { code: 'laval', name: 'Again', time_zone: 'America/Toronto' },
    });
    expect(dup.json()).toMatchObject({ error: { code: 'already_exists', field: 'code' } });
    const badZone = await owner.request({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { code: 'x1', name: 'X', time_zone: 'Mars/Olympus' },
    });
    expect(badZone.json()).toMatchObject({ error: { field: 'time_zone' } });
    const manager = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'manager' }])).email,
    );
    expect(
      (
        await manager.request({
          method: 'POST',
          url: '/api/v1/locations',
          payload: { code: 'x2', name: 'X', time_zone: 'America/Toronto' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('API tokens', () => {
  it('are shown once, hashed at rest, limited by scope and location, and revocable', async () => {
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'DMS', scopes: ['read'], location_id: shop.locationId },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: number };
    const row = await api.t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const client = tokenClient(api.app, token);
    expect((await client.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(200);
    expect(
      (
        await client.request({
          method: 'POST',
          url: '/api/v1/customers',
          payload: { location_id: shop.locationId, customer_number: 'K1', mailing_name: 'A' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await client.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    expect((await client.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(403);
    expect((await owner.request({ method: 'DELETE', url: `/api/v1/api-tokens/${id}` })).statusCode).toBe(204);
    const after = await client.request({ method: 'GET', url: '/api/v1/customers' });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { message: expect.stringContaining('revoked') } });
    const audit = await api.t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('entity', '=', 'api_token')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', actor_type: 'user' },
      { action: 'revoke', actor_type: 'user' },
    ]);
  });
});

describe('location boundaries inside an organization', () => {
  it('a manager of location 2 only sees neither location 1’s audit entries nor its tokens', async () => {
    const second = await createLocation(api.t.db, shop.orgId, { code: `bound${Date.now()}`, name: 'Second' });
    const all = await api.t.db
      .selectFrom('locations')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .execute();
    const everywhere = await signIn(
      api.app,
      (
        await makeStaff(
          api.t.db,
          shop,
          all.map((l) => ({ locationId: l.id, role: 'owner' as const })),
        )
      ).email,
    );
    const manager2 = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: second.id, role: 'manager' }])).email,
    );
    const newCustomer = async (client: Client, locationId: number, n: string) => {
      const res = await client.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { location_id: locationId, customer_number: n, mailing_name: `Customer ${n}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      return String((res.json() as { id: number }).id);
    };
    const first1 = await newCustomer(everywhere, shop.locationId, 'BOUND1');
    const gone1 = await newCustomer(everywhere, shop.locationId, 'BOUND2');
    expect(
      (await everywhere.request({ method: 'DELETE', url: `/api/v1/customers/${gone1}` })).statusCode,
    ).toBe(204);
    const second2 = await newCustomer(manager2, second.id, 'BOUND3');

    type Entry = { entity: string; entity_id: string; action: string };
    const entries = async (client: Client) =>
      (
        (
          await client.request({ method: 'GET', url: '/api/v1/audit-log?entity=customer&limit=200' })
        ).json() as {
          items: Entry[];
        }
      ).items.map((e) => `${e.action} ${e.entity_id}`);
    const seen2 = await entries(manager2);
    expect(seen2).toContain(`create ${second2}`);
    expect(seen2).not.toContain(`create ${first1}`);
    expect(seen2).not.toContain(`create ${gone1}`);
    expect(seen2).not.toContain(`delete ${gone1}`);
    const seenAll = await entries(everywhere);
    expect(seenAll).toEqual(
      expect.arrayContaining([`create ${first1}`, `delete ${gone1}`, `create ${second2}`]),
    );
    // Filtering by location 1's record finds nothing, as for another organization's.
    const filtered = await manager2.request({
      method: 'GET',
      url: `/api/v1/audit-log?entity=customer&entity_id=${first1}`,
    });
    expect(filtered.json()).toMatchObject({ items: [] });

    const t1 = await makeApiToken(api.t.db, shop.orgId, ['read'], shop.locationId);
    const t2 = await makeApiToken(api.t.db, shop.orgId, ['read'], second.id);
    const tAll = await makeApiToken(api.t.db, shop.orgId, ['read'], null);
    const tokens = async (client: Client) =>
      (
        (await client.request({ method: 'GET', url: '/api/v1/api-tokens?limit=200' })).json() as {
          items: Array<{ id: number }>;
        }
      ).items.map((t) => t.id);
    const listed2 = await tokens(manager2);
    expect(listed2).toContain(t2.id);
    expect(listed2).not.toContain(t1.id);
    expect(listed2).not.toContain(tAll.id);
    expect(await tokens(everywhere)).toEqual(expect.arrayContaining([t1.id, t2.id, tAll.id]));
    // A location-2 owner cannot revoke location 1's token, nor the token for every location.
    const owner2 = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: second.id, role: 'owner' }])).email,
    );
    for (const id of [t1.id, tAll.id])
      expect((await owner2.request({ method: 'DELETE', url: `/api/v1/api-tokens/${id}` })).statusCode).toBe(
        404,
      );
    expect((await owner2.request({ method: 'DELETE', url: `/api/v1/api-tokens/${t2.id}` })).statusCode).toBe(
      204,
    );
    const stillActive = await api.t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', 'in', [t1.id, tAll.id])
      .where('revoked_at', 'is', null)
      .execute();
    expect(stillActive).toHaveLength(2);
  });
});

describe('location boundaries of deletes', () => {
  it('a delete of an imported record (no earlier audit entry) keeps its location: hidden from another location’s manager', async () => {
    const second = await createLocation(api.t.db, shop.orgId, { code: `imp${Date.now()}`, name: 'Second' });
    const all = await api.t.db
      .selectFrom('locations')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .execute();
    const everywhere = await signIn(
      api.app,
      (
        await makeStaff(
          api.t.db,
          shop,
          all.map((l) => ({ locationId: l.id, role: 'owner' as const })),
        )
      ).email,
    );
    const manager2 = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: second.id, role: 'manager' }])).email,
    );
    // Written as the import writes them: straight into the tables, with no audit entry.
    const keys = { org_id: shop.orgId, location_id: shop.locationId };
    const one = async (
      table: 'repair_orders' | 'mechanics' | 'courtesy_vehicles' | 'maintenance_schedules',
      values: object,
    ) =>
      String(
        (
          await api.t.db
            .insertInto(table)
            .values({ ...keys, ...values } as never)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const customer = await makeCustomer(api.t.db, shop);
    const records = [
      ['vehicle', 'vehicles', String((await makeVehicle(api.t.db, shop, customer.id)).id)],
      ['customer', 'customers', String(customer.id)],
      [
        'repair_order',
        'repair-orders',
        await one('repair_orders', { ro_number: `IMP${Date.now()}`, opened_on: '2024-01-01' }),
      ],
      ['mechanic', 'mechanics', await one('mechanics', { name: 'Imported mechanic' })],
      ['courtesy_vehicle', 'courtesy-vehicles', await one('courtesy_vehicles', { name: 'Imported loaner' })],
      [
        'maintenance_schedule',
        'maintenance-schedules',
        await one('maintenance_schedules', { name: 'Imported', make: 'Kia' }),
      ],
    ] as const;
    for (const [entity, path, id] of records) {
      const res = await everywhere.request({ method: 'DELETE', url: `/api/v1/${path}/${id}` });
      expect(res.statusCode, `${path} ${res.body}`).toBe(204);
      const entry = await api.t.db
        .selectFrom('audit_log')
        .select('location_id')
        .where('org_id', '=', shop.orgId)
        .where('entity', '=', entity)
        .where('entity_id', '=', id)
        .where('action', '=', 'delete')
        .executeTakeFirstOrThrow();
      expect(entry.location_id, entity).toBe(shop.locationId);
      const seen = (
        await manager2.request({ method: 'GET', url: `/api/v1/audit-log?entity=${entity}&entity_id=${id}` })
      ).json() as { items: unknown[] };
      expect(seen.items, entity).toEqual([]);
      const seenAll = (
        await everywhere.request({ method: 'GET', url: `/api/v1/audit-log?entity=${entity}&entity_id=${id}` })
      ).json() as { items: unknown[] };
      expect(seenAll.items, entity).toHaveLength(1);
    }
  });
});

describe('settings secrets and consent', () => {
  it('encrypts the CustomerLink password, never returns it, and requires confirmation with who and when', async () => {
    const url = `/api/v1/locations/${shop.locationId}/settings/customerlink`;
    const settings = {
      account_number: 'CL-1',
      server: '127.0.0.1',
      port: 2121,
      user: 'shop',
      directory: '/in',
      passive: true,
    };
    const refused = await owner.request({
      method: 'PUT',
      url,
      payload: { enabled: true, settings, password: 'ftp-pässword' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'confirmation_required', field: 'confirm_send' } });
    const saved = await owner.request({
      method: 'PUT',
      url,
      payload: { enabled: true, settings, password: 'ftp-pässword', confirm_send: true },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain('ftp-pässword');
    expect(saved.json()).toMatchObject({
      enabled: true,
      password_set: true,
      consent: { at: api.clock.now.toISOString() },
    });
    const row = await api.t.db
      .selectFrom('partner_settings')
      .selectAll()
      .where('location_id', '=', shop.locationId)
      .where('partner', '=', 'customerlink')
      .executeTakeFirstOrThrow();
    expect(row.secret_ciphertext).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('ftp-pässword');
    const all = await owner.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/settings` });
    expect(all.body).not.toContain('ftp-pässword');
    expect(all.json()).toMatchObject({ customerlink: { password_set: true, settings: { port: 2121 } } });
    const log = await api.t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'settings_customerlink')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(log.changes)).not.toContain('ftp-pässword');
    const carfax = await owner.request({
      method: 'PUT',
      url: `/api/v1/locations/${shop.locationId}/settings/carfax`,
      payload: { enabled: true, settings: { endpoint: 'https://carfax.example/x' } },
    });
    expect(carfax.json()).toMatchObject({ error: { field: 'accept_terms' } });
  });

  it('refuses a template with an unknown merge field, naming it', async () => {
    const r = await owner.request({
      method: 'PUT',
      url: `/api/v1/locations/${shop.locationId}/templates/THANK_YOU/email/en`,
      payload: { subject: 'Hi', body: 'Hello {{frist_name}}' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      error: { code: 'unknown_merge_field', field: 'body', message: expect.stringContaining('frist_name') },
    });
  });

  it('validates INACTIVE day settings', async () => {
    const url = `/api/v1/locations/${shop.locationId}/message-rules/INACTIVE/email`;
    expect(
      (
        await owner.request({ method: 'PUT', url, payload: { days: 90, interval_days: 60, dead_days: 60 } })
      ).json(),
    ).toMatchObject({ error: { field: 'dead_days' } });
    expect((await owner.request({ method: 'PUT', url, payload: { days: 0 } })).json()).toMatchObject({
      days: 0,
    });
    expect(
      (
        await owner.request({
          method: 'PUT',
          url: `/api/v1/locations/${shop.locationId}/message-rules/E03/postcard`,
          payload: { days: 3 },
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('appointments life cycle', () => {
  it('confirming a requested appointment queues E05; invalid transitions are refused', async () => {
    const ids = await makeTenantRecords(api.t.db, shop);
    const booked = await owner.request({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: {
        location_id: shop.locationId,
        customer_id: ids.customerId,
        mechanic_id: ids.mechanicId,
        starts_at: '2026-03-13T09:00:00-04:00',
        ends_at: '2026-03-13T10:00:00-04:00',
        status: 'requested',
      },
    });
    expect(booked.statusCode).toBe(201);
    const { id } = booked.json() as { id: number };
    const wrong = await owner.request({
      method: 'POST',
      url: `/api/v1/appointments/${id}/status`,
      payload: { status: 'done' },
    });
    expect(wrong.json()).toMatchObject({
      error: {
        code: 'invalid_transition',
        message: expect.stringContaining('allowed: confirmed, cancelled'),
      },
    });
    expect(
      (
        await owner.request({
          method: 'POST',
          url: `/api/v1/appointments/${id}/status`,
          payload: { status: 'confirmed' },
        })
      ).json(),
    ).toMatchObject({ status: 'confirmed' });
    const e05 = await api.t.db
      .selectFrom('messages')
      .select(['kind', 'appointment_id'])
      .where('kind', '=', 'E05')
      .where('appointment_id', '=', id)
      .execute();
    expect(e05).toHaveLength(1);
    const outside = await owner.request({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: {
        location_id: shop.locationId,
        customer_id: ids.customerId,
        mechanic_id: ids.mechanicId,
        starts_at: '2026-03-13T18:00:00-04:00',
        ends_at: '2026-03-13T19:00:00-04:00',
      },
    });
    expect(outside.json()).toMatchObject({ error: { code: 'outside_working_hours', field: 'starts_at' } });
    const avail = (
      await owner.request({
        method: 'GET',
        url: `/api/v1/locations/${shop.locationId}/availability?date=2026-03-13&mechanic_id=${ids.mechanicId}`,
      })
    ).json() as { mechanics: Array<{ slots: Array<{ starts_at: string }> }> };
    const starts = avail.mechanics[0]!.slots.map((s) => s.starts_at);
    expect(starts[0]).toBe('2026-03-13T12:00:00.000Z');
    expect(starts).not.toContain('2026-03-13T13:00:00.000Z');
    expect(starts).not.toContain('2026-03-13T12:30:00.000Z');
    await api.t.db
      .updateTable('mechanics')
      .set({ skills: ['brakes'] })
      .where('id', '=', ids.mechanicId)
      .execute();
    const bySkill = async (skill: string) =>
      (
        (
          await owner.request({
            method: 'GET',
            url: `/api/v1/locations/${shop.locationId}/availability?date=2026-03-13&skill=${skill}`,
          })
        ).json() as { mechanics: Array<{ mechanic_id: number }> }
      ).mechanics.map((m) => m.mechanic_id);
    expect(await bySkill('brakes')).toEqual([ids.mechanicId]);
    expect(await bySkill('tires')).not.toContain(ids.mechanicId);
  });
});

describe('password reset', () => {
  it('emails a one-use link and closes old sessions', async () => {
    const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'sales_rep' }]);
    const old = await signIn(api.app, staff.email);
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/v1/password-reset',
          payload: { email: 'nobody@nowhere.test' },
        })
      ).statusCode,
    ).toBe(202);
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/v1/password-reset',
          payload: { email: staff.email },
        })
      ).statusCode,
    ).toBe(202);
    await afterAnswers(api.app);
    const mail = await api.t.db
      .selectFrom('caught_mail')
      .select(['raw', 'envelope_to'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.envelope_to).toEqual([staff.email]);
    const text = (await simpleParser(mail.raw)).text ?? '';
    const token = decodeURIComponent(/reset-password\?token=(\S+)/.exec(text)![1]!);
    const stored = await api.t.db.selectFrom('password_resets').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const done = await api.app.inject({
      method: 'POST',
      url: '/api/v1/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(done.statusCode).toBe(200);
    expect((await old.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await signIn(api.app, staff.email, 'a brand new password')).csrf).toBeTruthy();
    const again = await api.app.inject({
      method: 'POST',
      url: '/api/v1/password-reset/confirm',
      payload: { token, password: 'another new password' },
    });
    expect(again.json()).toMatchObject({ error: { code: 'invalid_token', field: 'token' } });
  });
});

describe('operator', () => {
  it('switches paid options and sees usage; staff cannot, and the operator sees no shop data', async () => {
    const op = await signIn(api.app, (await makeOperator(api.t.db)).email);
    const url = `/api/v1/operator/organizations/${shop.orgId}/locations/${shop.locationId}/options`;
    expect(
      (await owner.request({ method: 'PATCH', url, payload: { postcards_enabled: true } })).statusCode,
    ).toBe(403);
    expect(
      (await op.request({ method: 'PATCH', url, payload: { postcards_enabled: true } })).json(),
    ).toMatchObject({ postcards_enabled: true });
    expect((await op.request({ method: 'PATCH', url, payload: { sms_enabled: true } })).json()).toMatchObject(
      { postcards_enabled: true, sms_enabled: true },
    );
    await api.t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'THANK_YOU',
        channel: 'email',
        due_on: '2026-02-10',
        dedupe_key: 'usage-1',
        status: 'sent',
        sent_at: '2026-02-10T15:00:00Z',
      })
      .execute();
    const usage = await op.request({
      method: 'GET',
      url: `/api/v1/operator/usage?from=2026-01&to=2026-03&org_id=${shop.orgId}`,
    });
    expect(usage.json()).toEqual({
      items: [
        { org_id: shop.orgId, location_id: shop.locationId, channel: 'email', month: '2026-02', count: 1 },
      ],
    });
    expect((await op.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(403);
    const log = await api.t.db
      .selectFrom('audit_log')
      .select(['actor_type', 'org_id'])
      .where('action', '=', 'set_options')
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ actor_type: 'operator', org_id: shop.orgId });
  });
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document and a self-contained docs page', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/customers/{customerId}');
    expect(doc.paths['/api/v1/appointments']!.post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
    });
    const page = await api.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/v1/customers/{customerId}');
    expect(page.body).not.toMatch(/<script|<link|\ssrc=|href="https?:/i);
    const remote = await api.app.inject({ method: 'GET', url: '/api/docs', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(404);
  });
});

describe('disabled users', () => {
  it('a disabled user’s API tokens stop working at once, and their sessions end', async () => {
    const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const client = await signIn(api.app, staff.email);
    const created = await client.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'Their DMS sync', scopes: ['read'], location_id: shop.locationId },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: number };
    const viaToken = tokenClient(api.app, token);
    expect((await viaToken.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(200);

    const disabled = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${staff.id}`,
      payload: { disabled: true },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    const refused = await viaToken.request({ method: 'GET', url: '/api/v1/customers' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await client.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const row = await api.t.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    const log = await api.t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(staff.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(log.changes).toMatchObject({ revoked_api_tokens: [id] });
  });

  it('a token stops working when its creator is disabled by any path, not only through the API', async () => {
    const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const { token, id } = await makeApiToken(api.t.db, shop.orgId, ['read']);
    await api.t.db.updateTable('api_tokens').set({ created_by: staff.id }).where('id', '=', id).execute();
    const client = tokenClient(api.app, token);
    expect((await client.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(200);
    await api.t.db
      .updateTable('users')
      .set({ disabled_at: api.clock.now })
      .where('id', '=', staff.id)
      .execute();
    expect((await client.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(401);
  });
});

describe('rate limits across emails and on password reset', () => {
  it('caps failed sign-ins per IP across many emails; another IP is not affected', async () => {
    const ip = '198.51.100.7';
    const signInFrom = (remoteAddress: string, email: string, password: string) =>
      api.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, payload: { email, password } });
    const sessions = async () =>
      (await api.t.db.selectFrom('sessions').select('token_hash').execute()).length;
    for (let i = 0; i < 50; i++)
      expect((await signInFrom(ip, `spray${i}@nowhere.test`, 'Summer2026!')).statusCode).toBe(401);
    const before = await sessions();
    const blocked = await signInFrom(ip, ownerEmail, PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await sessions()).toBe(before);
    expect((await signInFrom('198.51.100.8', ownerEmail, PASSWORD)).statusCode).toBe(200);
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect((await signInFrom(ip, ownerEmail, PASSWORD)).statusCode).toBe(200);
    } finally {
      api.clock.now = saved;
    }
  });

  it('limits reset requests per IP and email (10 in 15 minutes) and per IP across emails; nothing is mailed past the limit', async () => {
    const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'sales_rep' }]);
    const ask = async (remoteAddress: string, email: string) => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        remoteAddress,
        payload: { email },
      });
      await afterAnswers(api.app);
      return res;
    };
    const mails = async () =>
      Number(
        (
          await api.t.db
            .selectFrom('caught_mail')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(sql<boolean>`${staff.email} = ANY(envelope_to)`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (let i = 0; i < 10; i++) expect((await ask('198.51.100.20', staff.email)).statusCode).toBe(202);
    expect(await mails()).toBe(10);
    const limited = await ask('198.51.100.20', staff.email);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await mails()).toBe(10);
    // Sign-in is a separate budget: the reset flood does not lock the user out.
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          remoteAddress: '198.51.100.20',
          payload: { email: staff.email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    // Per IP across emails: 50 requests for different addresses, then even a new address waits.
    for (let i = 0; i < 50; i++)
      expect((await ask('198.51.100.21', `someone${i}@nowhere.test`)).statusCode).toBe(202);
    expect((await ask('198.51.100.21', staff.email)).statusCode).toBe(429);
    expect(await mails()).toBe(10);
  });
});
