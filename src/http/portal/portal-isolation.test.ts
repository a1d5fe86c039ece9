// Portal isolation, route by route (the list in routes.ts): signed in as customer A, every route
// that names a record is called with customer B's ids, for a B at the same location, at another
// location of the organization, and in another organization: always 404, and B's file, vehicles,
// appointments and messages are unchanged. Without a session, every signed-in route sends to
// the sign-in page and shows nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeVehicle } from '../../../test/helpers/factories.ts';
import { testContext } from '../../../test/helpers/delivery.ts';
import { makeBookableShop, PortalBrowser, signedInBrowser } from '../../../test/helpers/portal.ts';
import { createLocation } from '../../tenancy/create-location.ts';
import { buildApp } from '../app.ts';
import { PORTAL_ROUTES } from './routes.ts';

let t: TestDatabase;
let app: FastifyInstance;
const now = new Date('2026-03-10T14:00:00Z');

interface Person {
  name: string;
  orgId: number;
  customerId: number;
  ids: { vehicle: number; appointment: number };
}
let a: Person;
const others: Person[] = [];

async function person(
  name: string,
  shop: { orgId: number; locationId: number },
  mechanicId: number,
  hour: number,
): Promise<Person> {
  const c = await makeCustomer(t.db, shop, { mailing_name: `${name} file`, city: `${name} city` });
  const v = await makeVehicle(t.db, shop, c.id);
  const appt = await t.db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: c.id,
      vehicle_id: v.id,
      mechanic_id: mechanicId,
      starts_at: new Date(`2026-03-12T${hour}:00:00Z`),
      ends_at: new Date(`2026-03-12T${hour + 1}:00:00Z`),
      status: 'confirmed',
      source: 'portal',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { name, orgId: shop.orgId, customerId: c.id, ids: { vehicle: v.id, appointment: appt.id } };
}

async function snapshot(p: Person) {
  const where = <T extends 'customers' | 'vehicles' | 'appointments' | 'messages' | 'staff_tasks'>(
    table: T,
  ) =>
    t.db
      .selectFrom(table as 'customers')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where(table === 'customers' ? 'id' : ('customer_id' as 'id'), '=', p.customerId)
      .orderBy('id')
      .execute();
  return JSON.stringify(
    await Promise.all([
      where('customers'),
      where('vehicles'),
      where('appointments'),
      where('messages'),
      where('staff_tasks'),
    ]),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp(testContext(t, {}, () => now));
  const shop = await makeBookableShop(t.db);
  const second = await createLocation(t.db, shop.orgId, {
    code: 'second',
    name: 'Second',
    time_zone: 'America/Toronto',
  });
  const otherOrg = await makeBookableShop(t.db);
  a = await person('A', shop, shop.mechanicId, 13);
  others.push(await person('B-same-location', shop, shop.mechanicId, 15));
  others.push(
    await person('B-other-location', { orgId: shop.orgId, locationId: second.id }, shop.mechanicId, 17),
  );
  others.push(await person('B-other-org', otherOrg, otherOrg.mechanicId, 13));
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const withIds = (path: string, ownIds: Record<string, 'vehicle' | 'appointment'>, p: Person) =>
  path.replace(/:(\w+)/g, (_m, name: string) => String(p.ids[ownIds[name]!]));

describe(`portal isolation on ${backendName}`, () => {
  it('every signed-in route naming a record says which of the customer’s records it names', () => {
    for (const route of PORTAL_ROUTES.filter((r) => r.signedIn)) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const p of params) expect(route.ownIds?.[p], `${route.method} ${route.path} :${p}`).toBeDefined();
    }
    expect(PORTAL_ROUTES.filter((r) => r.ownIds).length).toBeGreaterThanOrEqual(4);
  });

  for (const route of PORTAL_ROUTES.filter((r) => r.ownIds)) {
    it(`${route.method} ${route.path} with another customer's ids: 404, and they are unchanged`, async () => {
      for (const b of others) {
        const before = await snapshot(b);
        const browser = await signedInBrowser(app, t.db, a, now);
        const url = withIds(route.path, route.ownIds!, b);
        const res =
          route.method === 'GET'
            ? await browser.get(url)
            : await browser.post(url, { starts_at: '2026-03-12T19:00:00.000Z', ...route.exampleBody });
        expect(res.statusCode, `${b.name}: ${route.method} ${url}`).toBe(404);
        expect(res.body).not.toContain(`${b.name} file`);
        expect(await snapshot(b), b.name).toBe(before);
      }
      // The same route with A's own ids is not a 404 (the test would prove nothing otherwise).
      const own = await signedInBrowser(app, t.db, a, now);
      const url = withIds(route.path, route.ownIds!, a);
      const res = route.method === 'GET' ? await own.get(url) : await own.post(url, { ...route.exampleBody });
      expect(res.statusCode, `${route.method} ${url}`).not.toBe(404);
    });
  }

  it('every signed-in form refuses a POST without its CSRF token: 403, nothing changed, still signed in', async () => {
    const posts = PORTAL_ROUTES.filter((r) => r.signedIn && r.method === 'POST');
    expect(posts.map((r) => r.path).sort()).toEqual([
      '/portal/appointments/:appointmentId/cancel',
      '/portal/appointments/:appointmentId/move',
      '/portal/book',
      '/portal/file',
      '/portal/sign-out',
    ]);
    for (const route of posts) {
      const before = await snapshot(a);
      const browser = await signedInBrowser(app, t.db, a, now);
      const url = route.ownIds ? withIds(route.path, route.ownIds, a) : route.path;
      const res = await browser.post(
        url,
        { starts_at: '2026-03-12T19:00:00.000Z', ...route.exampleBody },
        { csrf: false },
      );
      expect(res.statusCode, `${route.method} ${url}`).toBe(403);
      expect(await snapshot(a), url).toBe(before);
      expect((await browser.get('/portal')).statusCode, url).toBe(200);
    }
  });

  it('pages show only the signed-in customer’s records', async () => {
    const browser = await signedInBrowser(app, t.db, a, now);
    for (const url of ['/portal', '/portal/file', '/portal/book', '/portal/surveys', '/portal/data']) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(200);
      for (const b of others) {
        expect(res.body, `${url} shows ${b.name}`).not.toContain(`${b.name} file`);
        expect(res.body, `${url} shows ${b.name}`).not.toContain(`${b.name} city`);
      }
    }
  });

  it('without a session every signed-in route sends to the sign-in page', async () => {
    const anonymous = new PortalBrowser(app);
    for (const route of PORTAL_ROUTES.filter((r) => r.signedIn)) {
      const url = route.ownIds ? withIds(route.path, route.ownIds, a) : route.path;
      const res =
        route.method === 'GET' ? await anonymous.get(url) : await anonymous.post(url, {}, { csrf: false });
      expect(res.statusCode, `${route.method} ${url}`).toBe(303);
      expect(res.headers.location).toBe('/portal/sign-in');
    }
  });
});
