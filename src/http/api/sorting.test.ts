// Server-side sorting of the console's lists (customers, messages, tasks, promotions, campaigns,
// users, API tokens, maintenance schedules, appointments): every whitelisted
// column in both directions, paged 3 rows at a time with the returned cursors, gives every row
// exactly once in the order of the whole list sorted by (column, id); a cursor of another sort
// or a column outside the whitelist is refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { createShopApiTest, makeStaff, type ApiTest, type Client } from '../../../test/helpers/api.ts';
import { CUSTOMER_SORTS } from './customers/list-customers.ts';
import { MESSAGE_SORTS } from './outbox/list-messages.ts';
import { TASK_SORTS } from '../../delivery/tasks/list-staff-tasks.ts';
import { PROMOTION_SORTS } from './promotions/list-promotions.ts';
import { CAMPAIGN_SORTS } from './campaigns/list-campaigns.ts';
import { USER_SORTS } from './users/list-users.ts';
import { TOKEN_SORTS } from './tokens/list-tokens.ts';
import { SCHEDULE_SORTS } from './maintenance/list-schedules.ts';
import { APPOINTMENT_SORTS } from './appointments/list-appointments.ts';
import { makeAppointment } from '../../../test/helpers/engine.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;

beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
  // Equal names, missing emails and cities, equal dates: the ties and nulls that break naive keysets.
  const names = ['Tremblay', 'Gagnon', 'Roy', 'Gagnon', 'Côté', 'gagnon', 'Tremblay', 'Bouchard'];
  for (const [i, name] of names.entries()) {
    const c = await makeCustomer(api.t.db, shop, {
      mailing_name: name,
      email: i % 3 === 0 ? null : `c${i}@example.test`,
      city: i % 2 ? 'Laval' : null,
      last_visit_on: i % 4 ? `2026-0${(i % 3) + 1}-01` : null,
    });
    await api.t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: i % 2 ? 'E02' : 'E03',
        channel: i % 3 ? 'email' : 'postcard',
        customer_id: c.id,
        due_on: `2026-03-0${(i % 3) + 1}`,
        dedupe_key: `sort${i}`,
        status: i % 2 ? 'sent' : 'pending',
        sent_at: i % 2 ? new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 0) + (i % 3) * 1000) : null,
      })
      .execute();
    await api.t.db
      .insertInto('staff_tasks')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: i % 2 ? 'P00' : 'P01',
        customer_id: i === 5 ? null : c.id,
        assigned_role: 'crm_agent',
        due_on: `2026-03-0${(i % 3) + 1}`,
      })
      .execute();
    const day = (n: number | null) => (n === null ? null : `2026-0${n}-01`);
    await api.t.db
      .insertInto('promotions')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        name,
        coupon_code: i % 3 === 0 ? null : `C${i % 2}`,
        description: JSON.stringify({ en: name }),
        valid_from: day(i % 4 ? (i % 3) + 1 : null),
        valid_until: day(i % 2 ? 9 : null),
      })
      .execute();
    await api.t.db
      .insertInto('campaigns')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        name,
        status: i % 2 ? 'draft' : 'cancelled',
        content: JSON.stringify({ en: { subject: name, body: name } }),
        send_on: day(i % 3 ? (i % 2) + 4 : null),
      })
      .execute();
    const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }]);
    await api.t.db
      .updateTable('users')
      .set({ name, language: i % 2 ? 'fr' : 'en' })
      .where('id', '=', staff.id)
      .execute();
    await api.t.db
      .insertInto('api_tokens')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        name,
        token_hash: `sorting-${shop.orgId}-${i}`,
        last_used_at: i % 3 ? new Date(Date.UTC(2026, 2, 1) + (i % 2) * 1000) : null,
      })
      .execute();
    // Equal start times, visitors without a customer, several statuses.
    await makeAppointment(api.t.db, shop, {
      customerId: i % 3 === 0 ? null : c.id,
      visitor: i % 3 === 0 ? { name: `Visitor ${i}`, email: null } : undefined,
      startsAt: `2026-03-0${(i % 3) + 1}T1${i % 2}:00:00Z`,
      minutes: 30 + (i % 2) * 30,
      status: (['confirmed', 'requested', 'no_show'] as const)[i % 3] as Parameters<
        typeof makeAppointment
      >[2]['status'],
    });
    await api.t.db
      .insertInto('maintenance_schedules')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        name,
        make: [`Toyota`, 'Honda', null][i % 3],
        model: i % 4 ? `M${i}` : null,
      })
      .execute();
  }
});
afterAll(async () => api?.close());

async function allPages(base: string, sort: string): Promise<Array<Record<string, unknown>>> {
  const seen: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  for (let n = 0; n < 20; n++) {
    const res = await owner.request({
      method: 'GET',
      url: `${base}${base.includes('?') ? '&' : '?'}sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Array<Record<string, unknown>>; next_cursor: string | null };
    seen.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return seen;
  }
  throw new Error('did not end');
}

/** The whole list, sorted by the database the same way (collation included). */
async function expected(table: string, column: string, desc: boolean, fill: string): Promise<number[]> {
  const dir = desc ? 'DESC' : 'ASC';
  const join = ['customers', 'messages', 'staff_tasks', 'appointments'].includes(table)
    ? `LEFT JOIN customers c ON c.org_id = t.org_id AND c.id = ${table === 'customers' ? 't.id' : 't.customer_id'}`
    : '';
  // Users: those with a role at the shop's location (the list's scope).
  const scope =
    table === 'users'
      ? ` AND t.id IN (SELECT user_id FROM user_roles WHERE location_id = ${shop.locationId})`
      : '';
  const { rows } = await sql
    .raw<{ id: number }>(
      `SELECT t.id FROM ${table} t ${join} WHERE t.org_id = ${shop.orgId}${scope} ORDER BY coalesce(${column}, ${fill}) ${dir}, t.id ${dir}`,
    )
    .execute(api.t.db);
  return rows.map((r) => Number(r.id));
}

const FILL = { text: "''", date: "'-infinity'::date", timestamptz: "'-infinity'::timestamptz", bigint: '-1' };
const qualify = (ref: string) => (ref.includes('.') ? ref : `t.${ref}`);

describe(`server-side sorting with keyset pages on ${backendName}`, () => {
  const lists = [
    {
      name: 'customers',
      base: () => `/api/v1/customers?location_id=${shop.locationId}`,
      sorts: CUSTOMER_SORTS,
    },
    { name: 'messages', base: () => `/api/v1/messages?location_id=${shop.locationId}`, sorts: MESSAGE_SORTS },
    {
      name: 'staff_tasks',
      base: () => `/api/v1/locations/${shop.locationId}/tasks`,
      sorts: TASK_SORTS,
    },
    {
      name: 'promotions',
      base: () => `/api/v1/locations/${shop.locationId}/promotions`,
      sorts: PROMOTION_SORTS,
    },
    {
      name: 'campaigns',
      base: () => `/api/v1/locations/${shop.locationId}/campaigns`,
      sorts: CAMPAIGN_SORTS,
    },
    { name: 'users', base: () => `/api/v1/users?location_id=${shop.locationId}`, sorts: USER_SORTS },
    { name: 'api_tokens', base: () => `/api/v1/api-tokens`, sorts: TOKEN_SORTS },
    {
      name: 'maintenance_schedules',
      base: () => `/api/v1/locations/${shop.locationId}/maintenance-schedules`,
      sorts: SCHEDULE_SORTS,
    },
    {
      name: 'appointments',
      base: () => `/api/v1/appointments?location_id=${shop.locationId}`,
      sorts: APPOINTMENT_SORTS,
    },
  ];
  // The appointments list's customer_name is the customer's mailing name.
  // (The appointments' sort columns name the list's subquery `a`.)
  const refOf = (table: string, ref: string) =>
    table !== 'appointments'
      ? qualify(ref)
      : ref === 'a.customer_name'
        ? 'c.mailing_name'
        : ref.replace(/^a\./, 't.');
  for (const list of lists)
    it(`${list.name}: every column, both directions, each row once in order`, async () => {
      for (const [column, def] of Object.entries(list.sorts))
        for (const desc of [false, true]) {
          const got = (await allPages(list.base(), `${desc ? '-' : ''}${column}`)).map((r) => r.id);
          const want = await expected(list.name, refOf(list.name, def.ref), desc, FILL[def.type]);
          expect(got, `${list.name} sort=${desc ? '-' : ''}${column}`).toEqual(want);
        }
    });

  it('without sort, promotions and campaigns stay newest first, a page at a time', async () => {
    for (const table of ['promotions', 'campaigns']) {
      const base = `/api/v1/locations/${shop.locationId}/${table}`;
      const got: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res = await owner.request({
          method: 'GET',
          url: `${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { items: Array<{ id: number }>; next_cursor: string | null };
        got.push(...page.items.map((r) => r.id));
        cursor = page.next_cursor;
      } while (cursor);
      const want = await expected(table, 't.id', true, '-1');
      expect(got, table).toEqual(want);
    }
  });

  it('refuses a column outside the whitelist and a cursor of another sort', async () => {
    const bad = await owner.request({ method: 'GET', url: '/api/v1/customers?sort=notes' });
    expect(bad.statusCode).toBe(400);
    const first = await owner.request({ method: 'GET', url: '/api/v1/customers?sort=mailing_name&limit=2' });
    const cursor = (first.json() as { next_cursor: string }).next_cursor;
    const other = await owner.request({
      method: 'GET',
      url: `/api/v1/customers?sort=-mailing_name&limit=2&cursor=${cursor}`,
    });
    expect(other.statusCode).toBe(400);
    expect((other.json() as { error: { field: string } }).error.field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ s: 'created_at', k: '2026-13-45 99:00:00', i: 1 })).toString(
      'base64url',
    );
    const res = await owner.request({
      method: 'GET',
      url: `/api/v1/customers?sort=created_at&cursor=${forged}`,
    });
    expect(res.statusCode).toBe(400);
  });
});
